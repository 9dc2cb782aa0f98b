using Gongkai.Workflow.Domain;

namespace Gongkai.UnitTests;

// Expected dates were counted by hand on a printed calendar against the State Council notices.
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Fact]
    public void Reply_deadline_skips_2026_national_day_and_counts_adjusted_saturday()
    {
        var deadline = Calendar.AddWorkingDays(D("2026-09-28"), 20);

        Assert.Equal(D("2026-10-30"), deadline.Due);
        Assert.False(deadline.Provisional);
        Assert.Contains(new CalendarSpan(D("2026-10-01"), D("2026-10-07"), "国庆节假期"), deadline.Skipped);
        Assert.Equal([D("2026-10-10")], deadline.AdjustedWorkingDaysCounted);
    }

    [Fact]
    public void Reply_deadline_spans_2026_spring_festival_and_counts_both_adjusted_saturdays()
    {
        var deadline = Calendar.AddWorkingDays(D("2026-02-09"), 20);

        Assert.Equal(D("2026-03-13"), deadline.Due);
        Assert.Equal([D("2026-02-14"), D("2026-02-28")], deadline.AdjustedWorkingDaysCounted);
        Assert.Contains(new CalendarSpan(D("2026-02-15"), D("2026-02-23"), "春节假期"), deadline.Skipped);
    }

    [Theory]
    // The brief's worked example (2025 calendar): receipt on Monday 2025-01-20.
    [InlineData("2025-01-20", 7, "2025-02-05")]
    [InlineData("2025-01-20", 20, "2025-02-21")]
    // 2024 National Day with the adjusted Sunday before it and the Saturday after it.
    [InlineData("2024-09-27", 20, "2024-10-30")]
    // 2024 Spring Festival: 02-04 (Sun) and 02-18 (Sun) are working days.
    [InlineData("2024-02-02", 3, "2024-02-06")]
    [InlineData("2024-02-08", 2, "2024-02-18")] // 02-09 (除夕, a working day), then 02-18 (Sun)
    // 2025 Labour Day: 04-27 (Sun) is a working day, 05-01..05-05 are not.
    [InlineData("2025-04-25", 2, "2025-04-28")]
    [InlineData("2025-04-30", 1, "2025-05-06")]
    // 2026 New Year: 01-01..01-03 off, 01-04 (Sun) on.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    // An ordinary fortnight without holidays.
    [InlineData("2026-03-02", 10, "2026-03-16")]
    public void Deadline_matches_hand_counted_date(string start, int workingDays, string expectedDue)
    {
        Assert.Equal(D(expectedDue), Calendar.AddWorkingDays(D(start), workingDays).Due);
    }

    [Fact]
    public void Deadline_reaching_an_unscheduled_year_is_provisional_then_recomputed_when_the_year_is_added()
    {
        var provisional = Calendar.AddWorkingDays(D("2026-12-15"), 20);
        Assert.True(provisional.Provisional);
        Assert.Contains("2027", provisional.ProvisionalReason);
        Assert.Equal(D("2027-01-12"), provisional.Due); // Monday–Friday: 2027-01-01 counted

        var with2027 = new WorkingDayCalendar(HolidaySchedule.Shipped().Append(
            new HolidaySchedule(2027, "test", [new Holiday("元旦", D("2027-01-01"), D("2027-01-03"))], [])));
        var recomputed = with2027.AddWorkingDays(D("2026-12-15"), 20);
        Assert.False(recomputed.Provisional);
        Assert.Equal(D("2027-01-13"), recomputed.Due);
    }

    [Fact]
    public void Counting_the_start_day_is_a_per_tenant_option()
    {
        Assert.Equal(D("2026-03-03"), Calendar.AddWorkingDays(D("2026-03-02"), 1).Due);
        Assert.Equal(D("2026-03-02"), Calendar.AddWorkingDays(D("2026-03-02"), 1, countStartDay: true).Due);
    }

    [Theory]
    [InlineData("2026-02-14", true)]   // adjusted Saturday
    [InlineData("2026-02-16", false)]  // Monday inside the Spring Festival
    [InlineData("2024-02-09", true)]   // 2024 除夕 was not an official holiday
    [InlineData("2026-03-07", false)]  // ordinary Saturday
    [InlineData("2030-03-06", true)]   // unscheduled year: Monday–Friday
    public void Working_day_rule(string date, bool expected)
    {
        Assert.Equal(expected, Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Working_days_between_counts_the_end_not_the_start()
    {
        Assert.Equal(20, Calendar.WorkingDaysBetween(D("2026-09-28"), D("2026-10-30")));
        Assert.Equal(-20, Calendar.WorkingDaysBetween(D("2026-10-30"), D("2026-09-28")));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D("2026-10-01"), D("2026-10-07")));
    }

    [Fact]
    public void Far_dates_outside_the_precomputed_span_are_still_correct()
    {
        // 2040-01-02 is a Monday; Monday–Friday rule.
        Assert.Equal(D("2040-01-09"), Calendar.AddWorkingDays(D("2040-01-02"), 5).Due);
    }

    [Fact]
    public void Non_positive_working_days_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2026-03-02"), 0));
    }

    [Fact]
    public void Shipped_schedules_are_valid()
    {
        var shipped = HolidaySchedule.Shipped();
        Assert.Equal([2024, 2025, 2026], shipped.Select(s => s.Year));
        Assert.All(shipped, s => Assert.Empty(s.Validate()));
    }

    [Fact]
    public void Schedule_with_overlap_or_dates_outside_its_year_is_rejected()
    {
        var schedule = new HolidaySchedule(2027, "test",
            [new Holiday("春节", D("2027-02-05"), D("2027-02-12")), new Holiday("另一个", D("2027-02-10"), D("2027-02-11")), new Holiday("越界", D("2026-12-31"), D("2027-01-01"))],
            [D("2027-02-06"), D("2028-01-01")]);

        var problems = schedule.Validate();

        Assert.Contains(problems, p => p.Contains("重叠"));
        Assert.Contains(problems, p => p.Contains("越界") && p.Contains("2027 年内"));
        Assert.Contains(problems, p => p.Contains("2028-01-01"));
        Assert.Contains(problems, p => p.Contains("2027-02-06") && p.Contains("节假日内"));
    }

    [Fact]
    public void A_schedule_with_an_empty_entry_is_rejected_not_crashed()
    {
        var schedule = new HolidaySchedule(2027, "test", [null!], []);
        Assert.Contains(schedule.Validate(), p => p.Contains("空项"));
    }

    [Theory]
    [InlineData("2026-11-30", int.MaxValue)]
    [InlineData("2026-11-30", WorkingDayCalendar.MaxWorkingDays + 1)]
    [InlineData("2026-11-30", 0)]
    [InlineData("9999-12-31", 1)]
    [InlineData("9999-12-01", 1000)]
    [InlineData("0001-01-01", 1)]
    public void A_deadline_never_wraps_around_or_runs_off_the_calendar(string start, int workingDays)
    {
        var calendar = new WorkingDayCalendar(HolidaySchedule.Shipped());
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Due(D(start), workingDays));
    }

    [Fact]
    public void The_longest_allowed_deadline_lies_years_ahead_not_the_next_day()
    {
        var calendar = new WorkingDayCalendar(HolidaySchedule.Shipped());
        Assert.True(calendar.Due(D("2026-11-30"), WorkingDayCalendar.MaxWorkingDays) > D("2030-01-01"));
        Assert.True(calendar.Due(WorkingDayCalendar.LatestStart, WorkingDayCalendar.MaxWorkingDays) > WorkingDayCalendar.LatestStart);
    }
}
