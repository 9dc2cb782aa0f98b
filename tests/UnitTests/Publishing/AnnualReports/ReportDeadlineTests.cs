using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ReportDeadlineTests
{
    [Theory]
    [InlineData("District", null, null, "2027-03-31")]
    [InlineData("Township", null, null, "2027-01-31")]
    [InlineData("Department", null, null, "2027-01-31")]
    [InlineData(null, null, null, "2027-01-31")]
    [InlineData("Township", 2, 28, "2027-02-28")]
    [InlineData("District", 1, 15, "2027-01-15")]   // a configured date wins over the kind's
    [InlineData("Township", 4, 31, "2027-04-30")]   // April has 30 days
    [InlineData("Township", 2, 30, "2027-02-28")]
    [InlineData("Township", 3, null, "2027-01-31")] // half a configuration is none
    public void The_report_for_2026_is_due_in_2027(string? unitKind, int? month, int? day, string due) =>
        Assert.Equal(DateOnly.Parse(due), ReportDeadline.Due(2026, unitKind, month, day));

    [Fact]
    public void A_configured_29_February_exists_only_in_leap_years()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), ReportDeadline.Due(2027, "Township", 2, 29));
        Assert.Equal(new DateOnly(2027, 2, 28), ReportDeadline.Due(2026, "Township", 2, 29));
    }

    [Theory]
    [InlineData("2027-03-15", null, ReportDeadlineState.NotDue)]
    [InlineData("2027-03-16", null, ReportDeadlineState.DueSoon)]   // 15 days before
    [InlineData("2027-03-31", null, ReportDeadlineState.DueSoon)]   // the last day
    [InlineData("2027-04-01", null, ReportDeadlineState.Overdue)]
    [InlineData("2027-04-01", "2027-03-31", ReportDeadlineState.PublishedOnTime)]
    [InlineData("2027-02-01", "2027-01-20", ReportDeadlineState.PublishedOnTime)]
    [InlineData("2027-04-10", "2027-04-01", ReportDeadlineState.PublishedLate)]
    public void The_state_against_a_31_March_deadline(string today, string? publishedOn, ReportDeadlineState expected)
    {
        var due = ReportDeadline.Due(2026, "District", null, null);
        Assert.Equal(expected, ReportDeadline.State(due, DateOnly.Parse(today), publishedOn is null ? null : DateOnly.Parse(publishedOn)));
    }

    [Fact]
    public void States_have_Chinese_labels()
    {
        Assert.Equal(["未到期", "即将到期", "已逾期未公布", "按时公布", "逾期公布"], Enum.GetValues<ReportDeadlineState>().Select(ReportDeadline.Label));
    }
}
