namespace Gongkai.WorkingDays;

/// <summary>Why a day was skipped or counted in a deadline's explanation.</summary>
public sealed record CalendarSpan(DateOnly From, DateOnly To, string Reason);

public sealed record Deadline(
    DateOnly Start,
    int WorkingDays,
    DateOnly Due,
    bool Provisional,
    string? ProvisionalReason,
    IReadOnlyList<CalendarSpan> Skipped,
    IReadOnlyList<DateOnly> AdjustedWorkingDaysCounted);

/// <summary>
/// China's working-day calendar: a date is a working day iff it is an adjusted working day (调休上班),
/// or Monday–Friday outside every holiday range. Years without an official schedule fall back to
/// Monday–Friday, and any deadline touching them is marked provisional.
/// For speed each date of the covered span has a precomputed running count of working days, so a
/// deadline is a binary search, not a walk (see tests/Benchmarks).
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Longer than any statutory period (the longest is months, not years); beyond it a count is a mistake.</summary>
    public const int MaxWorkingDays = 1000;

    /// <summary>The dates a deadline may start from: the years a holiday schedule can be entered for.</summary>
    public static readonly DateOnly EarliestStart = new(2000, 1, 1);

    public static readonly DateOnly LatestStart = new(2100, 12, 31);

    /// <summary>How far past the last scheduled year the running counts reach (Mon–Fri there).</summary>
    private const int YearsBeyondSchedule = 5;

    private readonly Dictionary<int, HolidaySchedule> _schedules;
    private readonly Dictionary<DateOnly, string> _holidayNames = new();
    private readonly HashSet<DateOnly> _adjustedWorkingDays = new();
    private readonly DateOnly _first;
    private readonly int[] _runningCount; // _runningCount[i] = working days in [_first, _first + i]

    public WorkingDayCalendar(IEnumerable<HolidaySchedule> schedules)
    {
        _schedules = schedules.ToDictionary(s => s.Year);
        foreach (var schedule in _schedules.Values)
        {
            foreach (var holiday in schedule.Holidays)
                for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
                    _holidayNames[d] = holiday.Name;
            _adjustedWorkingDays.UnionWith(schedule.AdjustedWorkingDays);
        }

        var firstYear = _schedules.Count == 0 ? DateTime.UtcNow.Year - 1 : _schedules.Keys.Min() - 1;
        var lastYear = (_schedules.Count == 0 ? DateTime.UtcNow.Year : _schedules.Keys.Max()) + YearsBeyondSchedule;
        _first = new DateOnly(firstYear, 1, 1);
        var days = new DateOnly(lastYear, 12, 31).DayNumber - _first.DayNumber + 1;
        _runningCount = new int[days];
        var count = 0;
        for (var i = 0; i < days; i++)
        {
            if (IsWorkingDay(_first.AddDays(i)))
                count++;
            _runningCount[i] = count;
        }
    }

    public IReadOnlyCollection<int> ScheduledYears => _schedules.Keys;

    public bool IsScheduled(int year) => _schedules.ContainsKey(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_adjustedWorkingDays.Contains(date))
            return true;
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return false;
        return !_holidayNames.ContainsKey(date);
    }

    /// <summary>
    /// The date of the <paramref name="workingDays"/>-th working day after <paramref name="start"/>.
    /// With <paramref name="countStartDay"/> false (the default convention) the start day itself is not
    /// counted; with true, a start that is a working day is day 1.
    /// </summary>
    public Deadline AddWorkingDays(DateOnly start, int workingDays, bool countStartDay = false)
    {
        var due = Due(start, workingDays, countStartDay);
        return Explain(start, countStartDay ? start.AddDays(-1) : start, workingDays, due);
    }

    /// <summary>Only the date of <see cref="AddWorkingDays"/>: a binary search, without building the explanation.</summary>
    public DateOnly Due(DateOnly start, int workingDays, bool countStartDay = false)
    {
        // Outside these a count or a date is a mistake, and an unchecked one would wrap the running count around.
        if (workingDays is <= 0 or > MaxWorkingDays)
            throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, $"Working days must be 1 to {MaxWorkingDays}.");
        if (start < EarliestStart || start > LatestStart)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Deadlines start between {EarliestStart:yyyy-MM-dd} and {LatestStart:yyyy-MM-dd}.");
        return FindDue(countStartDay ? start.AddDays(-1) : start, workingDays);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative if to is earlier).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        if (Covers(from) && Covers(to))
            return _runningCount[Index(to)] - _runningCount[Index(from)];
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d))
                n++;
        return n;
    }

    private DateOnly FindDue(DateOnly countFrom, int workingDays)
    {
        if (Covers(countFrom))
        {
            var target = _runningCount[Index(countFrom)] + workingDays;
            if (target <= _runningCount[^1])
            {
                // First index whose running count reaches the target: that day is the Nth working day.
                int lo = Index(countFrom) + 1, hi = _runningCount.Length - 1;
                while (lo < hi)
                {
                    var mid = (lo + hi) / 2;
                    if (_runningCount[mid] >= target) hi = mid; else lo = mid + 1;
                }
                return _first.AddDays(lo);
            }
        }
        // Outside the precomputed span (far past or future): walk. Rare, and still correct.
        var date = countFrom;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
                counted++;
        }
        return date;
    }

    private Deadline Explain(DateOnly start, DateOnly countFrom, int workingDays, DateOnly due)
    {
        var skipped = new List<CalendarSpan>();
        var adjusted = new List<DateOnly>();
        CalendarSpan? open = null;
        for (var d = countFrom.AddDays(1); d <= due; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                if (_adjustedWorkingDays.Contains(d))
                    adjusted.Add(d);
                if (open is not null) { skipped.Add(open); open = null; }
                continue;
            }
            var reason = _holidayNames.TryGetValue(d, out var name) ? $"{name}假期" : "周末";
            open = open is not null && open.Reason == reason && open.To.AddDays(1) == d
                ? open with { To = d }
                : Flush(skipped, open, new CalendarSpan(d, d, reason));
        }
        if (open is not null)
            skipped.Add(open);

        var unscheduled = Enumerable.Range(countFrom.AddDays(1).Year, due.Year - countFrom.AddDays(1).Year + 1)
            .Where(y => !IsScheduled(y)).ToList();
        var reasonText = unscheduled.Count == 0
            ? null
            : $"{string.Join("、", unscheduled)} 年的节假日安排尚未录入，暂按周一至周五计算；录入后将自动重算。";
        return new Deadline(start, workingDays, due, unscheduled.Count > 0, reasonText, skipped, adjusted);
    }

    private static CalendarSpan Flush(List<CalendarSpan> spans, CalendarSpan? open, CalendarSpan next)
    {
        if (open is not null)
            spans.Add(open);
        return next;
    }

    private bool Covers(DateOnly date) => date >= _first && Index(date) < _runningCount.Length;

    private int Index(DateOnly date) => date.DayNumber - _first.DayNumber;
}
