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
/// Periodic re-review of items marked 不予公开 or 依申请公开 (<see cref="NonPublicReReview"/>): the due list, each item's
/// recorded re-reviews, recording one, and the unit's interval (unit admins set it).
/// </summary>
public static class ReReviewsApi
{
    private static readonly string[] Reviewers = [StaffRoles.Registrar, StaffRoles.Handler];

    public static IEndpointRouteBuilder MapReReviewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/re-reviews").RequireDefinedEnums();
        api.MapGet("/due", Due).RequireUnitStaff();
        api.MapGet("/settings", GetSettings).RequireUnitStaff();
        api.MapPut("/settings", PutSettings).RequireUnitStaff(StaffRoles.UnitAdmin);
        var items = app.MapGroup("/api/publishing/items/{id:guid}/re-reviews").RequireDefinedEnums();
        items.MapGet("/", History).RequireUnitStaff();
        items.MapPost("/", Record).RequireUnitStaff(Reviewers);
        return app;
    }

    public sealed record DueItemView(Guid Id, string Title, ItemState State, DisclosureMode Mode, string ModeName, string? NotPublicReason,
        string? NotPublicArticle, DateOnly WrittenOn, DateOnly ReReviewFrom, DateOnly NextReReviewOn, DateOnly? LastReReviewedOn);

    public sealed record ReReviewRequest(ReReviewOutcome? Outcome, string? NotPublicReason, string? NotPublicArticle, string? Note);

    public sealed record ReReviewView(Guid Id, ReReviewOutcome Outcome, string OutcomeName, DisclosureMode ModeBefore, DisclosureMode ModeAfter,
        string? NotPublicReason, string? NotPublicArticle, string? Note, DateOnly ReviewedOn, string ReviewedBy, DateTimeOffset ReviewedAt);

    public sealed record HistoryView(Guid ItemId, DisclosureMode Mode, string ModeName, int IntervalMonths, DateOnly? LastReReviewedOn,
        DateOnly? NextReReviewOn, bool Due, IReadOnlyList<ReReviewView> ReReviews);

    public sealed record SettingsRequest(int? NonPublicReReviewMonths);

    public sealed record SettingsView(int NonPublicReReviewMonths);

    /// <param name="page">1-based, 20 a page, the longest waiting first.</param>
    private static async Task<IResult> Due(PublishingDbContext db, TimeProvider clock, int? page, CancellationToken ct)
    {
        if (page is < 1 or > 10_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["页码必须在 1 至 10000 之间。"] }, title: "请求参数有误");
        var months = (await db.SettingsOrDefaultAsync(ct)).NonPublicReReviewMonths;
        var cutoff = NonPublicReReview.DueIfOnOrBefore(ChinaTime.Today(clock), months);
        // re_review_from is set exactly on non-public items; withdrawn ones are off the list.
        var query = db.Items.AsNoTracking().Where(i => i.ReReviewFrom != null && i.ReReviewFrom <= cutoff && i.State != ItemState.Withdrawn);
        var total = await query.CountAsync(ct);
        var number = page ?? 1;
        var items = await query.OrderBy(i => i.ReReviewFrom).ThenBy(i => i.Id)
            .Skip((number - 1) * ItemsApi.PageSize).Take(ItemsApi.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PageOf<DueItemView>(number, ItemsApi.PageSize, total, items.Select(i => new DueItemView(i.Id, i.Title, i.State, i.Mode,
            ItemViews.ModeName(i.Mode), i.NotPublicReason, i.NotPublicArticle, i.WrittenOn, i.ReReviewFrom!.Value,
            NonPublicReReview.NextOn(i.ReReviewFrom.Value, months), i.LastReReviewedOn)).ToList()));
    }

    private static async Task<IResult> History(Guid id, PublishingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        return item is null ? ItemsApi.NotFound() : TypedResults.Ok(await HistoryAsync(item, db, ChinaTime.Today(clock), ct));
    }

    private static async Task<IResult> Record(Guid id, ReReviewRequest? request, PublishingDbContext db, WorkingDayCalendar calendar, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Outcome is not { } outcome)
            errors["outcome"] = ["请选择复核结论：KeepNotPublic（维持不予公开）、ChangeToOnApplication（改为依申请公开）或 ChangeToProactive（改为主动公开）。"];
        var reason = request?.NotPublicReason?.Trim();
        var article = request?.NotPublicArticle?.Trim();
        if (request?.Outcome == ReReviewOutcome.KeepNotPublic)
        {
            if (string.IsNullOrEmpty(reason))
                errors["notPublicReason"] = ["维持不予公开须确认理由。"];
            if (string.IsNullOrEmpty(article))
                errors["notPublicArticle"] = ["维持不予公开须确认所依据的条款（如《政府信息公开条例》第十四条）。"];
        }
        if (reason is { Length: > 500 })
            errors["notPublicReason"] = ["不予公开理由不能超过 500 个字。"];
        if (article is { Length: > 100 })
            errors["notPublicArticle"] = ["依据条款不能超过 100 个字。"];
        if (request?.Note?.Trim() is { Length: > 1000 })
            errors["note"] = ["复核意见不能超过 1000 个字。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "复核信息有误");

        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
            return ItemsApi.NotFound();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        ItemReReview record;
        try
        {
            record = item.ReReview(request!.Outcome!.Value, reason, article, request.Note, today, deadline.Due(today), user.ActorName(), now);
        }
        catch (ItemRuleException e)
        {
            return ItemsApi.Conflict(e.Message);
        }
        db.ReReviews.Add(record);
        ItemsApi.Audit(db, user, http, now, "catalogue-item-re-reviewed", item.Id,
            $"定期复核：{NonPublicReReview.OutcomeName(record.Outcome, record.ModeBefore)}（{item.Title}）");
        return await ItemsApi.SaveAsync(db, ct)
            ?? TypedResults.Created($"/api/publishing/items/{item.Id}/re-reviews", await HistoryAsync(item, db, today, ct));
    }

    private static async Task<IResult> GetSettings(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new SettingsView((await db.SettingsOrDefaultAsync(ct)).NonPublicReReviewMonths));

    private static async Task<IResult> PutSettings(SettingsRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request?.NonPublicReReviewMonths is not { } months || !NonPublicReReview.IsValidInterval(months))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["nonPublicReReviewMonths"] = [$"复核周期应为 {NonPublicReReview.MinMonths} 至 {NonPublicReReview.MaxMonths} 个月。"],
            }, title: "复核设置有误");
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = new PublishingSettings());
        var now = clock.GetUtcNow();
        settings.NonPublicReReviewMonths = months;
        settings.Revision++;
        settings.UpdatedAt = now;
        settings.UpdatedBy = user.ActorName();
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "re-review-settings-changed",
            $"publishing-settings:{db.Tenant.Required}", $"不予公开、依申请公开信息每 {months} 个月复核一次", http.ClientAddress(), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins saved at once (revision is a concurrency token, the tenant the key).
            return ItemsApi.Conflict("设置刚被他人修改，请刷新后重试。");
        }
        return TypedResults.Ok(new SettingsView(settings.NonPublicReReviewMonths));
    }

    private static async Task<HistoryView> HistoryAsync(InformationItem item, PublishingDbContext db, DateOnly today, CancellationToken ct)
    {
        var months = (await db.SettingsOrDefaultAsync(ct)).NonPublicReReviewMonths;
        var records = await db.ReReviews.AsNoTracking().Where(r => r.ItemId == item.Id).OrderBy(r => r.ReviewedAt).ToListAsync(ct);
        DateOnly? next = item.ReReviewFrom is { } from && item.State != ItemState.Withdrawn ? NonPublicReReview.NextOn(from, months) : null;
        return new HistoryView(item.Id, item.Mode, ItemViews.ModeName(item.Mode), months, item.LastReReviewedOn, next, next <= today,
            records.Select(r => new ReReviewView(r.Id, r.Outcome, NonPublicReReview.OutcomeName(r.Outcome, r.ModeBefore), r.ModeBefore, r.ModeAfter,
                r.NotPublicReason, r.NotPublicArticle, r.Note, r.ReviewedOn, r.ReviewedBy, r.ReviewedAt)).ToList());
    }
}
