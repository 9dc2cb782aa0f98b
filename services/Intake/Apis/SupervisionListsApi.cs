using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Intake.Apis;

/// <summary>
/// The district supervisor's two lists (两张清单) over every unit the token's supervised_units names: key applicants
/// (重点人群) and key subjects (重点事项), and the alerts when a threshold is crossed. Each unit is read in its own tenant
/// scope — row-level security still applies — and every read goes into that unit's audit chain. A unit the supervisor
/// does not supervise is simply not read. Nothing here identifies an applicant: a pseudonym stands for the person.
/// </summary>
public static class SupervisionListsApi
{
    private const int MinYear = 2000;
    private const int MaxYear = 2100;
    private const int MaxRangeYears = 3;
    private const int MaxThreshold = 1000;

    public static RouteGroupBuilder MapSupervisionListsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/supervision")
            .RequireDistrictSupervisor();
        api.MapGet("/key-applicants", KeyApplicants);
        api.MapGet("/key-subjects", KeySubjects);
        api.MapGet("/alerts", Alerts);
        return api;
    }

    public sealed record KeyApplicantsView(DateOnly From, DateOnly To, int Min, IReadOnlyList<string> Units, IReadOnlyList<KeyApplicant> Applicants);

    /// <param name="Compared">Applications clustered; <paramref name="Truncated"/>: the range held more, only the newest were compared.</param>
    public sealed record KeySubjectsView(DateOnly From, DateOnly To, int MinApplicants, double SimilarityThreshold, IReadOnlyList<string> Units,
        int Compared, bool Truncated, IReadOnlyList<KeySubject> Subjects);

    public sealed record AlertsView(DateOnly From, DateOnly To, IReadOnlyList<string> Units, AlertThresholds Thresholds, int Compared, bool Truncated,
        IReadOnlyList<SupervisionAlert> Alerts);

    /// <summary>The thresholds the alerts were computed with, so the console can say why something is (not) listed.</summary>
    public sealed record AlertThresholds(int KeyApplicantMinApplications, int KeySubjectMinApplicants, int RepeatWindowDays, int RepeatMinApplications,
        double SimilarityThreshold);

    private static async Task<IResult> KeyApplicants(DateOnly? from, DateOnly? to, int? min, ClaimsPrincipal user, HttpContext http, IntakeDbContext db,
        IServiceScopeFactory scopes, PersonalDataProtector protector, IOptions<SupervisionOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (SupervisedUnits(user) is not { Count: > 0 } units)
            return NoUnits();
        var errors = new Dictionary<string, string[]>();
        var range = Range(from, to, clock, errors);
        var threshold = Threshold(min, options.Value.KeyApplicantMinApplications, "min", errors);
        if (errors.Count > 0)
            return Invalid(errors);
        var (start, end) = range!.Value;
        var applications = await ApplicantApplicationsAsync(scopes, units, start, end, threshold, ct);
        var applicants = SupervisionLists.KeyApplicants(applications, threshold, Pseudonyms(protector));
        await AuditAsync(db, user, http, clock, units, "supervisor-viewed-key-applicants", start, end,
            unit => $"重点人群（{threshold}件以上）：涉及本单位 {applicants.Count(a => a.Units.Any(u => u.Unit == unit))} 人", ct);
        return TypedResults.Ok(new KeyApplicantsView(start, end, threshold, units, applicants));
    }

    /// <summary>
    /// Whether a subject was flagged for Art. 44 is what Intake knows (its registration flags, per unit); what each unit then
    /// decided (suggestion open, accepted, declined) is Publishing's, asked once per unit.
    /// </summary>
    private static async Task<IResult> KeySubjects(DateOnly? from, DateOnly? to, int? minApplicants, ClaimsPrincipal user, HttpContext http, IntakeDbContext db,
        IServiceScopeFactory scopes, IOptions<SupervisionOptions> options, IOptions<RepeatDetectionOptions> repeat, InternalServiceClient services,
        ILogger<IntakeDbContext> logger, TimeProvider clock, CancellationToken ct)
    {
        if (SupervisedUnits(user) is not { Count: > 0 } units)
            return NoUnits();
        var errors = new Dictionary<string, string[]>();
        var range = Range(from, to, clock, errors);
        var threshold = Threshold(minApplicants, options.Value.KeySubjectMinApplicants, "minApplicants", errors);
        if (errors.Count > 0)
            return Invalid(errors);
        var (start, end) = range!.Value;
        var (applications, truncated) = await NewestApplicationsAsync(scopes, units, start, end, options.Value.MaxClusteredApplications, ct);
        var subjects = await WithConversionsAsync(SupervisionLists.KeySubjects(SupervisionLists.Cluster(applications, repeat.Value.SimilarityThreshold), threshold),
            services, logger, ct);
        await AuditAsync(db, user, http, clock, units, "supervisor-viewed-key-subjects", start, end,
            unit => $"重点事项（{threshold}名申请人以上或跨单位）：涉及本单位 {subjects.Count(s => s.Units.Any(u => u.Unit == unit))} 项", ct);
        return TypedResults.Ok(new KeySubjectsView(start, end, threshold, repeat.Value.SimilarityThreshold, units, applications.Count, truncated, subjects));
    }

    /// <summary>Each subject with its units' conversion states; if Publishing cannot answer, the list still comes, without them.</summary>
    private static async Task<IReadOnlyList<KeySubject>> WithConversionsAsync(IReadOnlyList<KeySubject> subjects, InternalServiceClient services,
        ILogger logger, CancellationToken ct)
    {
        var states = new Dictionary<(string Unit, string Number), ConversionStatus>();
        try
        {
            foreach (var unit in subjects.SelectMany(s => s.Applications).GroupBy(a => a.Unit))
            {
                var query = string.Join('&', unit.Select(a => "number=" + Uri.EscapeDataString(a.Number)).Distinct().Take(200));
                foreach (var status in await services.GetAsync<List<ConversionStatus>>("publishing", $"/internal/publishing/conversions?{query}", unit.Key, ct))
                    states[(unit.Key, status.ApplicationNumber)] = status;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not read the units' Art. 44 conversions from Publishing: {Message}", ex.Message);
            return subjects;
        }
        return [.. subjects.Select(s => s with
        {
            Conversions = [.. s.Units.Select(u => s.Applications.Where(a => a.Unit == u.Unit)
                .Select(a => states.GetValueOrDefault((u.Unit, a.Number))).OfType<ConversionStatus>().FirstOrDefault() is { } c
                    ? new UnitConversion(u.Unit, c.State, c.StateLabel) : new UnitConversion(u.Unit, null, "未提出"))],
        })];
    }

    private static async Task<IResult> Alerts(DateOnly? from, DateOnly? to, ClaimsPrincipal user, HttpContext http, IntakeDbContext db,
        IServiceScopeFactory scopes, PersonalDataProtector protector, IOptions<SupervisionOptions> options, IOptions<RepeatDetectionOptions> repeat,
        TimeProvider clock, CancellationToken ct)
    {
        if (SupervisedUnits(user) is not { Count: > 0 } units)
            return NoUnits();
        var errors = new Dictionary<string, string[]>();
        var range = Range(from, to, clock, errors);
        if (errors.Count > 0)
            return Invalid(errors);
        var (start, end) = range!.Value;
        var o = options.Value;
        // Only applicants who could cross either applicant threshold are read with their applications.
        var byApplicant = await ApplicantApplicationsAsync(scopes, units, start, end, Math.Min(o.KeyApplicantMinApplications, o.RepeatMinApplications), ct);
        var (newest, truncated) = await NewestApplicationsAsync(scopes, units, start, end, o.MaxClusteredApplications, ct);
        var alerts = SupervisionLists.Alerts(byApplicant, SupervisionLists.Cluster(newest, repeat.Value.SimilarityThreshold), o, Pseudonyms(protector));
        await AuditAsync(db, user, http, clock, units, "supervisor-viewed-supervision-alerts", start, end,
            unit => $"两张清单预警：涉及本单位 {alerts.Count(a => a.Units.Contains(unit))} 条", ct);
        var thresholds = new AlertThresholds(o.KeyApplicantMinApplications, o.KeySubjectMinApplicants, o.RepeatWindowDays, o.RepeatMinApplications,
            repeat.Value.SimilarityThreshold);
        return TypedResults.Ok(new AlertsView(start, end, units, thresholds, newest.Count, truncated, alerts));
    }

    // ---- reading the units ----

    /// <summary>
    /// The applications of applicants with at least <paramref name="atLeast"/> applications across the units. Counted per unit
    /// first (one row per applicant), so only the applications of applicants who can reach a threshold are read in full.
    /// </summary>
    private static async Task<List<SupervisedApplication>> ApplicantApplicationsAsync(IServiceScopeFactory scopes, IReadOnlyList<string> units,
        DateOnly from, DateOnly to, int atLeast, CancellationToken ct)
    {
        var counts = new Dictionary<string, List<(string Index, int Count)>>();
        foreach (var unit in units)
        {
            await using var scope = scopes.CreateTenantScope(unit);
            var unitDb = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var rows = await InRange(unitDb, from, to).Where(a => a.ApplicantIndex != null)
                .GroupBy(a => a.ApplicantIndex!).Select(g => new { Index = g.Key, Count = g.Count() }).ToListAsync(ct);
            counts[unit] = rows.Select(r => (r.Index, r.Count)).ToList();
        }
        var candidates = counts.Values.SelectMany(c => c).GroupBy(c => c.Index, StringComparer.Ordinal)
            .Where(g => g.Sum(c => c.Count) >= atLeast).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var applications = new List<SupervisedApplication>();
        foreach (var unit in units)
        {
            var wanted = counts[unit].Select(c => c.Index).Where(candidates.Contains).ToList();
            if (wanted.Count == 0)
                continue;
            await using var scope = scopes.CreateTenantScope(unit);
            var unitDb = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            var rows = await InRange(unitDb, from, to).Where(a => wanted.Contains(a.ApplicantIndex!))
                .Select(a => new { a.Id, a.Number, a.ApplicantIndex, a.LegalReceiptDate, a.RegisteredAt, a.CaseId }).ToListAsync(ct);
            applications.AddRange(rows.Select(a => new SupervisedApplication(unit, a.Id, a.Number, CountedDate(a.LegalReceiptDate, a.RegisteredAt),
                a.ApplicantIndex, CaseId: a.CaseId)));
        }
        return applications;
    }

    /// <summary>The newest <paramref name="cap"/> applications of all the units (by registration), with their descriptions and Art. 44 flags.</summary>
    private static async Task<(List<SupervisedApplication> Applications, bool Truncated)> NewestApplicationsAsync(IServiceScopeFactory scopes,
        IReadOnlyList<string> units, DateOnly from, DateOnly to, int cap, CancellationToken ct)
    {
        var read = new List<(DateTimeOffset RegisteredAt, SupervisedApplication Application)>();
        foreach (var unit in units)
        {
            await using var scope = scopes.CreateTenantScope(unit);
            var unitDb = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            // One more than the cap tells whether anything was left out.
            var rows = await InRange(unitDb, from, to).OrderByDescending(a => a.RegisteredAt).ThenByDescending(a => a.Number).Take(cap + 1)
                .Select(a => new
                {
                    a.Id, a.Number, a.ApplicantIndex, a.LegalReceiptDate, a.RegisteredAt, a.Description, a.DocumentNumber, a.CaseId,
                    Flagged = unitDb.Flags.Any(f => f.ApplicationId == a.Id && f.Kind == FlagKind.SameSubjectSeveralApplicants),
                })
                .ToListAsync(ct);
            read.AddRange(rows.Select(a => (a.RegisteredAt, new SupervisedApplication(unit, a.Id, a.Number, CountedDate(a.LegalReceiptDate, a.RegisteredAt),
                a.ApplicantIndex, a.Description, a.DocumentNumber, a.Flagged, a.CaseId))));
        }
        var newest = read.OrderByDescending(r => r.RegisteredAt).ThenByDescending(r => r.Application.Number, StringComparer.Ordinal)
            .Take(cap).Select(r => r.Application).ToList();
        return (newest, read.Count > cap);
    }

    /// <summary>
    /// Applications counted in the range by their legal receipt date; one still awaiting confirmation (no such date yet) by
    /// the day it was registered, China time.
    /// </summary>
    private static IQueryable<Application> InRange(IntakeDbContext db, DateOnly from, DateOnly to)
    {
        // Npgsql writes timestamptz only from UTC values.
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        return db.Applications.AsNoTracking().Where(a =>
            (a.LegalReceiptDate != null && a.LegalReceiptDate >= from && a.LegalReceiptDate <= to)
            || (a.LegalReceiptDate == null && a.RegisteredAt >= start && a.RegisteredAt < end));
    }

    private static DateOnly CountedDate(DateOnly? legalReceiptDate, DateTimeOffset registeredAt) =>
        legalReceiptDate ?? ChinaTime.DateOf(registeredAt);

    /// <summary>
    /// A stable pseudonym per applicant: "申请人-" and 8 hex digits of a keyed hash of the blind index under its own purpose.
    /// Not a rank, which changes with the range and the data, so the supervisor could not follow one person from month to
    /// month or from the list to the alerts. Not the blind index itself, which is the key every unit's table is matched on;
    /// the label, hashed under another purpose, matches no column, and without the key it cannot be computed from an ID
    /// number. It stays the same until the blind-index key is rotated. 32 bits make a collision among a district's key
    /// applicants unlikely, and a collision could only show two people under one label, never merge their counts.
    /// </summary>
    private static Func<string, string> Pseudonyms(PersonalDataProtector protector) =>
        index => "申请人-" + protector.BlindIndex($"supervision-label|{index}")[..8].ToUpperInvariant();

    private static IReadOnlyList<string> SupervisedUnits(ClaimsPrincipal user) =>
        (user.FindFirstValue(GongkaiClaims.SupervisedUnits)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
        .Where(TenantIds.IsWellFormed).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>One audit record per unit read, in that unit's chain (Identity appends it), saved before anything is answered.</summary>
    private static Task AuditAsync(IntakeDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, IReadOnlyList<string> units,
        string action, DateOnly from, DateOnly to, Func<string, string> detail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var unit in units)
            db.AddIntegrationEvent(new AuditableActionOccurred(unit, user.ActorName(), db.Tenant.TenantId, action, $"unit:{unit}",
                $"{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{detail(unit)}", http.ClientAddress(), now));
        return db.SaveChangesAsync(ct);
    }

    // ---- the query ----

    /// <summary>Defaults to the last 12 months to today (China time); dates from 2000 to 2100, at most three years apart.</summary>
    private static (DateOnly From, DateOnly To)? Range(DateOnly? from, DateOnly? to, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        if (from is { Year: < MinYear or > MaxYear })
            errors["from"] = [$"开始日期须在 {MinYear} 年至 {MaxYear} 年之间（格式 yyyy-MM-dd）。"];
        if (to is { Year: < MinYear or > MaxYear })
            errors["to"] = [$"结束日期须在 {MinYear} 年至 {MaxYear} 年之间（格式 yyyy-MM-dd）。"];
        if (errors.Count > 0)
            return null;
        var end = to ?? ChinaTime.Today(clock);
        var start = from ?? end.AddYears(-1).AddDays(1);
        if (end < start)
            errors["to"] = ["结束日期不能早于开始日期。"];
        else if (end >= start.AddYears(MaxRangeYears))
            errors["to"] = [$"查询期间不能超过 {MaxRangeYears} 年，请缩短开始日期至结束日期的范围。"];
        return errors.Count > 0 ? null : (start, end);
    }

    private static int Threshold(int? value, int fallback, string field, Dictionary<string, string[]> errors)
    {
        if (value is < 2 or > MaxThreshold)
            errors[field] = [$"阈值须为 2 至 {MaxThreshold} 之间的整数。"];
        return value ?? fallback;
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "查询条件有误");

    private static IResult NoUnits() => TypedResults.Problem(title: "没有监督范围",
        detail: "访问令牌中没有本人监督的单位，不能查看两张清单。", statusCode: StatusCodes.Status403Forbidden);
}
