using System.Globalization;
using System.Security.Claims;
using System.Text;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Reporting;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;
using R = Gongkai.Contracts.StaffRoles;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The unit's statutory annual report (政府信息公开工作年度报告): tables counted from the cases as they happen, table 二 and
/// the text written by the unit, checks before sign-off, review and sign-off through LegalReview, publication, corrections.
/// </summary>
public static class AnnualReportApi
{
    private static readonly string[] Writers = [R.Handler, R.UnitAdmin];

    public static void MapAnnualReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/annual-reports").RequireDefinedEnums();
        api.MapGet("/{year:int}", Get).RequireUnitStaff();
        api.MapPost("/{year:int}", Start).RequireUnitStaff(Writers);
        api.MapPut("/{year:int}", Edit).RequireUnitStaff(Writers);
        api.MapGet("/{year:int}/checks", Checks).RequireUnitStaff();
        api.MapPost("/{year:int}/submission", Submit).RequireUnitStaff(Writers);
        api.MapPost("/{year:int}/corrections", Correct).RequireUnitStaff(Writers);
        api.MapGet("/{year:int}/versions", Versions).RequireUnitStaff();
        api.MapGet("/{year:int}/applications", DrillDown).RequireUnitStaff();
        api.MapPost("/{year:int}/recount", Recount).RequireUnitStaff();
        api.MapGet("/{year:int}/tables.xlsx", (int year, PublishingDbContext db, CancellationToken ct) => Tables(year, csv: false, db, ct)).RequireUnitStaff();
        api.MapGet("/{year:int}/tables.csv", (int year, PublishingDbContext db, CancellationToken ct) => Tables(year, csv: true, db, ct)).RequireUnitStaff();
        api.MapGet("/{year:int}/units", Units).RequireAuthorization(p => p.RequireRole(R.DistrictSupervisor)).RequireTenant();
        app.MapGroup("/api/publishing/supervision/units/{unit}/annual-reports").RequireAuthorization(p => p.RequireRole(R.DistrictSupervisor))
            .RequireTenant().MapGet("/{year:int}", SupervisedReport);
    }

    public sealed record SectionsInput(string? ProactiveDisclosure, string? OnApplication, string? InformationManagement, string? PlatformBuilding,
        string? SupervisionAndGuarantee, string? Problems, string? OtherMatters);

    public sealed record ProactiveInput(Dictionary<ProactiveCell, decimal>? Values, List<ProactiveCell>? NotApplicable);

    public sealed record EditRequest(ProactiveInput? Proactive, SectionsInput? Sections);

    public sealed record SubmitRequest(string? OverrideReason);

    public sealed record CorrectionRequest(string? Reason);

    public sealed record TableView(IReadOnlyList<RowView> Rows);

    public sealed record RowView(ApplicationTableRow Row, string Label, IReadOnlyList<int> Counts);

    public sealed record AppealRowView(AppealKind Kind, string Label, IReadOnlyList<int> Counts);

    public sealed record DeadlineView(DateOnly Due, ReportDeadlineState State, string Label);

    public sealed record ReportView(Guid Id, int Year, int Version, ReportState State, bool Live, IReadOnlyList<string> Columns, TableView Applications,
        IReadOnlyList<AppealRowView> Appeals, ProactiveTable Proactive, ReportSections Sections, ReportFigures Figures, IReadOnlyList<ReportCheck> Checks,
        string? OverrideReason, string? ReturnReasons, string? CorrectionReason, string? Number, string? Sha256, DateOnly? PublishedOn, bool Rendered,
        DeadlineView Deadline, ReportLayout Layout);

    public sealed record VersionView(Guid Id, int Version, ReportState State, string? Number, string? Sha256, DateOnly? PublishedOn, string? CorrectionReason);

    public sealed record CellCases(int Year, ApplicationTableRow Row, string RowLabel, string ColumnLabel, int Count, IReadOnlyList<CountedCaseRef> Cases);

    public sealed record RecountView(int Year, bool Matches, TableView Kept, TableView Recounted, IReadOnlyList<RecountDifference> Differences);

    public sealed record RecountDifference(Guid CaseId, string CaseNumber, string Problem);

    public sealed record UnitReportStatus(string UnitCode, string? UnitName, ReportState? State, int? Version, DateOnly? PublishedOn, DeadlineView Deadline);

    // ---- the unit's report ----

    private static async Task<IResult> Get(int year, PublishingDbContext db, UnitDirectory units, TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        // The deadline depends on the unit's kind, and the report names the unit: both as Identity has them.
        await units.RefreshAsync(db, ct);
        return await CurrentAsync(db, year, ct) is { } report
            ? TypedResults.Ok(await ViewAsync(db, report, clock, ct))
            : NotFound($"本单位尚未开始编制{year}年度报告：POST /api/publishing/annual-reports/{year} 开始起草。");
    }

    /// <summary>Starts the year's draft: table 二 carries last year's 现行有效, the text starts from the unit's own figures.</summary>
    private static async Task<IResult> Start(int year, PublishingDbContext db, UnitDirectory units, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        await units.RefreshAsync(db, ct);
        if (await db.AnnualReports.AnyAsync(r => r.Year == year, ct))
            return TypedResults.Problem(title: "报告已存在", detail: $"{year}年度报告已经开始编制，请直接修改。", statusCode: StatusCodes.Status409Conflict);
        var lastYear = await db.AnnualReports.AsNoTracking().Where(r => r.Year == year - 1 && r.State == ReportState.Published)
            .Select(r => r.Proactive).FirstOrDefaultAsync(ct);
        var content = await ReportAssembler.ContentAsync(db, year, ProactiveTable.Empty, ReportSections.Empty, ct);
        var now = clock.GetUtcNow();
        var report = AnnualReport.Start(year, ProactiveTable.CarriedFrom(lastYear),
            ReportDrafting.Draft(year, content.UnitName, content.Applications, content.Appeals, content.Figures), now, user.ActorName());
        db.AnnualReports.Add(report);
        Audit(db, user, http, now, "annual-report-started", report, $"开始编制{year}年度报告");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/publishing/annual-reports/{year}", await ViewAsync(db, report, clock, ct));
    }

    private static async Task<IResult> Edit(int year, EditRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (request is null)
            return TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交表二（proactive）或正文（sections）。", statusCode: StatusCodes.Status400BadRequest);
        var errors = request.Proactive is { } p ? ProactiveTable.Problems(p.Values, p.NotApplicable) : [];
        var sections = request.Sections is null ? null : Sections(request.Sections, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "年度报告填写有误");
        if (await CurrentAsync(db, year, ct) is not { } report)
            return NotFound($"本单位尚未开始编制{year}年度报告。");
        var proactive = request.Proactive is { } input
            ? new ProactiveTable(input.Values ?? [], (input.NotApplicable ?? []).Distinct().ToList())
            : null;
        var now = clock.GetUtcNow();
        try
        {
            report.Edit(proactive, sections, now, user.ActorName());
        }
        catch (ReportRuleException ex)
        {
            return Conflict(ex.Message, report.State);
        }
        Audit(db, user, http, now, "annual-report-edited", report, $"修改{year}年度报告（第 {report.Version} 版）");
        return await SaveAsync(db, ct) ?? TypedResults.Ok(await ViewAsync(db, report, clock, ct));
    }

    private static async Task<IResult> Checks(int year, PublishingDbContext db, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (await CurrentAsync(db, year, ct) is not { } report)
            return NotFound($"本单位尚未开始编制{year}年度报告。");
        return TypedResults.Ok(report.State == ReportState.Draft
            ? ReportChecks.Run(await ReportAssembler.ContentAsync(db, year, report.Proactive, report.Sections, ct), await ReportAssembler.CheckContextAsync(db, year, ct))
            : report.Checks);
    }

    /// <summary>
    /// Freezes the report as counted now and sends it to the unit's review chain (保密审查, then the leader's 签发). Failed
    /// checks that block: 422 listing each with its cell or sentence, unless an override reason is given (then kept).
    /// </summary>
    private static async Task<IResult> Submit(int year, SubmitRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (request?.OverrideReason is { Length: > 2000 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overrideReason"] = ["理由不能超过 2000 个字。"] }, title: "年度报告提交有误");
        if (await CurrentAsync(db, year, ct) is not { } report)
            return NotFound($"本单位尚未开始编制{year}年度报告。");
        var content = await ReportAssembler.ContentAsync(db, year, report.Proactive, report.Sections, ct);
        var checks = ReportChecks.Run(content, await ReportAssembler.CheckContextAsync(db, year, ct));
        var settings = await db.SettingsOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            report.Submit(content, checks, settings.ReportSimilarityBlocks, request?.OverrideReason, now, user.ActorName());
        }
        catch (ReportRuleException ex)
        {
            return Conflict(ex.Message, report.State);
        }
        catch (ReportChecksFailedException ex)
        {
            return TypedResults.Problem(title: "年度报告未通过签发前检查", detail: ex.Message + " " + string.Join("；", ex.Failures.Take(5).Select(f => $"{f.Id} {f.Location}：{f.Message}")),
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["failures"] = ex.Failures });
        }
        var due = ReportDeadline.Due(year, settings.UnitKind, settings.ReportDueMonth, settings.ReportDueDay);
        db.AddIntegrationEvent(new ReviewRequested(report.Id, db.Tenant.Required, $"{year}年度报告（第 {report.Version} 版）", due, now, report.ReviewRound,
            Subject: ReviewSubject.AnnualReport));
        Audit(db, user, http, now, "annual-report-submitted", report, $"提交{year}年度报告审核签发（第 {report.ReviewRound} 轮）" +
            (report.OverrideReason is { } reason ? $"，未通过检查仍提交的理由：{reason}" : ""));
        return await SaveAsync(db, ct) ?? TypedResults.Ok(await ViewAsync(db, report, clock, ct));
    }

    private static async Task<IResult> Correct(int year, CorrectionRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > 2000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写更正理由（不超过 2000 个字），公布时向公众说明。"] }, title: "年度报告更正有误");
        if (await CurrentAsync(db, year, ct) is not { } report)
            return NotFound($"本单位没有{year}年度报告。");
        var now = clock.GetUtcNow();
        AnnualReport correction;
        try
        {
            correction = report.Correct(request.Reason.Trim(), now, user.ActorName());
        }
        catch (ReportRuleException ex)
        {
            return Conflict(ex.Message, report.State);
        }
        db.AnnualReports.Add(correction);
        Audit(db, user, http, now, "annual-report-correction-started", correction, $"更正{year}年度报告（第 {correction.Version} 版）：{correction.CorrectionReason}");
        return await SaveAsync(db, ct) ?? TypedResults.Created($"/api/publishing/annual-reports/{year}", await ViewAsync(db, correction, clock, ct));
    }

    private static async Task<IResult> Versions(int year, PublishingDbContext db, CancellationToken ct) =>
        BadYear(year) ?? TypedResults.Ok(await db.AnnualReports.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.Version)
            .Select(r => new VersionView(r.Id, r.Version, r.State, r.Number, r.Sha256, r.PublishedOn, r.CorrectionReason)).ToListAsync(ct));

    // ---- the cases behind a cell, and the recount ----

    /// <summary>The cases behind one cell of table 三: ?row=Disclosed&amp;column=NaturalPerson (no column: the 总计 column).</summary>
    private static async Task<IResult> DrillDown(int year, ApplicationTableRow? row, ApplicantCategory? column, PublishingDbContext db, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (row is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["row"] = ["请指定表三的行，如 New、CarriedOver、Disclosed、Total、CarriedForward。"] }, title: "请求参数有误");
        var cases = await db.ReportedCases.AsNoTracking().ToListAsync(ct);
        var behind = ApplicationTable.Cells(year, cases).Where(c => c.Row == row && (column is null || c.Case.ApplicantCategory == column))
            .Select(c => c.Case).OrderBy(c => c.CountedFrom).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new CellCases(year, row.Value, ApplicationTable.Label(row.Value), column?.Label() ?? "总计", behind.Count, behind));
    }

    /// <summary>
    /// Counts the year again from Workflow's cases as they are now and compares with the counts kept from events. Facts
    /// newer than those kept (an event still on its way) are taken; every difference found is listed.
    /// </summary>
    private static async Task<IResult> Recount(int year, PublishingDbContext db, InternalServiceClient services, TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        var facts = await services.GetAsync<List<CaseCountingChanged>>("workflow", "/internal/workflow/counting", db.Tenant.Required, ct);
        var kept = await db.ReportedCases.ToListAsync(ct);
        var keptTable = ApplicationTable.Count(year, kept);
        var byId = kept.ToDictionary(c => c.CaseId);
        var differences = new List<RecountDifference>();
        foreach (var fact in facts)
        {
            if (!byId.TryGetValue(fact.CaseId, out var known))
            {
                differences.Add(new RecountDifference(fact.CaseId, fact.CaseNumber, "办理流程中有此案件，年度报告尚未计入。"));
                db.ReportedCases.Add(ReportedCase.From(fact));
            }
            else if (!known.Handlings.SequenceEqual(fact.Handlings) || known.ApplicantCategory != fact.ApplicantCategory)
            {
                differences.Add(new RecountDifference(fact.CaseId, fact.CaseNumber, $"年度报告记录为第 {known.Revision} 版，办理流程中为第 {fact.Revision} 版。"));
                known.Take(fact);
            }
        }
        var workflowIds = facts.Select(f => f.CaseId).ToHashSet();
        foreach (var orphan in kept.Where(c => !c.Imported && !workflowIds.Contains(c.CaseId)))
            differences.Add(new RecountDifference(orphan.CaseId, orphan.CaseNumber, "年度报告计入了办理流程中没有的案件。"));
        await db.SaveChangesAsync(ct);
        var recounted = ApplicationTable.Count(year, facts.Select(ReportedCase.From).Concat(kept.Where(c => c.Imported)));
        var matches = differences.Count == 0 && Enum.GetValues<ApplicationTableRow>().All(r => keptTable.Counts[r].SequenceEqual(recounted.Counts[r]));
        return TypedResults.Ok(new RecountView(year, matches, Table(keptTable), Table(recounted), differences));
    }

    // ---- exports ----

    /// <summary>Tables 二, 三 and 四 as counted now (a draft) or as published, in XLSX (one sheet each) or CSV (one after another).</summary>
    private static async Task<IResult> Tables(int year, bool csv, PublishingDbContext db, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (await CurrentAsync(db, year, ct) is not { } report)
            return NotFound($"本单位尚未开始编制{year}年度报告。");
        var content = report.Submitted ?? await ReportAssembler.ContentAsync(db, year, report.Proactive, report.Sections, ct);
        return ReportTables.File(content, csv);
    }

    // ---- the district ----

    /// <summary>Every unit the district supervises (and the district itself): where its report for the year stands.</summary>
    private static async Task<IResult> Units(int year, ClaimsPrincipal user, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var statuses = new List<UnitReportStatus>();
        foreach (var unit in SupervisedUnits(user))
        {
            await using var scope = scopes.CreateTenantScope(unit);
            var unitDb = scope.ServiceProvider.GetRequiredService<PublishingDbContext>();
            var settings = await unitDb.SettingsOrDefaultAsync(ct);
            var report = await unitDb.AnnualReports.AsNoTracking().Where(r => r.Year == year).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
            var firstPublished = await unitDb.AnnualReports.AsNoTracking().Where(r => r.Year == year && r.PublishedOn != null)
                .MinAsync(r => r.PublishedOn, ct);
            statuses.Add(new UnitReportStatus(unit, settings.UnitName, report?.State, report?.Version, firstPublished, Deadline(settings, year, firstPublished, today)));
        }
        return TypedResults.Ok(statuses);
    }

    private static async Task<IResult> SupervisedReport(string unit, int year, ClaimsPrincipal user, HttpContext http, PublishingDbContext db,
        IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        if (BadYear(year) is { } bad)
            return bad;
        if (!SupervisedUnits(user).Contains(unit))
            return NotFound("不在本人监督范围内，或没有该单位。");
        await using var scope = scopes.CreateTenantScope(unit);
        var unitDb = scope.ServiceProvider.GetRequiredService<PublishingDbContext>();
        if (await CurrentAsync(unitDb, year, ct) is not { } report)
            return NotFound($"该单位尚未开始编制{year}年度报告。");
        var view = await ViewAsync(unitDb, report, clock, ct);
        db.AddIntegrationEvent(new AuditableActionOccurred(unit, user.ActorName(), db.Tenant.TenantId, "supervisor-viewed-annual-report",
            $"annual-report:{report.Id}", $"查看{year}年度报告（第 {report.Version} 版）", http.ClientAddress(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(view);
    }

    private static IEnumerable<string> SupervisedUnits(ClaimsPrincipal user) =>
        new[] { user.FindFirstValue(GongkaiClaims.Tenant) }
            .Concat(user.FindFirstValue(GongkaiClaims.SupervisedUnits)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            .OfType<string>().Distinct();

    // ---- helpers ----

    /// <summary>The version people work on: the newest draft or in review, else the newest published.</summary>
    private static Task<AnnualReport?> CurrentAsync(PublishingDbContext db, int year, CancellationToken ct) =>
        db.AnnualReports.Where(r => r.Year == year && r.State != ReportState.Superseded).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    private static async Task<ReportView> ViewAsync(PublishingDbContext db, AnnualReport report, TimeProvider clock, CancellationToken ct)
    {
        var live = report.Submitted is null;
        var content = report.Submitted ?? await ReportAssembler.ContentAsync(db, report.Year, report.Proactive, report.Sections, ct);
        var checks = live ? ReportChecks.Run(content, await ReportAssembler.CheckContextAsync(db, report.Year, ct)) : report.Checks;
        var settings = await db.SettingsOrDefaultAsync(ct);
        var firstPublished = await db.AnnualReports.AsNoTracking().Where(r => r.Year == report.Year && r.PublishedOn != null).MinAsync(r => r.PublishedOn, ct);
        var columns = Enumerable.Range(0, ApplicationTable.TotalColumn + 1).Select(ApplicationTable.ColumnLabel).ToList();
        return new ReportView(report.Id, report.Year, report.Version, report.State, live, columns, Table(content.Applications),
            Enum.GetValues<AppealKind>().Select(k => new AppealRowView(k, AppealTable.KindLabel(k),
                Enumerable.Range(0, AppealTable.TotalColumn + 1).Select(c => content.Appeals[k, c]).ToList())).ToList(),
            content.Proactive, content.Sections, content.Figures, checks, report.OverrideReason, report.ReturnReasons, report.CorrectionReason,
            report.Number, report.Sha256, report.PublishedOn, report.PdfSha256 is not null,
            Deadline(settings, report.Year, firstPublished, ChinaTime.DateOf(clock.GetUtcNow())),
            ReportLayoutBuilder.Build(content, report.Number, report.PublishedOn, report.CorrectionReason));
    }

    private static TableView Table(ApplicationTable table) => new(Enum.GetValues<ApplicationTableRow>()
        .Select(r => new RowView(r, ApplicationTable.Label(r), table.Counts[r])).ToList());

    private static DeadlineView Deadline(Domain.Catalogue.PublishingSettings settings, int year, DateOnly? publishedOn, DateOnly today)
    {
        var due = ReportDeadline.Due(year, settings.UnitKind, settings.ReportDueMonth, settings.ReportDueDay);
        var state = ReportDeadline.State(due, today, publishedOn);
        return new DeadlineView(due, state, ReportDeadline.Label(state));
    }

    private static ReportSections Sections(SectionsInput input, Dictionary<string, string[]> errors)
    {
        string Text(string? value, string field)
        {
            var text = (value ?? "").Replace("\r\n", "\n").Trim();
            if (text.Length > ReportSections.MaxLength)
                errors[$"sections.{field}"] = [$"不能超过 {ReportSections.MaxLength} 个字。"];
            return text;
        }
        return new ReportSections(Text(input.ProactiveDisclosure, "proactiveDisclosure"), Text(input.OnApplication, "onApplication"),
            Text(input.InformationManagement, "informationManagement"), Text(input.PlatformBuilding, "platformBuilding"),
            Text(input.SupervisionAndGuarantee, "supervisionAndGuarantee"), Text(input.Problems, "problems"), Text(input.OtherMatters, "otherMatters"));
    }

    internal static IResult? BadYear(int year) => year is < 2008 or > 2100
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份必须在 2008 至 2100 之间。"] }, title: "请求参数有误")
        : null;

    private static void Audit(PublishingDbContext db, ClaimsPrincipal user, HttpContext http, DateTimeOffset now, string action, AnnualReport report, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action, $"annual-report:{report.Id}",
            detail, http.ClientAddress(), now));

    private static async Task<IResult?> SaveAsync(PublishingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "报告已被他人修改", detail: "年度报告刚被其他人修改，请刷新后重试。", statusCode: StatusCodes.Status409Conflict);
        }
        catch (DbUpdateException)
        {
            return TypedResults.Problem(title: "报告已被他人修改", detail: "该年度报告刚产生了新版本，请刷新后重试。", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult Conflict(string message, ReportState state) =>
        TypedResults.Problem(title: "报告当前状态不允许此操作", detail: message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["state"] = state.ToString() });

    internal static IResult NotFound(string detail) => TypedResults.Problem(title: "没有该年度报告", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
