namespace Gongkai.Publishing.Domain.AnnualReports;

public enum ReportDeadlineState
{
    NotDue,
    DueSoon,
    Overdue,
    PublishedOnTime,
    PublishedLate,
}

/// <summary>
/// When a unit's report for a year must be published (brief §1.14): a county-level government (the district) by 31 March
/// of the next year, its departments by 31 January; townships by a date their district sets (31 January unless the unit
/// configures another).
/// </summary>
public static class ReportDeadline
{
    public const int DueSoonDays = 15;

    public static DateOnly Due(int year, string? unitKind, int? month, int? day) =>
        month is { } m && day is { } d ? new DateOnly(year + 1, m, Math.Min(d, DateTime.DaysInMonth(year + 1, m)))
        : unitKind == "District" ? new DateOnly(year + 1, 3, 31)
        : new DateOnly(year + 1, 1, 31);

    public static ReportDeadlineState State(DateOnly due, DateOnly today, DateOnly? publishedOn) => publishedOn switch
    {
        { } on => on <= due ? ReportDeadlineState.PublishedOnTime : ReportDeadlineState.PublishedLate,
        null when today > due => ReportDeadlineState.Overdue,
        null when today >= due.AddDays(-DueSoonDays) => ReportDeadlineState.DueSoon,
        _ => ReportDeadlineState.NotDue,
    };

    public static string Label(ReportDeadlineState state) => state switch
    {
        ReportDeadlineState.DueSoon => "即将到期",
        ReportDeadlineState.Overdue => "已逾期未公布",
        ReportDeadlineState.PublishedOnTime => "按时公布",
        ReportDeadlineState.PublishedLate => "逾期公布",
        _ => "未到期",
    };
}
