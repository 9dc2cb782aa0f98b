using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;
using R = Gongkai.Contracts.StaffRoles;
using static Gongkai.Workflow.Domain.ActionInput;

namespace Gongkai.Workflow.Apis;

/// <summary>
/// One POST per statutory action: POST /api/workflow/cases/{id}/&lt;action&gt;. Dates default to today (China
/// Standard Time); an action the case's status does not allow is 409 naming the current status; every
/// action is recorded on the timeline, audited, and published through the outbox.
/// </summary>
public static class CaseActionsApi
{
    public sealed record Empty;
    public sealed record CorrectionRequest(string? Items, int? PeriodWorkingDays, DateOnly? NoticeSentOn, DateOnly? NoticeReceivedOn);
    public sealed record DateRequest(DateOnly? On);
    public sealed record DomainRequest(string? DomainCode);
    public sealed record ConsultationRequest(string? Party, DateOnly? LetterSentOn, DateOnly? LetterReceivedOn);
    public sealed record AnswerRequest(DateOnly? AnsweredOn, string? Text);
    public sealed record AssistRequest(string? Unit, string? Question, DateOnly? SentOn, int? AnswerWithinWorkingDays);
    public sealed record FeeRequest(FeeMethod? Method, int? Quantity, int? EarlierItemsThisMonth, DateOnly? IssuedOn, DateOnly? NoticeReceivedOn);
    public sealed record ExtensionRequest(int? WorkingDays, string? Reason, DateOnly? DecidedOn);
    public sealed record ExplanationRequest(string? Why, int? ReplyWithinWorkingDays, DateOnly? SentOn, DateOnly? ReceivedOn);
    public sealed record DelayRequest(DateOnly? Until, string? Reason, DateOnly? DecidedOn);
    public sealed record DecisionRequest(ReplyType? ReplyType, AnnualReportOutcome? Outcome, string? Reasons, DateOnly? On);
    public sealed record DeliveryRequest(DeliveryMethod? Method, DateOnly? DeliveredOn, string? Evidence);
    public sealed record WithdrawalRequest(DateOnly? WithdrawnOn, string? Reason);
    public sealed record ReopenRequest(DateOnly? RulingReceivedOn, string? Reason, int? ReplyWorkingDays);

    /// <summary>What an action needs besides its body: when, who, the calendar, and the ranges its input must fall in.</summary>
    public sealed record ActionContext(DateOnly Today, DateTimeOffset Now, string Actor, WorkingDayCalendar Calendar, ActionInput Input)
    {
        public DateOnly Happened(DateOnly? value, string field) => Input.Happened(value, field);

        public DateOnly? HappenedOrNull(DateOnly? value, string field) => Input.HappenedOrNull(value, field);
    }

    public static void MapCaseActions(this RouteGroupBuilder api)
    {
        Map<CorrectionRequest>(api, "correction-requests", [R.Handler], (l, b, c) => l.RequestCorrection(
            Text(b.Items, "items"), Period(b.PeriodWorkingDays, "periodWorkingDays", 15), c.Happened(b.NoticeSentOn, "noticeSentOn"),
            c.HappenedOrNull(b.NoticeReceivedOn, "noticeReceivedOn"), c.Calendar, c.Now, c.Actor));
        Map<DateRequest>(api, "corrections", [R.Handler, R.Registrar], (l, b, c) => l.ReceiveCorrection(c.Happened(b.On, "on"), c.Calendar, c.Now, c.Actor));
        Map<Empty>(api, "abandonment-no-correction", [R.Handler], (l, _, c) => l.AbandonForNoCorrection(c.Today, c.Calendar, c.Now, c.Actor));
        Map<Empty>(api, "triage", [R.Handler], (l, _, c) => l.StartTriage(c.Now, c.Actor));
        Map<Empty>(api, "search", [R.Handler], (l, _, c) => l.StartSearch(c.Now, c.Actor));
        Map<ConsultationRequest>(api, "third-party-consultations", [R.Handler], (l, b, c) => l.StartThirdPartyConsultation(
            Text(b.Party, "party"), c.Happened(b.LetterSentOn, "letterSentOn"), c.HappenedOrNull(b.LetterReceivedOn, "letterReceivedOn"), c.Calendar, c.Now, c.Actor));
        Map<ConsultationRequest>(api, "agency-consultations", [R.Handler], (l, b, c) => l.StartAgencyConsultation(
            Text(b.Party, "party"), c.Happened(b.LetterSentOn, "letterSentOn"), c.HappenedOrNull(b.LetterReceivedOn, "letterReceivedOn"), c.Calendar, c.Now, c.Actor));
        Map<AnswerRequest>(api, "consultation-answers", [R.Handler], (l, b, c) => l.EndConsultation(
            c.Happened(b.AnsweredOn, "answeredOn"), Text(b.Text, "text"), c.Calendar, c.Now, c.Actor));
        Map<AssistRequest>(api, "assist-requests", [R.Handler], (l, b, c) => l.RequestAssist(
            Text(b.Unit, "unit"), Text(b.Question, "question"), c.Happened(b.SentOn, "sentOn"), c.Calendar, c.Now, c.Actor,
            Period(b.AnswerWithinWorkingDays, "answerWithinWorkingDays", CaseLifecycle.DefaultAssistWorkingDays)));
        Map<AnswerRequest>(api, "assist-replies", [R.Handler], (l, b, c) => l.ReceiveAssistReply(c.Happened(b.AnsweredOn, "answeredOn"), Text(b.Text, "text"), c.Now, c.Actor));
        Map<FeeRequest>(api, "fee-notices", [R.Handler], (l, b, c) => l.IssueFeeNotice(Quote(b), c.Happened(b.IssuedOn, "issuedOn"),
            c.HappenedOrNull(b.NoticeReceivedOn, "noticeReceivedOn"), c.Calendar, c.Now, c.Actor));
        Map<DateRequest>(api, "payments", [R.Handler, R.Registrar], (l, b, c) => l.RecordPayment(c.Happened(b.On, "on"), c.Calendar, c.Now, c.Actor));
        Map<Empty>(api, "abandonment-no-fee", [R.Handler], (l, _, c) => l.AbandonForNoFee(c.Today, c.Calendar, c.Now, c.Actor));
        Map<DateRequest>(api, "letters-received", [R.Handler, R.Registrar], (l, b, c) => l.RecordLetterReceived(c.Happened(b.On, "on"), c.Calendar, c.Now, c.Actor));
        // Art. 33: an extension needs the head of the disclosure office, i.e. the approver acting here.
        Map<ExtensionRequest>(api, "extensions", [R.Approver], (l, b, c) => l.ExtendDeadline(
            c.Actor, Period(b.WorkingDays, "workingDays", ReplyClock.MaxExtensionWorkingDays, ReplyClock.MaxExtensionWorkingDays), Text(b.Reason, "reason"),
            c.Happened(b.DecidedOn, "decidedOn"), c.Calendar, c.Now, c.Actor));
        Map<ExplanationRequest>(api, "explanation-requests", [R.Handler], (l, b, c) => l.RequestExplanation(
            Text(b.Why, "why"), Period(b.ReplyWithinWorkingDays, "replyWithinWorkingDays", 10), c.Happened(b.SentOn, "sentOn"),
            c.HappenedOrNull(b.ReceivedOn, "receivedOn"), c.Calendar, c.Now, c.Actor));
        Map<AnswerRequest>(api, "explanations", [R.Handler], (l, b, c) => l.ReceiveExplanation(c.Happened(b.AnsweredOn, "answeredOn"), Text(b.Text, "text"), c.Now, c.Actor));
        Map<DelayRequest>(api, "reasonable-delays", [R.Approver], (l, b, c) => l.SetReasonableDelay(
            c.Input.Planned(b.Until, "until", "请填写延迟答复的期限。"), Text(b.Reason, "reason"), c.Happened(b.DecidedOn, "decidedOn"), c.Calendar, c.Now, c.Actor));
        Map<DecisionRequest>(api, "decision", [R.Handler], (l, b, c) => l.DraftDecision(ToDecision(b), c.Now, c.Actor));
        Map<Empty>(api, "review-requests", [R.Handler], (l, _, c) => l.RequestReview(c.Now, c.Actor));
        // Approval and return come from LegalReview's chain (ReviewApproved / ReviewReturned), and the reply's
        // number from Document (DocumentIssued): no endpoint lets anyone skip the review or invent a number.
        Map<DeliveryRequest>(api, "deliveries", [R.Handler, R.Registrar], (l, b, c) => l.Deliver(
            b.Method ?? throw new InvalidFieldException("method", "请选择送达方式。"), c.Happened(b.DeliveredOn, "deliveredOn"), Text(b.Evidence, "evidence"),
            c.Calendar, c.Now, c.Actor));
        Map<DateRequest>(api, "closure", [R.Handler], (l, b, c) => l.Close(c.Happened(b.On, "on"), c.Now, c.Actor));
        Map<Empty>(api, "archive", [R.Handler, R.UnitAdmin], (l, _, c) => l.Archive(c.Now, c.Actor));
        Map<WithdrawalRequest>(api, "withdrawal", [R.Handler, R.Registrar], (l, b, c) => l.Withdraw(
            c.Happened(b.WithdrawnOn, "withdrawnOn"), Text(b.Reason, "reason"), c.Calendar, c.Now, c.Actor));
        Map<DecisionRequest>(api, "on-the-spot-reply", [R.Handler, R.Registrar], (l, b, c) => l.ReplyOnTheSpot(ToDecision(b), c.Happened(b.On, "on"), c.Calendar, c.Now, c.Actor));
        Map<DomainRequest>(api, "domain", [R.Handler, R.Registrar, R.UnitAdmin], (l, b, c) => l.ConfirmDomain(
            KeyDomains.Find(Text(b.DomainCode, "domainCode"))?.Code ?? throw new InvalidFieldException("domainCode", "请从 26 个重点领域中选择所属领域。"), c.Now, c.Actor));
        Map<ReopenRequest>(api, "reopening", [R.Approver, R.UnitAdmin], (l, b, c) => l.Reopen(
            c.Happened(b.RulingReceivedOn ?? throw new InvalidFieldException("rulingReceivedOn", "请填写收到复议决定或裁判文书的日期。"), "rulingReceivedOn"),
            Text(b.Reason, "reason"), c.Calendar, c.Now, c.Actor, Period(b.ReplyWorkingDays, "replyWorkingDays", ReplyClock.StatutoryWorkingDays)));
    }

    private static void Map<TBody>(RouteGroupBuilder api, string action, string[] roles, Action<CaseLifecycle, TBody, ActionContext> apply) where TBody : class =>
        api.MapPost($"/{{id:guid}}/{action}", (Guid id, TBody? body, ClaimsPrincipal user, HttpContext http, WorkflowDbContext db,
                CalendarProvider calendars, TimeProvider clock, CancellationToken ct) =>
                // No body is the same as an empty one: every field is optional or checked by the action.
                RunAsync(id, action, body ?? JsonSerializer.Deserialize<TBody>("{}")!, apply, user, http, db, calendars, clock, ct))
            .RequireUnitStaff(roles)
            .WithName($"case-{action}");

    private static async Task<IResult> RunAsync<TBody>(Guid id, string action, TBody body, Action<CaseLifecycle, TBody, ActionContext> apply,
        ClaimsPrincipal user, HttpContext http, WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return CasesApi.NotFound();
        // The case number finds this request's trace in the dashboard; it is not personal data.
        Activity.Current?.SetTag("gongkai.case_number", @case.CaseNumber);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var context = new ActionContext(today, now, user.ActorName(), calendars.Current, new ActionInput(today, @case.ReceivedOn));
        var before = @case.Status;
        try
        {
            @case.Apply(lifecycle => apply(lifecycle, body, context), Activity.Current?.TraceId.ToString());
        }
        catch (InvalidFieldException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "请求参数有误");
        }
        catch (CaseLifecycleException ex)
        {
            return TypedResults.Problem(title: "案件当前状态不允许此操作", detail: ex.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["currentState"] = ex.Current.ToString(), ["currentStateLabel"] = ex.Current.Label() });
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(title: "请求参数有误", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        CaseEvents.Publish(db, @case, before, action, user.ActorName(), http.ClientAddress(), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "案件已被他人修改", detail: "该案件刚刚被其他人办理，请刷新后重试。", statusCode: StatusCodes.Status409Conflict);
        }
        var saved = await db.Cases.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.Id == id, ct);
        return TypedResults.Ok(CaseViews.Details(saved, calendars.Current, await db.SettingsAsync(ct), clock));
    }

    private static Decision ToDecision(DecisionRequest b) =>
        new(b.ReplyType ?? throw new InvalidFieldException("replyType", "请选择答复类型。"),
            b.Outcome ?? throw new InvalidFieldException("outcome", "请选择年度报告中的办理结果（第三部分的具体一行）。"),
            OptionalText(b.Reasons, "reasons"));

    private static FeeQuote Quote(FeeRequest b)
    {
        var quantity = b.Quantity is > 0 and <= 100000 ? b.Quantity.Value : throw new InvalidFieldException("quantity", "件数或页数必须是 1 至 100000 之间的整数。");
        return b.Method switch
        {
            FeeMethod.PerItem => FeeCalculator.PerItem(b.EarlierItemsThisMonth is null or (>= 0 and <= 100000) ? b.EarlierItemsThisMonth ?? 0
                : throw new InvalidFieldException("earlierItemsThisMonth", "本月已申请件数必须是 0 至 100000 之间的整数。"), quantity),
            FeeMethod.PerVolume => FeeCalculator.PerVolume(quantity),
            _ => throw new InvalidFieldException("method", "请选择收费方式：PerItem（按件）或 PerVolume（按量）。"),
        };
    }
}
