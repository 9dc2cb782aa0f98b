using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;

namespace Gongkai.UnitTests;

public class CaseTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());
    private static readonly DateTimeOffset Now = new(2026, 9, 28, 2, 0, 0, TimeSpan.Zero);

    private static Case Open(DateOnly receivedOn) =>
        Case.Open(Guid.NewGuid(), "510116-2026-00001", "张三", receivedOn, ApplicantCategory.NaturalPerson, countStartDay: false, Calendar, Now, "trace");

    [Fact]
    public void Opened_case_has_the_20_working_day_reply_deadline_and_a_timeline_row()
    {
        var @case = Open(new DateOnly(2026, 9, 28));

        Assert.Equal(CaseStatus.Received, @case.Status);
        Assert.Equal(new DateOnly(2026, 10, 30), @case.ReplyDue);
        var entry = Assert.Single(@case.Timeline);
        Assert.Equal("opened", entry.Kind);
        Assert.Equal("trace", entry.TraceId);
        Assert.Contains("2026-10-30", entry.Description);
    }

    [Fact]
    public void Each_action_adds_only_its_own_timeline_rows_and_refreshes_the_query_columns()
    {
        var @case = Open(new DateOnly(2026, 3, 2));
        @case.Apply(l => l.StartTriage(Now, "承办人"), null);
        @case.Apply(l => l.StartSearch(Now, "承办人"), null);
        var changed = @case.Apply(l => l.StartThirdPartyConsultation("某公司", new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5), Calendar, Now, "承办人"), "t2");

        Assert.True(changed);
        Assert.Equal(CaseStatus.ThirdPartyConsultation, @case.Status);
        Assert.True(@case.ClockPaused);
        Assert.Null(@case.ReplyDue); // paused: no date that would be wrong tomorrow
        Assert.Equal(["opened", "triage-started", "search-started", "third-party-consultation-started"], @case.Timeline.Select(e => e.Kind));
        Assert.Equal("t2", @case.Timeline[^1].TraceId);
    }

    [Fact]
    public void A_refused_action_changes_nothing()
    {
        var @case = Open(new DateOnly(2026, 3, 2));
        Assert.Throws<IllegalTransitionException>(() => @case.Apply(l => l.Approve(Now, "负责人"), null));
        Assert.Equal(CaseStatus.Received, @case.Status);
        Assert.Single(@case.Timeline);
    }

    [Fact]
    public void The_lifecycle_survives_a_round_trip_through_its_stored_document()
    {
        var @case = Open(new DateOnly(2026, 9, 28));
        @case.Apply(l => l.StartTriage(Now, "承办人"), null);
        @case.Apply(l => l.StartSearch(Now, "承办人"), null);
        @case.Apply(l => l.StartThirdPartyConsultation("某公司", new DateOnly(2026, 9, 29), new DateOnly(2026, 9, 30), Calendar, Now, "承办人"), null);
        @case.Apply(l => l.EndConsultation(new DateOnly(2026, 10, 9), "不同意公开", Calendar, Now, "承办人"), null);
        @case.Apply(l => l.ExtendDeadline("负责人", 10, "需要补充检索", new DateOnly(2026, 10, 12), Calendar, Now, "负责人"), null);
        @case.Apply(l => l.DraftDecision(new Decision(ReplyType.PartiallyDisclose, AnnualReportOutcome.PartiallyDisclosed, "涉及商业秘密的部分不予公开"), Now, "承办人"), null);

        var json = LifecycleJson.Serialize(@case.Lifecycle);
        var restored = LifecycleJson.Deserialize(json);

        Assert.Equal(json, LifecycleJson.Serialize(restored));
        Assert.Equal(@case.Lifecycle.Clock.Due, restored.Clock.Due);
        Assert.Equal(@case.Lifecycle.Clock.Pauses.Count, restored.Clock.Pauses.Count);
        Assert.Equal(@case.Lifecycle.Decision, restored.Decision);
        Assert.Empty(restored.Timeline); // stored row by row, not in the document
        restored.RequestReview(Now, "承办人"); // and it still works
        Assert.Equal(CaseStatus.UnderReview, restored.Status);
    }
}
