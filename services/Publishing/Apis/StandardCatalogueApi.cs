using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Standard;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The unit's 政务公开事项标准目录 (standard catalogue of disclosure obligations) for its staff: the working copy, its
/// publication as immutable versions, a township's adoption of its district's current version and the differences
/// since, coverage by published items, and the XLSX sheet districts circulate. Staff of the unit read; unit admins and
/// handlers edit; only unit admins publish, adopt, import and set the threshold for "及时公开".
/// </summary>
public static class StandardCatalogueApi
{
    public const long MaxImportBytes = 5 * 1024 * 1024;
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly string[] Editors = [StaffRoles.UnitAdmin, StaffRoles.Handler];

    public static RouteGroupBuilder MapStandardCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/standard-catalogue").RequireDefinedEnums();
        api.MapGet("/", List).RequireUnitStaff();
        api.MapPost("/", Create).RequireUnitStaff(Editors);
        api.MapGet("/{id:guid}", Get).RequireUnitStaff();
        api.MapPut("/{id:guid}", Edit).RequireUnitStaff(Editors);
        api.MapDelete("/{id:guid}", Delete).RequireUnitStaff(Editors);
        api.MapPost("/publish", Publish).RequireUnitStaff(StaffRoles.UnitAdmin);
        api.MapPost("/adopt", Adopt).RequireUnitStaff(StaffRoles.UnitAdmin);
        api.MapGet("/differences", Differences).RequireUnitStaff();
        api.MapGet("/coverage", Coverage).RequireUnitStaff();
        api.MapGet("/export.xlsx", Export).RequireUnitStaff();
        // Bearer tokens only, no cookies: a cross-site form cannot carry the token, so antiforgery has nothing to add.
        api.MapPost("/import", Import).RequireUnitStaff(StaffRoles.UnitAdmin).DisableAntiforgery();
        api.MapPut("/domains/{code}/not-applicable", MarkNotApplicable).RequireUnitStaff(Editors);
        api.MapDelete("/domains/{code}/not-applicable", ClearNotApplicable).RequireUnitStaff(Editors);
        api.MapPut("/settings", PutSettings).RequireUnitStaff(StaffRoles.UnitAdmin);

        // Public (anonymous, through the gateway's public route like the item catalogue): the unit's last published version.
        app.MapGroup("/api/publishing/public/{unit}").AllowAnonymous().RequireDefinedEnums().MapGet("/standard-catalogue", PublicCatalogue);
        return api;
    }

    // ---- views and requests ----

    public sealed record ObligationView(Guid Id, ObligationOrigin Origin, string Code, string DomainCode, string DomainName, string Level1, string? Level2,
        string Content, string Basis, string DeadlineText, DeadlineKind DeadlineKind, int? DeadlineWorkingDays, string Responsible,
        IReadOnlyList<PublicationChannels> Channels, IReadOnlyList<string> ChannelNames, ObligationAudience Audience, string AudienceName,
        ObligationMode Mode, string ModeName, IReadOnlyList<DisclosureLevels> Levels, string LevelNames, Guid? InheritedFromId, bool ChangedLocally,
        IReadOnlyList<string> LocallyChangedColumns, string? DifferenceReason, int? FirstPublishedVersion, bool Active, DateTimeOffset? RetiredAt,
        string? RetiredReason, string UpdatedBy, DateTimeOffset UpdatedAt, int Revision);

    public sealed record ExemptionView(string DomainCode, string DomainName, string Reason, string? RecordedBy, DateTimeOffset? RecordedAt);

    public sealed record AdoptionView(string DistrictCode, int Version, DateTimeOffset AdoptedAt, string AdoptedBy);

    public sealed record CatalogueView(string UnitCode, int? PublishedVersion, AdoptionView? Adoption, int PromptWorkingDays,
        IReadOnlyList<ObligationView> Obligations, IReadOnlyList<ExemptionView> NotApplicable);

    public sealed record PublishedView(string UnitCode, int Version, DateOnly PublishedOn, int Obligations, int NotApplicable);

    public sealed record AdoptResult(string DistrictCode, int Version, int Added, int Followed, IReadOnlyList<ObligationRef> KeptLocal,
        IReadOnlyList<ObligationRef> Retired);

    public sealed record ImportResult(int Created, int Updated, int Unchanged, int NotApplicable);

    public sealed record NotApplicableRequest(string? Reason);

    public sealed record SettingsRequest(int? PromptWorkingDays);

    public sealed record SettingsView(int PromptWorkingDays, bool PromptWorkingDaysConfigured, int PublicationWorkingDays);

    public sealed record PublicObligationView(Guid Id, string Code, string DomainCode, string DomainName, string Level1, string? Level2, string Content,
        string Basis, string DeadlineText, string Responsible, IReadOnlyList<PublicationChannels> Channels, IReadOnlyList<string> ChannelNames,
        ObligationAudience Audience, string AudienceName, ObligationMode Mode, string ModeName, IReadOnlyList<DisclosureLevels> Levels,
        string LevelNames, Guid? InheritedFromId, string? DifferenceReason, IReadOnlyList<Guid> ItemIds);

    public sealed record PublicCatalogueView(string UnitCode, int Version, DateOnly PublishedOn, string? AdoptedDistrictCode, int? AdoptedVersion,
        IReadOnlyList<PublicObligationView> Obligations, IReadOnlyList<ExemptionView> NotApplicable);

    // ---- the working copy ----

    /// <param name="domain">Only obligations of this grassroots domain (01–26).</param>
    /// <param name="level">Only obligations at this 公开层级 (District or Township; one ticked for both matches either).</param>
    /// <param name="mode">Only obligations of this 公开方式.</param>
    /// <param name="retired">Also the retired obligations.</param>
    private static async Task<IResult> List(PublishingDbContext db, string? domain, DisclosureLevels? level, ObligationMode? mode, bool? retired,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (domain is not null && GrassrootsDomains.Find(domain) is null)
            errors["domain"] = ["领域代码不存在（01 至 26）。"];
        if (level is DisclosureLevels.None)
            errors["level"] = ["公开层级只能是 District（区级）或 Township（镇级）。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "请求参数有误");
        var query = db.Obligations.AsNoTracking();
        if (retired != true)
            query = query.Where(o => o.RetiredAt == null);
        if (domain is not null)
            query = query.Where(o => o.DomainCode == domain);
        if (level is { } l)
            query = query.Where(o => (o.Levels & l) == l);
        if (mode is not null)
            query = query.Where(o => o.Mode == mode);
        var obligations = await query.OrderBy(o => o.DomainCode).ThenBy(o => o.Code).ToListAsync(ct);
        var exemptions = await db.DomainExemptions.AsNoTracking().OrderBy(e => e.DomainCode).ToListAsync(ct);
        var adoption = await db.Adoptions.AsNoTracking().SingleOrDefaultAsync(ct);
        var tenant = db.Tenant.Required;
        var published = await db.PublishedCatalogues.Where(p => p.UnitCode == tenant).MaxAsync(p => (int?)p.Version, ct);
        var settings = await db.SettingsOrDefaultAsync(ct);
        return TypedResults.Ok(new CatalogueView(tenant, published,
            adoption is null ? null : new AdoptionView(adoption.DistrictCode, adoption.Version, adoption.AdoptedAt, adoption.AdoptedBy),
            settings.PromptWorkingDaysOrDefault, obligations.Select(View).ToList(), exemptions.Select(View).ToList()));
    }

    private static async Task<IResult> Get(Guid id, PublishingDbContext db, CancellationToken ct) =>
        await db.Obligations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } obligation ? TypedResults.Ok(View(obligation)) : NotFound();

    /// <summary>A new obligation of the unit's own: a district's, or a township's 补充目录 item.</summary>
    private static async Task<IResult> Create(ObligationInput? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (request is null)
            return EmptyBody();
        var (content, errors) = request.Validate();
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: "标准目录事项填写有误");
        if (await CodeTakenAsync(db, content.Code, null, ct))
            return CodeTaken(content.Code);
        if (await db.DomainExemptions.AnyAsync(e => e.DomainCode == content.DomainCode, ct))
            return Conflict("该领域已登记为“未涉及”；请先撤销未涉及说明，再添加事项。");
        var now = clock.GetUtcNow();
        var obligation = Obligation.Local(Guid.NewGuid(), content, user.ActorName(), now);
        db.Obligations.Add(obligation);
        Audit(db, user, http, now, "standard-obligation-added", $"standard-obligation:{obligation.Id}", $"新增事项 {content.Code}：{Name(content)}");
        return await SaveAsync(db, ct) ?? TypedResults.Created($"/api/publishing/standard-catalogue/{obligation.Id}", View(obligation));
    }

    /// <summary>Changes an obligation; an inherited one only as a recorded local difference (差异说明).</summary>
    private static async Task<IResult> Edit(Guid id, ObligationInput? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return EmptyBody();
        var obligation = await db.Obligations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (obligation is null)
            return NotFound();
        var (content, errors) = request.Validate();
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: "标准目录事项填写有误");
        if (!obligation.Active)
            return Conflict("该事项已停用，不能修改。");
        if (obligation.Origin == ObligationOrigin.Inherited && content != obligation.Baseline
            && string.IsNullOrWhiteSpace(request.DifferenceReason) && obligation.DifferenceReason is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["differenceReason"] = ["该事项继承自区级目录，只能作为本地差异修改：请填写差异说明（为何本单位与区级目录不同）。"],
            }, title: "标准目录事项填写有误");
        if (content.Code != obligation.Code && await CodeTakenAsync(db, content.Code, id, ct))
            return CodeTaken(content.Code);
        var now = clock.GetUtcNow();
        var before = obligation.Snapshot;
        try
        {
            obligation.Edit(content, request.DifferenceReason, user.ActorName(), now);
        }
        catch (CatalogueRuleException e)
        {
            return Conflict(e.Message);
        }
        var changed = before.ChangedColumns(content);
        Audit(db, user, http, now, obligation.Origin == ObligationOrigin.Inherited ? "standard-obligation-local-difference" : "standard-obligation-changed",
            $"standard-obligation:{obligation.Id}",
            $"修改事项 {content.Code}（{(changed.Count == 0 ? "内容未变" : string.Join("、", changed))}）"
            + (obligation.ChangedLocally ? $"，本地差异说明：{obligation.DifferenceReason}" : ""));
        return await SaveAsync(db, ct) ?? TypedResults.Ok(View(obligation));
    }

    /// <summary>
    /// A never-published obligation no item names is deleted (204); otherwise it is retired (200): the next published
    /// version lacks it, and the links of items stay valid. Inherited obligations cannot be dropped (409).
    /// </summary>
    private static async Task<IResult> Delete(Guid id, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var obligation = await db.Obligations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (obligation is null)
            return NotFound();
        var now = clock.GetUtcNow();
        var named = await db.Items.AnyAsync(i => i.ObligationId == id, ct);
        if (obligation.Active && obligation.Deletable(named))
        {
            db.Obligations.Remove(obligation);
            Audit(db, user, http, now, "standard-obligation-deleted", $"standard-obligation:{id}", $"删除未发布的事项 {obligation.Code}");
            return await SaveAsync(db, ct) ?? TypedResults.NoContent();
        }
        try
        {
            obligation.Retire(named ? "已有目录信息关联，停用而不删除。" : "已发布过，停用而不删除。", user.ActorName(), now);
        }
        catch (CatalogueRuleException e)
        {
            return Conflict(e.Message);
        }
        Audit(db, user, http, now, "standard-obligation-retired", $"standard-obligation:{id}", $"停用事项 {obligation.Code}");
        return await SaveAsync(db, ct) ?? TypedResults.Ok(View(obligation));
    }

    // ---- publication and adoption ----

    /// <summary>Publishes the working copy as the unit's next version (immutable; what townships adopt and the public reads).</summary>
    private static async Task<IResult> Publish(PublishingDbContext db, UnitDirectory units, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        await units.RefreshAsync(db, ct);
        var tenant = db.Tenant.Required;
        var settings = await db.SettingsOrDefaultAsync(ct);
        var obligations = await db.Obligations.Where(o => o.RetiredAt == null).ToListAsync(ct);
        var exemptions = await db.DomainExemptions.AsNoTracking().ToListAsync(ct);
        var adoption = await db.Adoptions.AsNoTracking().SingleOrDefaultAsync(ct);
        var last = await db.PublishedCatalogues.AsNoTracking().Where(p => p.UnitCode == tenant).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var version = (last?.Version ?? 0) + 1;
        PublishedCatalogue snapshot;
        try
        {
            snapshot = CataloguePublication.Snapshot(tenant, settings.ParentUnitCode, version, obligations, exemptions, adoption, ChinaTime.DateOf(now), now);
        }
        catch (CatalogueRuleException e)
        {
            return Conflict(e.Message);
        }
        if (!CataloguePublication.Differs(last, snapshot))
            return Conflict($"标准目录与已发布的第 {last!.Version} 版相同，无需再次发布。");
        foreach (var obligation in obligations)
            obligation.MarkPublished(version);
        db.PublishedCatalogues.Add(snapshot);
        Audit(db, user, http, now, "standard-catalogue-published", $"standard-catalogue:{tenant}",
            $"发布政务公开事项标准目录第 {version} 版（{snapshot.Obligations.Count} 个事项，{snapshot.Exemptions.Count} 个未涉及领域）");
        return await SaveAsync(db, ct, "标准目录刚被他人发布或修改，请刷新后重试。")
            ?? TypedResults.Created($"/api/publishing/public/{tenant}/standard-catalogue?version={version}",
                new PublishedView(tenant, version, snapshot.PublishedOn, snapshot.Obligations.Count, snapshot.Exemptions.Count));
    }

    /// <summary>
    /// Adopts the current published version of the unit's parent in Identity's tree (a township's district), inheriting
    /// its obligations. Adopting again later moves to the district's newer version; local differences are kept.
    /// </summary>
    private static async Task<IResult> Adopt(PublishingDbContext db, UnitDirectory units, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        await units.RefreshAsync(db, ct);
        var settings = await db.SettingsOrDefaultAsync(ct);
        if (settings.ParentUnitCode is not { } district)
            return Conflict("尚未确认本单位的上级区（统一身份认证暂无应答或本单位没有上级），请稍后再试。");
        var current = await LatestAsync(db, district, ct);
        if (current is null)
            return Conflict($"上级单位 {district} 尚未发布政务公开事项标准目录。");
        var mine = await db.Obligations.ToListAsync(ct);
        var now = clock.GetUtcNow();
        AdoptionResult result;
        try
        {
            result = Adoption.Apply(current, mine, user.ActorName(), now);
        }
        catch (CatalogueRuleException e)
        {
            return Conflict(e.Message);
        }
        var adoption = await db.Adoptions.SingleOrDefaultAsync(ct);
        if (adoption is null)
            db.Adoptions.Add(adoption = new CatalogueAdoption());
        adoption.DistrictCode = district;
        adoption.Version = current.Version;
        adoption.AdoptedAt = now;
        adoption.AdoptedBy = user.ActorName();
        adoption.Revision++;
        Audit(db, user, http, now, "standard-catalogue-adopted", $"standard-catalogue:{db.Tenant.Required}",
            $"采用 {district} 标准目录第 {current.Version} 版：继承新增 {result.Added.Count} 项，随区级更新 {result.Followed} 项，"
            + $"保留本地差异 {result.KeptLocal.Count} 项，随区级删除停用 {result.Retired.Count} 项");
        // Two saves in one transaction: retirements and followed changes first, then the new obligations, so a district
        // that replaced an obligation by a new one under the same code does not trip the one-active-code-per-unit index
        // (EF does not order commands by a filtered index).
        const string conflict = "标准目录刚被他人修改或采用，请刷新后重试。";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await SaveAsync(db, ct, conflict) is { } first)
            return first;
        db.Obligations.AddRange(result.Added);
        if (await SaveAsync(db, ct, conflict) is { } second)
            return second;
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new AdoptResult(district, current.Version, result.Added.Count, result.Followed,
            result.KeptLocal.Select(Ref).ToList(), result.Retired.Select(Ref).ToList()));
    }

    /// <summary>For a township: its local differences and 补充 items, and what the district changed since the adopted version.</summary>
    private static async Task<IResult> Differences(PublishingDbContext db, UnitDirectory units, CancellationToken ct)
    {
        var adoption = await db.Adoptions.AsNoTracking().SingleOrDefaultAsync(ct);
        string? district = adoption?.DistrictCode;
        if (district is null)
        {
            await units.RefreshAsync(db, ct);
            district = (await db.SettingsOrDefaultAsync(ct)).ParentUnitCode;
        }
        var adopted = adoption is null ? null
            : await db.PublishedCatalogues.AsNoTracking().SingleOrDefaultAsync(p => p.UnitCode == adoption.DistrictCode && p.Version == adoption.Version, ct);
        var current = district is null ? null : await LatestAsync(db, district, ct);
        var mine = await db.Obligations.AsNoTracking().Where(o => o.RetiredAt == null).ToListAsync(ct);
        return TypedResults.Ok(CatalogueDifferences.Compute(mine, adopted, current));
    }

    // ---- coverage ----

    /// <param name="year">The period (calendar year, China time); this year when left out.</param>
    private static async Task<IResult> Coverage(PublishingDbContext db, WorkingDayCalendar calendar, TimeProvider clock, int? year, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (year is < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份必须在 2000 至 2100 之间。"] }, title: "请求参数有误");
        var period = year ?? today.Year;
        var settings = await db.SettingsOrDefaultAsync(ct);
        var obligations = await db.Obligations.AsNoTracking().Where(o => o.RetiredAt == null).ToListAsync(ct);
        var exemptions = await db.DomainExemptions.AsNoTracking().ToListAsync(ct);
        var items = (await db.Items.AsNoTracking().Where(i => i.ObligationId != null)
                .Select(i => new { i.Id, i.ObligationId, i.State, i.PublishedVersion, i.Validity, i.PublishedOn, i.Mode, i.FormedOrChangedOn })
                .ToListAsync(ct))
            .Select(i => new CoveredItem(i.Id, i.ObligationId!.Value,
                Current: i.PublishedVersion > 0 && i.State != ItemState.Withdrawn && i.Validity == Validity.Valid,
                i.PublishedOn,
                Pending: i.State is ItemState.Draft or ItemState.UnderReview or ItemState.AwaitingPolicy && i.Mode == DisclosureMode.Proactive,
                i.FormedOrChangedOn))
            .ToList();
        var first = new DateOnly(period, 1, 1);
        var last = new DateOnly(period, 12, 31);
        // Every version published in the period counts for timeliness, under the obligation the item names now.
        var versions = await (from v in db.ItemVersions.AsNoTracking()
                              join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                              where i.ObligationId != null && v.PublishedOn >= first && v.PublishedOn <= last
                              select new CoveredVersion(v.ItemId, i.ObligationId!.Value, v.FormedOrChangedOn, v.PublishedOn)).ToListAsync(ct);
        return TypedResults.Ok(CoverageReport.Build(period, today, obligations, exemptions, items, versions, calendar,
            settings.PromptWorkingDaysOrDefault, settings.PublicationWorkingDays));
    }

    // ---- XLSX ----

    private static async Task<IResult> Export(PublishingDbContext db, CancellationToken ct)
    {
        var obligations = await db.Obligations.AsNoTracking().Where(o => o.RetiredAt == null).OrderBy(o => o.DomainCode).ThenBy(o => o.Code).ToListAsync(ct);
        var exemptions = await db.DomainExemptions.AsNoTracking().OrderBy(e => e.DomainCode).ToListAsync(ct);
        var bytes = CatalogueWorkbook.Write(obligations.Select(o => o.Snapshot).ToList(),
            exemptions.Select(e => new PublishedExemption(e.DomainCode, e.Reason)).ToList());
        return TypedResults.File(bytes, XlsxType, $"政务公开事项标准目录-{db.Tenant.Required}.xlsx");
    }

    /// <summary>
    /// Imports the sheet into the unit's own obligations, all or nothing: a row whose 序号 is a local obligation's
    /// updates it, a new 序号 adds one, obligations not in the sheet stay. Inherited obligations are not changed by a
    /// sheet (a local difference needs its reason). Any problem: 400 naming row and column, nothing stored.
    /// </summary>
    private static async Task<IResult> Import(IFormFile? file, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请以表单字段 file 上传 .xlsx 文件。"] }, title: "导入文件有误");
        if (file.Length > MaxImportBytes)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"文件不能超过 {MaxImportBytes / 1024 / 1024} MB。"] }, title: "导入文件有误");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var sheet = CatalogueWorkbook.Read(buffer);
        if (sheet.Problems.Count > 0)
            return ImportRefused(sheet.Problems);

        var problems = new List<WorkbookProblem>();
        var existing = await db.Obligations.Where(o => o.RetiredAt == null).ToListAsync(ct);
        var byCode = existing.ToDictionary(o => o.Code);
        var now = clock.GetUtcNow();
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var row in sheet.Rows)
        {
            if (!byCode.TryGetValue(row.Content.Code, out var obligation))
            {
                db.Obligations.Add(Obligation.Local(Guid.NewGuid(), row.Content, user.ActorName(), now));
                created++;
            }
            else if (obligation.Snapshot == row.Content)
                unchanged++;
            else if (obligation.Origin == ObligationOrigin.Inherited)
                problems.Add(new WorkbookProblem(row.Row, ObligationColumns.Code, "code",
                    $"事项 {row.Content.Code} 继承自区级目录，不能通过导入修改；请在系统中修改并填写差异说明。"));
            else
            {
                obligation.Edit(row.Content, null, user.ActorName(), now);
                updated++;
            }
        }
        var domainsInUse = existing.Select(o => o.DomainCode).Concat(sheet.Rows.Select(r => r.Content.DomainCode)).ToHashSet();
        var exemptions = await db.DomainExemptions.ToListAsync(ct);
        foreach (var exemption in sheet.Exemptions)
        {
            if (domainsInUse.Contains(exemption.DomainCode))
            {
                problems.Add(new WorkbookProblem(0, "", "file",
                    $"{CatalogueWorkbook.ExemptionSheet}：领域“{GrassrootsDomains.Find(exemption.DomainCode)?.Name}”已有事项，不能同时登记为未涉及。"));
                continue;
            }
            if (exemptions.FirstOrDefault(e => e.DomainCode == exemption.DomainCode) is { } known)
            {
                known.Reason = exemption.Reason;
                known.RecordedBy = user.ActorName();
                known.RecordedAt = now;
            }
            else
                db.DomainExemptions.Add(new DomainExemption { DomainCode = exemption.DomainCode, Reason = exemption.Reason, RecordedBy = user.ActorName(), RecordedAt = now });
        }
        if (problems.Count > 0)
            // Nothing was saved: the tracked changes die with this request's context.
            return ImportRefused(problems);
        Audit(db, user, http, now, "standard-catalogue-imported", $"standard-catalogue:{db.Tenant.Required}",
            $"导入标准目录 {file.FileName}：新增 {created} 项，更新 {updated} 项，未变 {unchanged} 项，未涉及领域 {sheet.Exemptions.Count} 个");
        return await SaveAsync(db, ct, "标准目录刚被他人修改，请刷新后重新导入。")
            ?? TypedResults.Ok(new ImportResult(created, updated, unchanged, sheet.Exemptions.Count));
    }

    private static IResult ImportRefused(IReadOnlyList<WorkbookProblem> problems) => ImportProblems.Refused(problems, "导入的标准目录有误，未导入任何内容");

    // ---- domains not applicable, settings ----

    /// <summary>未涉及领域事项说明: the unit has no obligations in the domain, and records why (an empty domain is never left unexplained).</summary>
    private static async Task<IResult> MarkNotApplicable(string code, NotApplicableRequest? request, PublishingDbContext db, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (GrassrootsDomains.Find(code) is null)
            errors["code"] = ["领域代码不存在（01 至 26）。"];
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ObligationInput.MaxReason)
            errors["reason"] = [$"请说明本单位为何不涉及该领域（不超过 {ObligationInput.MaxReason} 个字）。"];
        else if (TextRules.Problem(reason) is { } problem)
            errors["reason"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "未涉及领域说明有误");
        var inUse = await db.Obligations.CountAsync(o => o.DomainCode == code && o.RetiredAt == null, ct);
        if (inUse > 0)
            return Conflict($"该领域已有 {inUse} 个事项，不能登记为未涉及；如确不涉及，请先停用这些事项。");
        var now = clock.GetUtcNow();
        var exemption = await db.DomainExemptions.SingleOrDefaultAsync(e => e.DomainCode == code, ct);
        if (exemption is null)
            db.DomainExemptions.Add(exemption = new DomainExemption { DomainCode = code });
        exemption.Reason = reason!;
        exemption.RecordedBy = user.ActorName();
        exemption.RecordedAt = now;
        Audit(db, user, http, now, "standard-domain-not-applicable", $"standard-catalogue:{db.Tenant.Required}",
            $"登记未涉及领域 {code} {GrassrootsDomains.Find(code)!.Name}：{reason}");
        return await SaveAsync(db, ct) ?? TypedResults.Ok(View(exemption));
    }

    private static async Task<IResult> ClearNotApplicable(string code, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var exemption = await db.DomainExemptions.SingleOrDefaultAsync(e => e.DomainCode == code, ct);
        if (exemption is null)
            return NotFound();
        db.DomainExemptions.Remove(exemption);
        Audit(db, user, http, clock.GetUtcNow(), "standard-domain-applicable", $"standard-catalogue:{db.Tenant.Required}", $"撤销未涉及领域 {code}");
        return await SaveAsync(db, ct) ?? TypedResults.NoContent();
    }

    /// <summary>The working days "及时公开" is checked against (null goes back to the platform default).</summary>
    private static async Task<IResult> PutSettings(SettingsRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request?.PromptWorkingDays is < 1 or > 20)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["promptWorkingDays"] = ["“及时公开”的检查期限应为 1 至 20 个工作日（不超过条例第二十六条的 20 个工作日）。"],
            }, title: "标准目录设置有误");
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = new PublishingSettings());
        settings.PromptWorkingDays = request?.PromptWorkingDays;
        settings.Revision++;
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = user.ActorName();
        Audit(db, user, http, clock.GetUtcNow(), "standard-catalogue-settings-changed", $"publishing-settings:{db.Tenant.Required}",
            $"“及时公开”按 {settings.PromptWorkingDaysOrDefault} 个工作日检查");
        return await SaveAsync(db, ct, "设置刚被他人修改，请刷新后重试。")
            ?? TypedResults.Ok(new SettingsView(settings.PromptWorkingDaysOrDefault, settings.PromptWorkingDays is not null, settings.PublicationWorkingDays));
    }

    // ---- public ----

    /// <param name="version">A given published version; the latest when left out.</param>
    private static async Task<IResult> PublicCatalogue(string unit, int? version, PublishingDbContext db, HttpContext http, IOptions<JsonOptions> json,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TenantIds.IsWellFormed(unit))
            errors["unit"] = ["单位代码只能包含字母、数字和“-”。"];
        if (version is < 1)
            errors["version"] = ["版本号从 1 开始。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "请求参数有误");
        var catalogue = version is { } v
            ? await db.PublishedCatalogues.AsNoTracking().SingleOrDefaultAsync(p => p.UnitCode == unit && p.Version == v, ct)
            : await LatestAsync(db, unit, ct);
        if (catalogue is null)
            return TypedResults.Problem(title: "标准目录不存在", detail: "该单位尚未公布政务公开事项标准目录（或没有该版本）。", statusCode: StatusCodes.Status404NotFound);
        var ids = catalogue.Obligations.Select(o => o.Id).ToList();
        // Only the public copies of items (public_items): what the public may see, of this unit, naming these obligations.
        var links = (await db.PublicItems.AsNoTracking()
                .Where(p => p.UnitCode == unit && p.ObligationId != null && ids.Contains(p.ObligationId.Value))
                .OrderByDescending(p => p.PublishedOn).ThenBy(p => p.IndexNumber)
                .Select(p => new { ObligationId = p.ObligationId!.Value, p.ItemId }).ToListAsync(ct))
            .ToLookup(l => l.ObligationId, l => l.ItemId);
        var view = new PublicCatalogueView(catalogue.UnitCode, catalogue.Version, catalogue.PublishedOn, catalogue.AdoptedDistrictCode, catalogue.AdoptedVersion,
            catalogue.Obligations.Select(o => PublicView(o, links[o.Id].ToList())).ToList(),
            catalogue.Exemptions.Select(e => new ExemptionView(e.DomainCode, GrassrootsDomains.Find(e.DomainCode)?.Name ?? e.DomainCode, e.Reason, null, null)).ToList());
        return PublicCatalogueApi.Cacheable(http, view, json.Value.SerializerOptions);
    }

    // ---- helpers ----

    private static Task<PublishedCatalogue?> LatestAsync(PublishingDbContext db, string unit, CancellationToken ct) =>
        db.PublishedCatalogues.AsNoTracking().Where(p => p.UnitCode == unit).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    private static Task<bool> CodeTakenAsync(PublishingDbContext db, string code, Guid? except, CancellationToken ct) =>
        db.Obligations.AnyAsync(o => o.Code == code && o.RetiredAt == null && o.Id != except, ct);

    private static IResult CodeTaken(string code) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["code"] = [$"事项编号 {code} 已在本单位标准目录中使用。"] }, title: "标准目录事项填写有误");

    private static string Name(ObligationContent c) => c.Level2 is null ? c.Level1 : $"{c.Level1}／{c.Level2}";

    private static ObligationRef Ref(Obligation o) => new(o.Id, o.Code, o.DomainCode, o.Level1, o.Level2);

    public static ObligationView View(Obligation o) =>
        new(o.Id, o.Origin, o.Code, o.DomainCode, GrassrootsDomains.Find(o.DomainCode)?.Name ?? o.DomainCode, o.Level1, o.Level2, o.Content, o.Basis,
            o.DeadlineText, o.DeadlineKind, o.DeadlineWorkingDays, o.Responsible, ObligationTerms.Split(o.Channels),
            ObligationTerms.Split(o.Channels).Select(ObligationTerms.ChannelName).ToList(), o.Audience, ObligationTerms.AudienceName(o.Audience), o.Mode,
            ObligationTerms.ModeName(o.Mode), ObligationTerms.Split(o.Levels), ObligationTerms.LevelName(o.Levels), o.InheritedFromId, o.ChangedLocally,
            o.ChangedLocally ? o.Baseline!.ChangedColumns(o.Snapshot) : [], o.DifferenceReason, o.FirstPublishedVersion, o.Active, o.RetiredAt,
            o.RetiredReason, o.UpdatedBy, o.UpdatedAt, o.Revision);

    private static ExemptionView View(DomainExemption e) =>
        new(e.DomainCode, GrassrootsDomains.Find(e.DomainCode)?.Name ?? e.DomainCode, e.Reason, e.RecordedBy, e.RecordedAt);

    private static PublicObligationView PublicView(PublishedObligation o, IReadOnlyList<Guid> items)
    {
        var c = o.Content;
        return new(o.Id, c.Code, c.DomainCode, GrassrootsDomains.Find(c.DomainCode)?.Name ?? c.DomainCode, c.Level1, c.Level2, c.Content, c.Basis,
            c.DeadlineText, c.Responsible, ObligationTerms.Split(c.Channels), ObligationTerms.Split(c.Channels).Select(ObligationTerms.ChannelName).ToList(),
            c.Audience, ObligationTerms.AudienceName(c.Audience), c.Mode, ObligationTerms.ModeName(c.Mode), ObligationTerms.Split(c.Levels),
            ObligationTerms.LevelName(c.Levels), o.InheritedFromId, o.DifferenceReason, items);
    }

    /// <summary>Saves, or answers 409 when someone else changed the catalogue meanwhile (or a code was taken at the same moment).</summary>
    private static async Task<IResult?> SaveAsync(PublishingDbContext db, CancellationToken ct, string detail = "该事项刚被他人修改，请刷新后重试。")
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // DbUpdateConcurrencyException included: a revision token, or a unique index (code per unit, version per unit).
            return Conflict(detail);
        }
    }

    private static void Audit(PublishingDbContext db, ClaimsPrincipal user, HttpContext http, DateTimeOffset now, string action, string subject, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action, subject, detail,
            http.ClientAddress(), now));

    private static IResult EmptyBody() =>
        TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交标准目录事项。", statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound() => TypedResults.Problem(title: "事项不存在", statusCode: StatusCodes.Status404NotFound);

    private static IResult Conflict(string detail) => TypedResults.Problem(title: "当前状态不允许此操作", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
