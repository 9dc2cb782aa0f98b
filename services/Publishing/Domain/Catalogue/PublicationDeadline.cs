namespace Gongkai.Publishing.Domain.Catalogue;

public enum DeadlineState
{
    NotDue,
    DueSoon,
    Overdue,
    PublishedOnTime,
    PublishedLate,
}

/// <summary>The Art. 26 clock of one item as of a day: its due date, state and the working days left (negative once overdue).</summary>
public sealed record DeadlineStatus(DateOnly Due, DeadlineState State, int RemainingWorkingDays, bool Provisional);

/// <summary>
/// Art. 26: information is published within 20 working days of being formed or changed (形成或者变更之日起20个工作日内),
/// unless a law sets another period, so the period is per-unit configuration. Formed = 成文日期; for a new version of a
/// published item, the day it changed. Counted on the shared working-day calendar (调休 included), the start day not
/// counted, as for every statutory period on the platform.
/// </summary>
public sealed class PublicationDeadline(WorkingDayCalendar calendar, int workingDays = PublicationDeadline.StatutoryWorkingDays,
    int dueSoonWorkingDays = PublicationDeadline.DefaultDueSoonWorkingDays)
{
    public const int StatutoryWorkingDays = 20;
    public const int DefaultDueSoonWorkingDays = 3;

    public int WorkingDays { get; } = workingDays is >= 1 and <= 120
        ? workingDays : throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "The publication period is 1 to 120 working days.");

    public int DueSoonWorkingDays { get; } = dueSoonWorkingDays is >= 0 and <= 20
        ? dueSoonWorkingDays : throw new ArgumentOutOfRangeException(nameof(dueSoonWorkingDays), dueSoonWorkingDays, "The warning is 0 to 20 working days.");

    /// <summary>
    /// Dates before the calendar's range (an old document catalogued today) are counted from the calendar's first day:
    /// such an item is long overdue either way, and the calendar refuses to count from before 2000.
    /// </summary>
    public DateOnly Due(DateOnly formedOrChangedOn) =>
        calendar.Due(formedOrChangedOn < WorkingDayCalendar.EarliestStart ? WorkingDayCalendar.EarliestStart : formedOrChangedOn, WorkingDays);

    /// <param name="formedOrChangedOn">成文日期, or the change date of a new version.</param>
    /// <param name="publishedOn">The publication date of this version, or null while it is not published.</param>
    /// <param name="today">Today in China time.</param>
    public DeadlineStatus StatusOn(DateOnly formedOrChangedOn, DateOnly? publishedOn, DateOnly today)
    {
        var due = Due(formedOrChangedOn);
        var provisional = !calendar.IsScheduled(due.Year) || !calendar.IsScheduled(formedOrChangedOn.Year);
        if (publishedOn is { } published)
            return new DeadlineStatus(due, published <= due ? DeadlineState.PublishedOnTime : DeadlineState.PublishedLate,
                calendar.WorkingDaysBetween(published, due), provisional);
        var remaining = calendar.WorkingDaysBetween(today, due);
        var state = today > due ? DeadlineState.Overdue
            : remaining <= DueSoonWorkingDays ? DeadlineState.DueSoon
            : DeadlineState.NotDue;
        return new DeadlineStatus(due, state, remaining, provisional);
    }

    public static string ChineseName(DeadlineState state) => state switch
    {
        DeadlineState.NotDue => "未到期",
        DeadlineState.DueSoon => "即将到期",
        DeadlineState.Overdue => "已超期",
        DeadlineState.PublishedOnTime => "按时公开",
        DeadlineState.PublishedLate => "逾期公开",
        _ => state.ToString(),
    };
}
