using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class PublicationDeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    // Written on Tuesday 2026-09-22: 中秋 (09-25..27) and 国庆 (10-01..07) are skipped, Saturday 10-10 is a 调休 working day.
    private static readonly DateOnly Written = new(2026, 9, 22);
    private static readonly DateOnly Due = new(2026, 10, 27);

    [Fact]
    public void Twenty_working_days_skip_holidays_and_count_adjusted_working_days() =>
        Assert.Equal(Due, new PublicationDeadline(Calendar).Due(Written));

    [Fact]
    public void The_period_is_configurable_per_unit() =>
        Assert.Equal(new DateOnly(2026, 9, 28), new PublicationDeadline(Calendar, workingDays: 3).Due(Written));

    [Theory]
    [InlineData("2026-10-21", DeadlineState.NotDue, 4)]
    [InlineData("2026-10-22", DeadlineState.DueSoon, 3)]
    [InlineData("2026-10-27", DeadlineState.DueSoon, 0)]
    [InlineData("2026-10-28", DeadlineState.Overdue, -1)]
    public void An_unpublished_item_is_not_due_then_due_soon_then_overdue(string today, DeadlineState state, int remaining)
    {
        var status = new PublicationDeadline(Calendar).StatusOn(Written, null, DateOnly.Parse(today));
        Assert.Equal((Due, state, remaining), (status.Due, status.State, status.RemainingWorkingDays));
        Assert.False(status.Provisional);
    }

    [Fact]
    public void The_due_soon_warning_is_configurable() =>
        Assert.Equal(DeadlineState.DueSoon, new PublicationDeadline(Calendar, dueSoonWorkingDays: 5).StatusOn(Written, null, new DateOnly(2026, 10, 20)).State);

    [Theory]
    [InlineData("2026-09-22", DeadlineState.PublishedOnTime)]
    [InlineData("2026-10-27", DeadlineState.PublishedOnTime)]
    [InlineData("2026-10-28", DeadlineState.PublishedLate)]
    public void A_published_item_was_on_time_or_late_for_good(string publishedOn, DeadlineState state) =>
        Assert.Equal(state, new PublicationDeadline(Calendar).StatusOn(Written, DateOnly.Parse(publishedOn), new DateOnly(2027, 3, 1)).State);

    [Fact]
    public void A_deadline_in_an_unscheduled_year_is_provisional() =>
        Assert.True(new PublicationDeadline(Calendar).StatusOn(new DateOnly(2027, 12, 20), null, new DateOnly(2027, 12, 20)).Provisional);

    [Fact]
    public void Documents_older_than_the_calendar_are_long_overdue_not_an_error() =>
        Assert.Equal(DeadlineState.Overdue, new PublicationDeadline(Calendar).StatusOn(new DateOnly(1990, 5, 1), null, new DateOnly(2026, 11, 30)).State);

    [Theory]
    [InlineData(0, 3)]
    [InlineData(121, 3)]
    [InlineData(20, -1)]
    public void Periods_outside_the_sensible_range_are_refused(int days, int dueSoon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PublicationDeadline(Calendar, days, dueSoon));
}
