using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;
using R = Gongkai.Contracts.StaffRoles;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Reconsiderations (行政复议) and lawsuits (行政诉讼) about the unit's replies, linked to their cases; table 四 counts them.
/// A decision that orders a new reply reopens the case in Workflow (CaseReopeningOrdered, through the outbox).
/// </summary>
public static class AppealsApi
{
    private static readonly string[] Recorders = [R.Handler, R.LegalCounsel, R.UnitAdmin];

    public static void MapAppealsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/appeals").RequireDefinedEnums();
        api.MapGet("/", List).RequireUnitStaff();
        api.MapPost("/", Create).RequireUnitStaff(Recorders);
        api.MapPost("/{id:guid}/decision", Decide).RequireUnitStaff(Recorders);
    }

    public sealed record AppealRequest(Guid? CaseId, AppealKind? Kind, string? Body, DateOnly? FiledOn, string? FilingNumber);

    public sealed record DecisionRequest(AppealOutcome? Outcome, DateOnly? DecidedOn, string? DecisionNumber, string? Summary, bool? OrdersNewReply,
        DateOnly? RulingReceivedOn, int? ReplyWorkingDays);

    private static async Task<IResult> List(int? year, Guid? caseId, PublishingDbContext db, CancellationToken ct)
    {
        if (year is < 1949 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份必须在 1949 至 2100 之间。"] }, title: "查询条件有误");
        var appeals = db.Appeals.AsNoTracking();
        if (year is { } y)
            appeals = appeals.Where(a => a.FiledOn >= new DateOnly(y, 1, 1) && a.FiledOn <= new DateOnly(y, 12, 31));
        if (caseId is { } id)
            appeals = appeals.Where(a => a.CaseId == id);
        return TypedResults.Ok(await appeals.OrderBy(a => a.FiledOn).ThenBy(a => a.CaseNumber).ToListAsync(ct));
    }

    private static async Task<IResult> Create(AppealRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var errors = new Dictionary<string, string[]>();
        if (request?.Kind is null)
            errors["kind"] = ["请选择类型：Reconsideration（行政复议）、LitigationDirect（未经复议直接起诉）、LitigationAfterReconsideration（复议后起诉）。"];
        var body = Text(request?.Body, "body", "请填写复议机关或人民法院的名称。", errors);
        var filingNumber = OptionalText(request?.FilingNumber, "filingNumber", errors);
        var reported = request?.CaseId is { } caseId ? await db.ReportedCases.AsNoTracking().SingleOrDefaultAsync(c => c.CaseId == caseId, ct) : null;
        if (reported is null)
            errors["caseId"] = ["请指定本单位的案件（caseId）。"];
        if (request?.FiledOn is not { } filedOn)
            errors["filedOn"] = ["请填写申请复议或起诉的日期。"];
        else if (filedOn > today)
            errors["filedOn"] = ["日期不能晚于今天。"];
        else if (reported is not null && filedOn < reported.Handlings[0].CountedFrom)
            errors["filedOn"] = [$"日期早于收到申请之日 {reported.Handlings[0].CountedFrom:yyyy-MM-dd}。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "复议诉讼记录有误");
        var appeal = new Appeal
        {
            Id = Guid.NewGuid(), CaseId = reported!.CaseId, CaseNumber = reported.CaseNumber, Kind = request!.Kind!.Value, Body = body, FiledOn = request.FiledOn!.Value,
            FilingNumber = filingNumber, CreatedAt = now, CreatedBy = user.ActorName(),
        };
        db.Appeals.Add(appeal);
        Audit(db, user, http, now, "appeal-recorded", appeal, $"{reported.CaseNumber}：{AppealTable.KindLabel(appeal.Kind)}（{body}，{appeal.FiledOn:yyyy-MM-dd}）");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/publishing/appeals/{appeal.Id}", appeal);
    }

    private static async Task<IResult> Decide(Guid id, DecisionRequest? request, PublishingDbContext db, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (appeal is null)
            return TypedResults.Problem(title: "没有该复议诉讼记录", statusCode: StatusCodes.Status404NotFound);
        var errors = new Dictionary<string, string[]>();
        if (request?.Outcome is null or AppealOutcome.Pending)
            errors["outcome"] = ["请选择结果：Upheld（维持）、Corrected（纠正）、Other（其他结果）。"];
        if (request?.DecidedOn is not { } decidedOn || decidedOn > today || decidedOn < appeal.FiledOn)
            errors["decidedOn"] = [$"请填写决定或裁判的日期（{appeal.FiledOn:yyyy-MM-dd} 至今天）。"];
        var ordersNewReply = request?.OrdersNewReply == true;
        if (ordersNewReply && request!.RulingReceivedOn is { } received && (received > today || received < request.DecidedOn))
            errors["rulingReceivedOn"] = ["收到决定书或裁判文书的日期须在决定日期之后、今天之前。"];
        if (request?.ReplyWorkingDays is { } days && (days is < 1 or > 60 || !ordersNewReply))
            errors["replyWorkingDays"] = ["重新答复期限须为 1 至 60 个工作日，且仅在责令重新答复时填写。"];
        var number = OptionalText(request?.DecisionNumber, "decisionNumber", errors);
        var summary = OptionalText(request?.Summary, "summary", errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "复议诉讼结果有误");
        if (!appeal.Decide(request!.Outcome!.Value, request.DecidedOn!.Value, number, summary, ordersNewReply, request.RulingReceivedOn, now, user.ActorName()))
            return TypedResults.Problem(title: "结果已登记", detail: "该复议诉讼的结果已经登记，不能再次登记。", statusCode: StatusCodes.Status409Conflict);
        if (appeal.OrdersNewReply)
            db.AddIntegrationEvent(new CaseReopeningOrdered(appeal.CaseId, db.Tenant.Required, appeal.Id, appeal.RulingReceivedOn!.Value,
                $"{AppealTable.KindLabel(appeal.Kind)}（{appeal.Body}{(number is null ? "" : "，" + number)}）责令重新答复", request.ReplyWorkingDays,
                user.ActorName(), now));
        Audit(db, user, http, now, "appeal-decided", appeal, $"{appeal.CaseNumber}：{AppealTable.KindLabel(appeal.Kind)}结果 {AppealTable.OutcomeLabel(appeal.Outcome)}" +
            (appeal.OrdersNewReply ? "，责令重新答复" : ""));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(appeal);
    }

    private static string Text(string? value, string field, string missing, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [missing];
            return "";
        }
        return OptionalText(value, field, errors) ?? "";
    }

    private static string? OptionalText(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { Length: > Appeal.MaxTextLength })
            errors[field] = [$"不能超过 {Appeal.MaxTextLength} 个字。"];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static void Audit(PublishingDbContext db, ClaimsPrincipal user, HttpContext http, DateTimeOffset now, string action, Appeal appeal, string detail) =>
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, action, $"case:{appeal.CaseId}",
            detail, http.ClientAddress(), now));
}
