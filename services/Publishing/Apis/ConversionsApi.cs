using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Conversion;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Art. 44 conversion (属性转换): suggestions to disclose proactively what the unit gave out on application. Intake's
/// flags raise them (<see cref="Consumers.ApplicationFlaggedConsumer"/>); staff record the other two sources by hand,
/// then accept one (a proactive draft linked to it, reviewed like any item) or decline it with a reason. Decisions are
/// final and nothing is deleted.
/// </summary>
public static class ConversionsApi
{
    public const int MaxRecordedNumbers = 20;
    private static readonly string[] Deciders = [StaffRoles.Registrar, StaffRoles.Handler];

    public static RouteGroupBuilder MapConversionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/conversions").RequireDefinedEnums();
        api.MapGet("/", List).RequireUnitStaff();
        api.MapPost("/", Record).RequireUnitStaff(Deciders);
        api.MapGet("/{id:guid}", Get).RequireUnitStaff();
        api.MapPost("/{id:guid}/accept", Accept).RequireUnitStaff(Deciders);
        api.MapPost("/{id:guid}/decline", Decline).RequireUnitStaff(Deciders);
        // For Intake's 重点事项 (the district's list of subjects asked again and again): not routed by the gateway.
        app.MapGet("/internal/publishing/conversions", Statuses).RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant();
        return api;
    }

    /// <summary>Per application number asked about, the newest conversion suggestion that names it, if any.</summary>
    private static async Task<IResult> Statuses(string[]? number, PublishingDbContext db, CancellationToken ct)
    {
        var numbers = (number ?? []).Distinct().Take(200).ToArray();
        var suggestions = await db.Conversions.AsNoTracking().Where(c => c.ApplicationNumbers.Any(n => numbers.Contains(n)))
            .OrderByDescending(c => c.RaisedAt).Select(c => new { c.ApplicationNumbers, c.State }).ToListAsync(ct);
        return TypedResults.Ok(numbers.Select(n => suggestions.FirstOrDefault(c => c.ApplicationNumbers.Contains(n)) is { } c
            ? new ConversionStatus(n, c.State.ToString(), ConversionSuggestion.StateName(c.State)) : null).OfType<ConversionStatus>().ToList());
    }

    public sealed record ConversionView(Guid Id, ConversionSource Source, string SourceName, ConversionState State, string StateName,
        IReadOnlyList<string> ApplicationNumbers, double? Similarity, string Basis, string? Note, Guid? PreviousId, string RaisedBy,
        DateTimeOffset RaisedAt, DateTimeOffset UpdatedAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? DeclineReason, Guid? ItemId, int Revision);

    public sealed record RecordRequest(ConversionSource? Source, List<string>? ApplicationNumbers, string? Note);

    public sealed record DeclineRequest(string? Reason);

    public sealed record AcceptedView(ConversionView Conversion, ItemView Item);

    /// <param name="state">Only suggestions in this state.</param>
    /// <param name="number">Only suggestions naming this application (or case) number.</param>
    /// <param name="page">1-based, 20 a page, newest first.</param>
    private static async Task<IResult> List(PublishingDbContext db, ConversionState? state, string? number, int? page, CancellationToken ct)
    {
        if (page is < 1 or > 10_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["页码必须在 1 至 10000 之间。"] }, title: "请求参数有误");
        var query = db.Conversions.AsNoTracking();
        if (state is not null)
            query = query.Where(c => c.State == state);
        if (!string.IsNullOrWhiteSpace(number))
        {
            var wanted = number.Trim();
            query = query.Where(c => c.ApplicationNumbers.Contains(wanted));
        }
        var total = await query.CountAsync(ct);
        var current = page ?? 1;
        var rows = await query.OrderByDescending(c => c.RaisedAt).ThenBy(c => c.Id)
            .Skip((current - 1) * ItemsApi.PageSize).Take(ItemsApi.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PageOf<ConversionView>(current, ItemsApi.PageSize, total, rows.Select(View).ToList()));
    }

    private static async Task<IResult> Get(Guid id, PublishingDbContext db, CancellationToken ct) =>
        await db.Conversions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } suggestion ? TypedResults.Ok(View(suggestion)) : NotFound();

    /// <summary>A suggestion staff bring: an applicant's (申请人建议) or their own after releasing information on application.</summary>
    private static async Task<IResult> Record(RecordRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Source is not { } source)
            errors["source"] = ["请选择来源：ApplicantSuggested（申请人建议主动公开）或 ReleasedOnApplication（依申请公开后认为应当主动公开）。"];
        else if (source == ConversionSource.SeveralApplicants)
            errors["source"] = ["“多个申请人申请同一政府信息”由申请登记比对自动提出，不能手工登记。"];
        var numbers = (request?.ApplicationNumbers ?? []).Select(n => n?.Trim()).ToList();
        if (numbers.Count is 0 or > MaxRecordedNumbers)
            errors["applicationNumbers"] = [$"请填写所涉申请（或案件）编号，1 至 {MaxRecordedNumbers} 个。"];
        else if (numbers.Any(n => string.IsNullOrEmpty(n) || n.Length > ConversionSuggestion.MaxNumber || n.Any(char.IsControl)))
            errors["applicationNumbers"] = [$"申请（或案件）编号不能为空，每个不超过 {ConversionSuggestion.MaxNumber} 个字符，且只能有一行。"];
        var note = request?.Note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > ConversionSuggestion.MaxNote)
            errors["note"] = [$"请说明建议主动公开的是什么信息以及理由（不超过 {ConversionSuggestion.MaxNote} 字）。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "转换建议填写有误");

        var now = clock.GetUtcNow();
        var suggestion = ConversionSuggestion.Record(request!.Source!.Value, numbers.Select(n => n!), note!, user.ActorName(), now);
        db.Conversions.Add(suggestion);
        Audit(db, user, http, now, "conversion-recorded", suggestion.Id,
            $"登记转换建议（{ConversionSuggestion.SourceName(suggestion.Source)}）：{string.Join("、", suggestion.ApplicationNumbers)}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/publishing/conversions/{suggestion.Id}", View(suggestion));
    }

    /// <summary>
    /// Accepts: the body is the draft's content, checked exactly as a new item's (<see cref="ItemsApi.ValidateAsync"/>);
    /// 公开属性 is 主动公开 (left out, it is filled in). The draft and the decision are saved together.
    /// </summary>
    private static async Task<IResult> Accept(Guid id, ItemInput? request, PublishingDbContext db, WorkingDayCalendar calendar, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return ItemsApi.EmptyBody();
        var suggestion = await db.Conversions.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (suggestion is null)
            return NotFound();
        try
        {
            suggestion.EnsureOpen();
        }
        catch (ConversionRuleException e)
        {
            return ItemsApi.Conflict(e.Message);
        }
        if (request.Mode is { } mode && mode != DisclosureMode.Proactive)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["转为主动公开的信息，公开属性必须为“主动公开”（Proactive）。"] },
                title: ItemsApi.ContentTitle);
        var today = ChinaTime.Today(clock);
        var (content, errors) = await ItemsApi.ValidateAsync(request with { Mode = DisclosureMode.Proactive }, db, today, ct);
        if (content is null)
            return TypedResults.ValidationProblem(errors, title: ItemsApi.ContentTitle);

        var deadline = (await db.SettingsOrDefaultAsync(ct)).Deadline(calendar);
        var now = clock.GetUtcNow();
        var item = InformationItem.FromConversion(Guid.NewGuid(), content,
            new ConversionOrigin(suggestion.Id, suggestion.Source, [.. suggestion.ApplicationNumbers]), today, deadline.Due(today), user.ActorName(), now);
        suggestion.Accept(item.Id, user.ActorName(), now);
        await db.RegisterCatalogueUnitAsync(now, ct);
        db.Items.Add(item);
        Audit(db, user, http, now, "conversion-accepted", suggestion.Id, $"转为主动公开，起草目录信息：{item.Title}（{string.Join("、", suggestion.ApplicationNumbers)}）");
        ItemsApi.Audit(db, user, http, now, "catalogue-item-drafted", item.Id, $"依转换建议起草目录信息：{item.Title}");
        return await SaveAsync(db, ct) ?? TypedResults.Created($"/api/publishing/items/{item.Id}",
            new AcceptedView(View(suggestion), ItemViews.Full(item, deadline, today)));
    }

    private static async Task<IResult> Decline(Guid id, DeclineRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ConversionSuggestion.MaxReason)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"请填写不予转换的理由（不超过 {ConversionSuggestion.MaxReason} 字），如不属于主动公开范围的依据。"],
            }, title: "不予转换理由有误");
        var suggestion = await db.Conversions.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (suggestion is null)
            return NotFound();
        var now = clock.GetUtcNow();
        try
        {
            suggestion.Decline(reason, user.ActorName(), now);
        }
        catch (ConversionRuleException e)
        {
            return ItemsApi.Conflict(e.Message);
        }
        Audit(db, user, http, now, "conversion-declined", suggestion.Id, $"不予转换：{reason}");
        return await SaveAsync(db, ct) ?? TypedResults.Ok(View(suggestion));
    }

    private static ConversionView View(ConversionSuggestion c) =>
        new(c.Id, c.Source, ConversionSuggestion.SourceName(c.Source), c.State, ConversionSuggestion.StateName(c.State), c.ApplicationNumbers,
            c.Similarity, c.Basis, c.Note, c.PreviousId, c.RaisedBy, c.RaisedAt, c.UpdatedAt, c.DecidedBy, c.DecidedAt, c.DeclineReason, c.ItemId, c.Revision);

    /// <summary>Saves, or answers 409 when another member of staff decided (or a flag joined) meanwhile.</summary>
    private static async Task<IResult?> SaveAsync(PublishingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ItemsApi.Conflict("该建议刚被他人处理（或有新的申请加入），请刷新后重试。");
        }
    }

    private static void Audit(PublishingDbContext db, ClaimsPrincipal user, HttpContext http, DateTimeOffset now, string action, Guid id, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action,
            $"conversion:{id}", detail, http.ClientAddress(), now));

    private static IResult NotFound() => TypedResults.Problem(title: "转换建议不存在", statusCode: StatusCodes.Status404NotFound);
}
