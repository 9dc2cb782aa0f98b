using Gongkai.Workflow.Domain;

namespace Gongkai.UnitTests;

public class CaseTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    [Fact]
    public void Opened_case_has_the_20_working_day_reply_deadline_and_a_timeline_entry()
    {
        var @case = Case.Open(Guid.NewGuid(), "510116-2026-00001", new DateOnly(2026, 9, 28), Calendar, DateTimeOffset.UtcNow, "trace");

        Assert.Equal(CaseState.Received, @case.State);
        Assert.Equal(new DateOnly(2026, 10, 30), @case.ReplyDue);
        var entry = Assert.Single(@case.Timeline);
        Assert.Equal("opened", entry.Kind);
        Assert.Contains("2026-10-30", entry.Description);
    }

    [Fact]
    public void Review_cannot_be_requested_twice()
    {
        var @case = Case.Open(Guid.NewGuid(), "510116-2026-00001", new DateOnly(2026, 3, 2), Calendar, DateTimeOffset.UtcNow, null);
        @case.RequestReview(DateTimeOffset.UtcNow, "承办人", null);

        var ex = Assert.Throws<InvalidCaseTransitionException>(() => @case.RequestReview(DateTimeOffset.UtcNow, "承办人", null));
        Assert.Equal(CaseState.UnderReview, ex.Current);
        Assert.Equal(2, @case.Timeline.Count);
    }
}
