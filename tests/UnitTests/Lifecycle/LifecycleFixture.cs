using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.UnitTests.Lifecycle;

/// <summary>Shared calendar and shorthands. Expected dates in these tests were counted by hand on a printed
/// 2026 calendar against the State Council's 2026 holiday notice (清明 04-04–06, 劳动节 05-01–05 with 05-09
/// worked, 端午 06-19–21, 中秋 09-25–27, 国庆 10-01–07 with 09-20 and 10-10 worked).</summary>
internal static class LifecycleFixture
{
    public static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    public static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public const string Handler = "承办人李四";

    public static DateOnly D(string iso) => DateOnly.Parse(iso);

    public static CaseLifecycle Open(string receivedOn, bool countStartDay = false,
        ApplicantCategory applicant = ApplicantCategory.NaturalPerson) =>
        CaseLifecycle.Open(D(receivedOn), applicant, countStartDay, Calendar, At, "系统");

    /// <summary>Opened and moved to Search, the usual state before consultations and drafting.</summary>
    public static CaseLifecycle InSearch(string receivedOn)
    {
        var c = Open(receivedOn);
        c.StartTriage(At, Handler);
        c.StartSearch(At, Handler);
        return c;
    }

    public static readonly Decision Disclose = new(ReplyType.Disclose, AnnualReportOutcome.Disclosed);

    /// <summary>Drafted, reviewed, approved, issued and delivered on <paramref name="deliveredOn"/>.</summary>
    public static void ReplyAndDeliver(CaseLifecycle c, string deliveredOn, Decision? decision = null)
    {
        c.DraftDecision(decision ?? Disclose, At, Handler);
        c.RequestReview(At, Handler);
        c.Approve(At, "分管领导王五");
        c.IssueDocument("某街依申〔2026〕1号", D(deliveredOn), At, Handler);
        c.Deliver(DeliveryMethod.Post, D(deliveredOn), "EMS1234567890", Calendar, At, Handler);
    }
}
