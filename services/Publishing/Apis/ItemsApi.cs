using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The unit's own catalogue items (政府信息公开目录) for its staff. Registrars and handlers draft, edit, submit, withdraw and
/// record validity changes; approvers approve only through the review chain (LegalReview), never here.
/// </summary>
public static class ItemsApi
{
    public const int PageSize = 20;
    internal static readonly string[] Drafters = [StaffRoles.Registrar, StaffRoles.Handler];

    public static RouteGroupBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/items").RequireDefinedEnums();
        api.MapGet("/", ListItems).RequireUnitStaff();
        api.MapPost("/", CreateItem).RequireUnitStaff(Drafters);
        api.MapGet("/{id:guid}", GetItem).RequireUnitStaff();
        api.MapPut("/{id:guid}", EditItem).RequireUnitStaff(Drafters);
        api.MapDelete("/{id:guid}", DiscardDraft).RequireUnitStaff(Drafters);
        api.MapPost("/{id:guid}/submit", Submit).RequireUnitStaff(Drafters);
        api.MapPost("/{id:guid}/withdraw", Withdraw).RequireUnitStaff(Drafters);
        api.MapPost("/{id:guid}/validity", ChangeValidity).RequireUnitStaff(Drafters);
        api.MapGet("/{id:guid}/versions", GetVersions).RequireUnitStaff();
        // The nightly deadline scan, on demand for the caller's own unit (e.g. after correcting dates).
        app.MapPost("/api/publishing/alerts/scan", ScanAlerts).RequireUnitStaff(StaffRoles.UnitAdmin);
        return api;
    }

    public sealed record ScanResult(int Raised);

    private static async Task<IResult> ScanAlerts(TenantContext tenant, PublicationAlertScanner scanner, CancellationToken ct) =>
        TypedResults.Ok(new ScanResult(await scanner.ScanAsync([tenant.Required], ct)));

    public sealed record WithdrawRequest(string? Reason);

    public sealed record ValidityRequest(Validity? Validity, DateOnly? On);

    /// <param name="state">Only items in this state.</param>
    /// <param name="overdue">Only unpublished proactive items past their Art. 26 due date.</param>
    /// <param name="domain">Only items of this grassroots domain (01–26).</param>
    /// <param name="page">1-based, 20 items a page, newest change first.</param>
    private static async Task<IResult> ListItems(PublishingDbContext db, WorkingDayCalendar calendar, TimeProvider clock,
        ItemState? state, bool? overdue, string? domain, int? page, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 10_000)
            errors["page"] = ["页码必须在 1 至 10000 之间。"];
        if (domain is not null && GrassrootsDomains.Find(domain) is null)
            errors["domain"] = ["试点领域代码不存在（01 至 26）。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "请求参数有误");
        var today = ChinaTime.Today(clock);
        var query = db.Items.AsNoTracking();
        if (state is not null)
            query = query.Where(i => i.State == state);
        if (domain is not null)
            query = query.Where(i => i.DomainCode == domain);
        if (overdue == true)
            query = query.Where(i => (i.State == ItemState.Draft || i.State == ItemState.UnderReview || i.State == ItemState.AwaitingPolicy)
                && i.Mode == DisclosureMode.Proactive && i.DueOn < today);
        var total = await query.CountAsync(ct);
        var number = page ?? 1;
        var items = await query.OrderByDescending(i => i.UpdatedAt).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        return TypedResults.Ok(new PageOf<ItemSummaryView>(number, PageSize, total, items.Select(i => ItemViews.Summary(i, deadline, today)).ToList()));
    }

    private static async Task<IResult> CreateItem(ItemInput? request, PublishingDbContext db, WorkingDayCalendar calendar, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return EmptyBody();
        var today = ChinaTime.Today(clock);
        var (content, errors) = await ValidateAsync(request, db, today, ct);
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: ContentTitle);
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        var now = clock.GetUtcNow();
        var item = InformationItem.Draft(Guid.NewGuid(), content, deadline.Due(content.WrittenOn), user.ActorName(), now);
        await db.RegisterCatalogueUnitAsync(now, ct);
        db.Items.Add(item);
        Audit(db, user, http, now, "catalogue-item-drafted", item.Id, $"起草目录信息：{item.Title}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/publishing/items/{item.Id}", await ViewAsync(db, item, deadline, today, ct));
    }

    private static async Task<IResult> GetItem(Guid id, PublishingDbContext db, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        return TypedResults.Ok(await ViewAsync(db, item, deadline, ChinaTime.Today(clock), ct));
    }

    private static async Task<IResult> EditItem(Guid id, ItemInput? request, PublishingDbContext db, WorkingDayCalendar calendar, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return EmptyBody();
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var today = ChinaTime.Today(clock);
        var (content, errors) = await ValidateAsync(request, db, today, ct, keep: item.ObligationId, self: item.Id);
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: ContentTitle);
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        var now = clock.GetUtcNow();
        var wasPublished = item.State == ItemState.Published;
        var wasHeld = item.State == ItemState.AwaitingPolicy;
        try
        {
            item.Edit(content, today, deadline.Due(content.WrittenOn), deadline.Due(today), user.ActorName(), now);
        }
        catch (ItemRuleException e)
        {
            return Conflict(e.Message);
        }
        Audit(db, user, http, now, wasPublished ? "catalogue-item-revised" : "catalogue-item-edited", item.Id,
            wasPublished ? $"修改已公开信息，形成第 {item.Version} 版（待审核后公开）：{item.Title}"
            : wasHeld ? $"修改已审核通过、待随政策文件公开的解读，须重新审核：{item.Title}" : $"修改草稿：{item.Title}");
        return await SaveAsync(db, ct) ?? TypedResults.Ok(await ViewAsync(db, item, deadline, today, ct));
    }

    private static async Task<IResult> DiscardDraft(Guid id, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        try
        {
            item.EnsureDiscardable();
        }
        catch (ItemRuleException e)
        {
            return Conflict(e.Message);
        }
        if (await db.Items.AnyAsync(i => i.InterpretsId == id, ct))
            return Conflict("已有解读关联到本草稿：请先删除这些解读，或将它们改为关联其他文件。");
        db.Items.Remove(item);
        // Its attachments were never published (their bytes go with them in the database store).
        db.Attachments.RemoveRange(await db.Attachments.Where(a => a.ItemId == id).ToListAsync(ct));
        Audit(db, user, http, clock.GetUtcNow(), "catalogue-draft-discarded", item.Id, $"删除未公开的草稿：{item.Title}");
        return await SaveAsync(db, ct) ?? TypedResults.NoContent();
    }

    /// <summary>
    /// Sends the draft to the unit's review chain in LegalReview (ReviewRequested, Subject Publication) through the outbox.
    /// A policy takes its interpretation drafts along, each to a review of its own (谁起草谁解读: reviewed with it).
    /// </summary>
    private static async Task<IResult> Submit(Guid id, PublishingDbContext db, WorkingDayCalendar calendar, UnitDirectory units, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        // Learn where the unit sits in the tree now, while a person waits anyway, so publication need not ask Identity.
        await units.RefreshAsync(db, ct);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var settings = await db.SettingsOrDefaultAsync(ct);
        var policy = item.InterpretsId is { } policyId ? await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == policyId, ct) : null;
        var interpretations = item.IsInterpretation ? []
            : await db.Items.Where(i => i.InterpretsId == item.Id && i.State != ItemState.Withdrawn).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var submitted = new List<(InformationItem Item, int Round)>();
        try
        {
            Interpretations.EnsureSubmittable(item, policy, interpretations.Count > 0, settings.InterpretationRequiredForOrNone);
            submitted.Add((item, item.Submit(user.ActorName(), now)));
            foreach (var interpretation in Interpretations.SubmittedWith(interpretations).ToList())
                submitted.Add((interpretation, interpretation.Submit(user.ActorName(), now)));
        }
        catch (ItemRuleException e)
        {
            return Conflict(e.Message);
        }
        foreach (var (each, round) in submitted)
        {
            db.AddIntegrationEvent(new ReviewRequested(each.Id, db.Tenant.Required, ReviewReference(each.Title), each.DueOn, now, round,
                Subject: ReviewSubject.Publication));
            Audit(db, user, http, now, "catalogue-item-submitted", each.Id,
                each == item ? $"提交审核（第 {round} 轮）：{each.Title}" : $"随政策文件《{item.Title}》一并提交审核（第 {round} 轮）：{each.Title}");
        }
        var deadline = settings.Deadline(calendar);
        return await SaveAsync(db, ct) ?? TypedResults.Ok(await ViewAsync(db, item, deadline, ChinaTime.Today(clock), ct));
    }

    /// <summary>The short reference reviewers see in their queue in place of a case number: 公开-&lt;title prefix&gt;.</summary>
    public static string ReviewReference(string title) => "公开-" + (title.Length <= 20 ? title : title[..20] + "…");

    private static async Task<IResult> Withdraw(Guid id, WithdrawRequest? request, PublishingDbContext db, WorkingDayCalendar calendar, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["请填写撤回理由（不超过 500 字）。"] }, title: "撤回信息有误");
        // Under the policy's lock: an interpretation being published at this moment is either withdrawn here too or sees
        // its policy withdrawn and goes back to draft.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPolicyOfAsync(id, ct);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var now = clock.GetUtcNow();
        // A policy's published interpretations explain something the public can no longer see: they go with it.
        var interpretations = item.IsInterpretation ? []
            : await db.Items.Where(i => i.InterpretsId == item.Id && i.PublishedVersion > 0 && i.State != ItemState.Withdrawn).ToListAsync(ct);
        try
        {
            item.Withdraw(reason, user.ActorName(), now);
            foreach (var interpretation in interpretations)
                interpretation.Withdraw(Truncate($"所解读的政策文件已撤回：{reason}", 500), user.ActorName(), now);
        }
        catch (ItemRuleException e)
        {
            return Conflict(e.Message);
        }
        // Off the public catalogue (in the same SaveChanges); the item, its number and every published version stay.
        foreach (var each in interpretations.Prepend(item))
        {
            if (await db.PublicItems.SingleOrDefaultAsync(p => p.ItemId == each.Id, ct) is { } publicItem)
                db.PublicItems.Remove(publicItem);
            Audit(db, user, http, now, "catalogue-item-withdrawn", each.Id, $"撤回 {each.IndexNumber}：{each.WithdrawnReason}");
        }
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        if (await SaveAsync(db, ct) is { } conflict)
            return conflict;
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, item, deadline, ChinaTime.Today(clock), ct));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static async Task<IResult> ChangeValidity(Guid id, ValidityRequest? request, PublishingDbContext db, WorkingDayCalendar calendar,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Validity is null)
            errors["validity"] = ["请选择有效性（Valid 有效、Expired 失效、Repealed 废止）。"];
        if (request?.On is null)
            errors["on"] = ["请填写变更日期（YYYY-MM-DD）。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "有效性变更有误");
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        ValidityChange change;
        try
        {
            change = item.ChangeValidity(request!.Validity!.Value, request.On!.Value, today, user.ActorName(), now);
        }
        catch (ItemRuleException e)
        {
            return Conflict(e.Message);
        }
        db.ValidityChanges.Add(change);
        // Marked on the original: the public copy shows the new status (it holds the last published version's content).
        if (await db.PublicItems.SingleOrDefaultAsync(p => p.ItemId == item.Id, ct) is { } publicItem)
        {
            publicItem.Validity = item.Validity;
            publicItem.ValidityChangedOn = item.ValidityChangedOn;
            publicItem.UpdatedAt = now;
        }
        Audit(db, user, http, now, "catalogue-validity-changed", item.Id,
            $"{item.IndexNumber} 有效性：{ItemViews.ValidityName(change.From)} → {ItemViews.ValidityName(change.To)}（{change.On:yyyy-MM-dd}）");
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        return await SaveAsync(db, ct) ?? TypedResults.Ok(await ViewAsync(db, item, deadline, today, ct));
    }

    private static async Task<IResult> GetVersions(Guid id, PublishingDbContext db, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return NotFound();
        var versions = await db.ItemVersions.AsNoTracking().Where(v => v.ItemId == id).OrderBy(v => v.Version).ToListAsync(ct);
        var changes = await db.ValidityChanges.AsNoTracking().Where(c => c.ItemId == id).OrderBy(c => c.ChangedAt).ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.ItemId == id).OrderBy(a => a.AddedAt).ToListAsync(ct);
        return TypedResults.Ok(new ItemHistoryView(item.Id, item.IndexNumber,
            versions.Select(v => new VersionView(v.Version, v.IndexNumber, v.FormedOrChangedOn, v.DueOn, v.PublishedOn, v.PublishedAt, v.ApprovedBy, v.Content,
                attachments.Where(a => a.IsIn(v.Version)).Select(ItemViews.Attachment).ToList())).ToList(),
            changes.Select(c => new ValidityChangeView(c.From, c.To, ItemViews.ValidityName(c.To), c.On, c.ChangedBy, c.ChangedAt)).ToList(),
            item.WithdrawnReason, item.WithdrawnBy, item.WithdrawnAt));
    }

    internal const string ContentTitle = "目录信息填写有误";

    /// <summary>
    /// An item's content as staff send it, checked by the same rules wherever an item is written (here, and when an
    /// Art. 44 suggestion is accepted): <see cref="ItemInput.Validate"/>, then the obligation it names, then the policy it
    /// interprets (<paramref name="self"/>: the item being edited, which cannot interpret itself).
    /// </summary>
    internal static async Task<(ItemContent? Content, Dictionary<string, string[]> Errors)> ValidateAsync(ItemInput request, PublishingDbContext db,
        DateOnly today, CancellationToken ct, Guid? keep = null, Guid? self = null)
    {
        var (content, errors) = request.Validate(today);
        if (content is not null)
            (content, errors) = await WithObligationAsync(content!, db, ct, keep);
        if (content is not null)
            (content, errors) = await WithPolicyAsync(content!, db, self, ct);
        return (content, errors);
    }

    /// <summary>
    /// The obligation an item names must be an active one of the unit's own standard catalogue (the tenant filter and RLS
    /// keep other units' out of sight, so theirs read as unknown). An item without a domain takes the obligation's; one
    /// filed under another domain is refused rather than silently moved. An edit may keep the link it has (<paramref
    /// name="keep"/>) even if the obligation was retired since: retiring never forces items to be relinked.
    /// </summary>
    private static async Task<(ItemContent? Content, Dictionary<string, string[]> Errors)> WithObligationAsync(ItemContent content, PublishingDbContext db,
        CancellationToken ct, Guid? keep = null)
    {
        if (content.ObligationId is not { } id)
            return (content, new());
        var obligation = await db.Obligations.AsNoTracking().Where(o => o.Id == id && (o.RetiredAt == null || o.Id == keep))
            .Select(o => new { o.DomainCode, o.Code }).SingleOrDefaultAsync(ct);
        if (obligation is null)
            return (null, new() { ["obligationId"] = ["所选事项不在本单位的政务公开事项标准目录中（或已停用）。"] });
        if (content.DomainCode is { } domain && domain != obligation.DomainCode)
            return (null, new() { ["domainCode"] = [$"所选事项 {obligation.Code} 属于领域 {obligation.DomainCode}（{GrassrootsDomains.Find(obligation.DomainCode)?.Name}），与所填领域不一致。"] });
        return (content with { DomainCode = obligation.DomainCode }, []);
    }

    /// <summary>
    /// The policy an interpretation names must be an item of the unit's own catalogue (the tenant filter and RLS keep other
    /// units' out of sight, so theirs read as unknown) that can be interpreted (<see cref="Interpretations.LinkProblem"/>).
    /// </summary>
    private static async Task<(ItemContent? Content, Dictionary<string, string[]> Errors)> WithPolicyAsync(ItemContent content, PublishingDbContext db,
        Guid? selfId, CancellationToken ct)
    {
        // A policy keeps the attribute its interpretations rest on: made non-public, a held interpretation would wait forever.
        if (content.Mode != DisclosureMode.Proactive && selfId is { } edited
            && await db.Items.AnyAsync(i => i.InterpretsId == edited && i.State != ItemState.Withdrawn, ct))
            return (null, new() { ["mode"] = ["该文件已有政策解读，公开属性只能是“主动公开”；如需改变，请先撤回或删除其解读。"] });
        if (content.InterpretsId is not { } policyId)
            return (content, new());
        var policy = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == policyId, ct);
        var interpreted = selfId is { } self && await db.Items.AnyAsync(i => i.InterpretsId == self, ct);
        return Interpretations.LinkProblem(selfId, policy, interpreted) is { } problem
            ? (null, new() { ["interprets"] = [problem] })
            : (content, new());
    }

    /// <summary>The staff view of an item with both ends of its 政策解读 links.</summary>
    internal static async Task<ItemView> ViewAsync(PublishingDbContext db, InformationItem item, PublicationDeadline deadline, DateOnly today, CancellationToken ct)
    {
        var policy = item.InterpretsId is { } policyId ? await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == policyId, ct) : null;
        var interpretations = await db.Items.AsNoTracking().Where(i => i.InterpretsId == item.Id).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        return ItemViews.Full(item, deadline, today, policy, interpretations);
    }

    /// <summary>Saves, or answers 409 when someone else changed the item meanwhile (the review result included).</summary>
    internal static async Task<IResult?> SaveAsync(PublishingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("该信息刚被他人修改（或审核结果刚到达），请刷新后重试。");
        }
    }

    internal static void Audit(PublishingDbContext db, ClaimsPrincipal user, HttpContext http, DateTimeOffset now, string action, Guid itemId, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action,
            $"catalogue-item:{itemId}", detail, http.ClientAddress(), now));

    internal static IResult EmptyBody() =>
        TypedResults.Problem(title: "请求内容为空", detail: "请以 JSON 提交目录信息。", statusCode: StatusCodes.Status400BadRequest);

    internal static IResult NotFound() => TypedResults.Problem(title: "信息不存在", statusCode: StatusCodes.Status404NotFound);

    internal static IResult Conflict(string detail) => TypedResults.Problem(title: "当前状态不允许此操作", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
