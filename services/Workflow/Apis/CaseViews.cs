using Gongkai.Contracts;
using Gongkai.BuildingBlocks;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.Workflow.Apis;

public sealed record CaseSummary(Guid Id, Guid ApplicationId, string CaseNumber, CaseStatus State, string StateLabel,
    DateOnly ReceivedOn, DateOnly? ReplyDue, bool ReplyDueProvisional, bool ClockPaused, int RemainingWorkingDays,
    string? Alert, string? HandlerId, string? HandlerName);

public sealed record TimelineView(DateTimeOffset At, string Kind, string Description, string? Reason, string Actor, string? TraceId);

public sealed record RequestView(RequestKind Kind, string Party, string Details, DateOnly SentOn, DateOnly? ReceivedOn, DateOnly Due, bool DueIsEstimate, DateOnly? AnsweredOn);

public sealed record CaseDetails(CaseSummary Case, CaseLifecycleView Lifecycle, IReadOnlyList<TimelineView> Timeline);

public sealed record CaseLifecycleView(
    ClosureReason? ClosureReason,
    ApplicantCategory ApplicantCategory,
    DateOnly CorrectionNoticeDue,
    IReadOnlyList<string> DeadlineExplanation,
    ClockExtension? Extension,
    Decision? Decision,
    string? DecisionLabel,
    string? AnnualReportRow,
    FeeNotice? Fee,
    Delivery? Delivery,
    string? DocumentNumber,
    IReadOnlyList<RequestView> Requests,
    IReadOnlyList<string> AvailableActions,
    string? DomainCode,
    string DomainLabel,
    bool DomainConfirmed);

public static class CaseViews
{
    public static CaseSummary Summarize(Case c, WorkingDayCalendar calendar, TenantSettings settings, TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        var remaining = c.Lifecycle.RemainingWorkingDays(today, calendar);
        var running = c.Status is not (CaseStatus.Delivered or CaseStatus.Closed or CaseStatus.Archived) && !c.ClockPaused;
        var alert = !running ? null : remaining < 0 ? "超期" : remaining <= settings.DueSoonWorkingDays ? "临期" : null;
        return new(c.Id, c.ApplicationId, c.CaseNumber, c.Status, c.Status.Label(), c.ReceivedOn, c.ReplyDue, c.ReplyDueProvisional,
            c.ClockPaused, remaining, alert, c.HandlerId, c.HandlerName);
    }

    public static CaseDetails Details(Case c, WorkingDayCalendar calendar, TenantSettings settings, TimeProvider clock)
    {
        var l = c.Lifecycle;
        var lifecycle = new CaseLifecycleView(l.ClosureReason, l.ApplicantCategory, l.CorrectionNoticeDue, l.ExplainDeadline(calendar),
            l.Clock.Extension, l.Decision, l.Decision?.ReplyType.Label(), l.Decision?.Outcome.Label(), l.Fee, l.Delivery, l.DocumentNumber,
            l.Requests.Select(r => new RequestView(r.Kind, r.Party, r.Details, r.SentOn, r.ReceivedOn, r.Due, r.DueIsEstimate, r.AnsweredOn)).ToList(),
            l.AvailableActions().Select(a => a.ToString()).ToList(), l.DomainCode, KeyDomains.Label(l.DomainCode), l.DomainConfirmed);
        var timeline = c.Timeline.OrderBy(e => e.At).ThenBy(e => e.Kind == "opened" ? 0 : 1)
            .Select(e => new TimelineView(e.At, e.Kind, e.Description, e.Reason, e.Actor, e.TraceId)).ToList();
        return new CaseDetails(Summarize(c, calendar, settings, clock), lifecycle, timeline);
    }
}
