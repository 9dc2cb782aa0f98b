using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Supervision;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>Every indicator of a unit and period, flat, as the console and the 通报 show it.</summary>
public sealed record IndicatorView(
    string UnitCode, string UnitName, string Period, long Received, long Closed, long ClosedOnTime, long ClosedLate, double? OnTimeRate,
    double? AverageWorkingDays, int? Percentile90WorkingDays, long Extended, long CorrectionsRequested, long ReviewReturns, long OverdueOpen,
    long AppealsFiled, long AppealsCorrected, double? AppealCorrectionRate, long ItemsPublishedOnTime, long ItemsPublishedLate, double? ItemsOnTimeRate,
    long EmptyObligations, string? AnnualReport, string? AnnualReportLabel)
{
    public static IndicatorView Of(UnitIndicators u) => new(u.UnitCode, u.UnitName, u.Period, u.Received, u.Closed, u.ClosedOnTime, u.ClosedLate,
        u.OnTimeRate, u.AverageWorkingDays, u.Percentile90WorkingDays, u.Extended, u.CorrectionsRequested, u.ReviewReturns, u.OverdueOpen,
        u.AppealsFiled, u.AppealsCorrected, u.AppealCorrectionRate, u.ItemsPublishedOnTime, u.ItemsPublishedLate, u.ItemsOnTimeRate,
        u.EmptyObligations, u.AnnualReport?.ToString(), u.AnnualReportLabel);
}

public sealed record DistrictIndicators(string Period, string PeriodLabel, IndicatorView District, IReadOnlyList<IndicatorView> Units);

public sealed record HeatMapView(int Year, IReadOnlyList<HeatCell> Cells, IReadOnlyDictionary<string, string> UnitNames,
    IReadOnlyList<DomainTerm> Domains, long Unclassified, long Unconfirmed);

public sealed record DomainTerm(string Code, string Name);

public sealed record HeatCase(string UnitCode, Guid CaseId, string CaseNumber, DateOnly ReceivedOn, string? DomainCode, string DomainLabel, bool DomainConfirmed);

/// <summary>
/// The district's supervision instruments (indicators, heat map, settings) and a unit's view of its own figures. District
/// reads go unit by unit through <see cref="DistrictScopes"/>, each audited in the unit's log; a unit sees only itself.
/// </summary>
public static class SupervisionApi
{
    public static void MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/publishing/supervision").RequireDefinedEnums();
        unit.MapGet("/indicators", OwnIndicators).RequireUnitStaff();
        unit.MapGet("/standings", Standings).RequireUnitStaff();
        unit.MapPost("/recount", Recount).RequireUnitStaff(StaffRoles.UnitAdmin);

        var district = app.MapGroup("/api/publishing/supervision/district").RequireDefinedEnums()
            .RequireDistrictSupervisor();
        district.MapGet("/indicators", UnitsIndicators);
        district.MapGet("/settings", GetSettings);
        district.MapPut("/settings", PutSettings);
        district.MapGet("/heat-map", HeatMap);
        district.MapGet("/heat-map/cases", HeatMapCases);
        district.MapPost("/heat-map/{year:int}/publication", PublishHeatMap);

        app.MapGet("/api/publishing/public/heat-maps/{district}/{year:int}", PublicHeatMapOf).AllowAnonymous();
    }

    public sealed record SettingsRequest(ScoringRules? Rules, List<string>? Checklist, int? MinimumPublicCount);

    private static async Task<IResult> OwnIndicators(string? period, PublishingDbContext db, UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (Period(period, clock, out var problem) is not { } p)
            return problem!;
        var name = await IndicatorQueries.UnitNameAsync(db, units, ct);
        return TypedResults.Ok(IndicatorView.Of(await IndicatorQueries.ForUnitAsync(db, name, p, ChinaTime.Today(clock), ct)));
    }

    public sealed record RecountView(int Cases, int Added, int Updated);

    /// <summary>
    /// Takes Workflow's current facts of every case of the unit (cases handled before supervision existed, or an event still
    /// on its way): missing rows are added, older ones brought up to date; the newest revision wins as with events.
    /// </summary>
    private static async Task<IResult> Recount(PublishingDbContext db, InternalServiceClient services, CancellationToken ct)
    {
        var facts = await services.GetAsync<List<CaseCountingChanged>>("workflow", "/internal/workflow/counting", db.Tenant.Required, ct);
        var kept = await db.SupervisedCases.ToDictionaryAsync(c => c.CaseId, ct);
        var (added, updated) = (0, 0);
        foreach (var fact in facts)
            if (kept.TryGetValue(fact.CaseId, out var known))
                updated += known.Take(fact) ? 1 : 0;
            else if (SupervisedCase.From(fact) is { } row)
            {
                db.SupervisedCases.Add(row);
                added++;
            }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RecountView(facts.Count, added, updated));
    }

    private static async Task<IResult> Standings(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.BulletinStandings.AsNoTracking().OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.Period).Take(100).ToListAsync(ct));

    private static async Task<IResult> UnitsIndicators(string? period, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (Period(period, clock, out var problem) is not { } p)
            return problem!;
        var result = await DistrictFiguresAsync(user, db, district, units, p, ChinaTime.Today(clock), ct);
        district.Audit(db, user, http, result.Units.Select(u => u.UnitCode), "supervisor-viewed-indicators", $"indicators:{p.Code}", $"查看{p.Label}政务公开指标");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DistrictIndicators(p.Code, p.Label, IndicatorView.Of(result.District), result.Units.Select(IndicatorView.Of).ToList()));
    }

    /// <summary>Every supervised unit's indicators and the district's roll-up (sums and added histograms, rates from the sums).</summary>
    internal static async Task<(UnitIndicators District, List<UnitIndicators> Units)> DistrictFiguresAsync(ClaimsPrincipal user, PublishingDbContext db,
        DistrictScopes district, UnitDirectory units, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var figures = await district.ReadEachAsync(DistrictScopes.Supervised(user), async unitDb =>
            await IndicatorQueries.ForUnitAsync(unitDb, await IndicatorQueries.UnitNameAsync(unitDb, units, ct), period, today, ct));
        var districtName = await IndicatorQueries.UnitNameAsync(db, units, ct);
        return (UnitIndicators.RollUp(db.Tenant.Required, districtName, period.Code, figures), figures);
    }

    private static async Task<IResult> GetSettings(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await SettingsAsync(db, ct));

    internal static async Task<SupervisionSettings> SettingsAsync(PublishingDbContext db, CancellationToken ct) =>
        await db.SupervisionSettings.SingleOrDefaultAsync(ct) ?? new SupervisionSettings { TenantId = db.Tenant.Required };

    private static async Task<IResult> PutSettings(SettingsRequest? request, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var rules = request?.Rules;
        if (rules?.Rules is null || rules.Vetoes is null || rules.Rules.Any(r => r is null) || rules.Vetoes.Any(v => v is null))
            errors["rules"] = ["请填写计分规则和一票否决项。"];
        else
            foreach (var (field, messages) in rules.Problems())
                errors[field] = messages;
        var checklist = request?.Checklist?.Select(q => q?.Trim() ?? "").ToList();
        if (checklist is null || checklist.Count is 0 or > 30 || checklist.Any(q => q.Length is 0 or > 200))
            errors["checklist"] = ["抽查清单应有 1 至 30 个问题，每个问题 1 至 200 字。"];
        if (request?.MinimumPublicCount is not (>= 1 and <= 100))
            errors["minimumPublicCount"] = ["公开热力图的最小显示数应在 1 至 100 之间。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "监督设置有误");

        var settings = await db.SupervisionSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.SupervisionSettings.Add(settings = new SupervisionSettings { TenantId = db.Tenant.Required });
        settings.Rules = rules!;
        settings.Checklist = checklist!;
        settings.MinimumPublicCount = request!.MinimumPublicCount!.Value;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "supervision-settings-changed",
            "supervision-settings", $"修改红黑榜计分规则（{rules!.Rules!.Count} 条，一票否决 {rules.Vetoes!.Count} 项）和抽查清单", http.ClientAddress(), settings.UpdatedAt.Value));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(settings);
    }

    private static async Task<IResult> HeatMap(int? year, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (Year(year, clock, out var problem) is not { } y)
            return problem!;
        var view = await HeatMapAsync(user, district, units, y, ct);
        district.Audit(db, user, http, view.UnitNames.Keys, "supervisor-viewed-heat-map", $"heat-map:{y}", $"查看{y}年申请领域热力图");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(view);
    }

    private static async Task<HeatMapView> HeatMapAsync(ClaimsPrincipal user, DistrictScopes district, UnitDirectory units, int year, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var perUnit = await district.ReadEachAsync(DistrictScopes.Supervised(user), async unitDb =>
        {
            var rows = await unitDb.SupervisedCases.AsNoTracking().Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to)
                .GroupBy(c => new { c.DomainCode, c.ReceivedOn.Month })
                .Select(g => new { g.Key.DomainCode, g.Key.Month, Count = g.LongCount(), Unconfirmed = g.LongCount(c => !c.DomainConfirmed) })
                .ToListAsync(ct);
            return (Unit: unitDb.Tenant.Required, Name: await IndicatorQueries.UnitNameAsync(unitDb, units, ct), Rows: rows);
        });
        var cells = perUnit.SelectMany(u => u.Rows.Select(r => new HeatCell(u.Unit, r.DomainCode ?? "", r.Month, r.Count))).ToList();
        return new HeatMapView(year, cells, perUnit.ToDictionary(u => u.Unit, u => u.Name),
            [.. KeyDomains.All.Select(d => new DomainTerm(d.Code, d.Name))],
            cells.Where(c => c.DomainCode.Length == 0).Sum(c => c.Count),
            perUnit.Sum(u => u.Rows.Where(r => r.DomainCode is not null).Sum(r => r.Unconfirmed)));
    }

    private static async Task<IResult> HeatMapCases(string? unit, string? domain, int? year, int? month, ClaimsPrincipal user, HttpContext http,
        PublishingDbContext db, DistrictScopes district, TimeProvider clock, CancellationToken ct)
    {
        if (Year(year, clock, out var problem) is not { } y)
            return problem!;
        if (unit is null || !DistrictScopes.Supervises(user, unit))
            return TypedResults.Problem(title: "单位不在监督范围内", detail: "只能查看本区所属单位的案件。", statusCode: StatusCodes.Status404NotFound);
        if (month is not null and not (>= 1 and <= 12))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["月份应在 1 至 12 之间。"] });
        if (domain is { Length: > 0 } && KeyDomains.Find(domain) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["domain"] = ["没有该重点领域；不填表示未分类。"] });
        var (from, to) = month is { } m ? (new DateOnly(y, m, 1), new DateOnly(y, m, 1).AddMonths(1).AddDays(-1)) : (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var code = string.IsNullOrEmpty(domain) ? null : domain;
        var cases = (await district.ReadEachAsync([unit], unitDb => unitDb.SupervisedCases.AsNoTracking()
            .Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to && c.DomainCode == code)
            .OrderBy(c => c.ReceivedOn).ThenBy(c => c.CaseNumber).Take(500).ToListAsync(ct))).Single();
        district.Audit(db, user, http, [unit], "supervisor-listed-cases", $"heat-map:{y}:{domain}:{month}",
            $"热力图下钻：{KeyDomains.Label(code)}，{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{cases.Count} 件");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(cases.Select(c => new HeatCase(unit, c.CaseId, c.CaseNumber, c.ReceivedOn, c.DomainCode, KeyDomains.Label(c.DomainCode), c.DomainConfirmed)));
    }

    private static async Task<IResult> PublishHeatMap(int year, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (Year(year, clock, out var problem) is not { } y)
            return problem!;
        var settings = await SettingsAsync(db, ct);
        var view = await HeatMapAsync(user, district, units, y, ct);
        var code = db.Tenant.Required;
        var published = await db.PublicHeatMaps.SingleOrDefaultAsync(h => h.DistrictCode == code && h.Year == y, ct);
        if (published is null)
            db.PublicHeatMaps.Add(published = new PublicHeatMap { DistrictCode = code, Year = y });
        published.DistrictName = await IndicatorQueries.UnitNameAsync(db, units, ct);
        published.MinimumCount = settings.MinimumPublicCount;
        published.Cells = [.. HeatMapSuppression.ForPublic(view.Cells, settings.MinimumPublicCount)];
        published.UnitNames = view.UnitNames.ToDictionary();
        published.PublishedAt = clock.GetUtcNow();
        district.Audit(db, user, http, [code], "heat-map-published", $"heat-map:{y}", $"公开{y}年申请领域热力图（少于 {settings.MinimumPublicCount} 件的格子不显示）");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(published);
    }

    private static async Task<IResult> PublicHeatMapOf(string district, int year, PublishingDbContext db, CancellationToken ct) =>
        await db.PublicHeatMaps.AsNoTracking().SingleOrDefaultAsync(h => h.DistrictCode == district && h.Year == year, ct) is { } map
            ? TypedResults.Ok(map)
            : TypedResults.Problem(title: "尚未公开热力图", detail: $"该区尚未公开{year}年的申请领域热力图。", statusCode: StatusCodes.Status404NotFound);

    internal static ReportingPeriod? Period(string? period, TimeProvider clock, out IResult? problem)
    {
        var parsed = ReportingPeriod.TryParse(period, ChinaTime.Today(clock), out var error);
        problem = parsed is null ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [error] }, title: "统计期间有误") : null;
        return parsed;
    }

    private static int? Year(int? year, TimeProvider clock, out IResult? problem)
    {
        var today = ChinaTime.Today(clock);
        var ok = year is { } y && y >= ReportingPeriod.EarliestYear && y <= today.Year;
        problem = ok ? null : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [$"年份应在 {ReportingPeriod.EarliestYear} 至 {today.Year} 之间。"] });
        return ok ? year : null;
    }
}
