using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>
/// How many replies took how many working days (index = working days, the last bucket collects the rest). Counting whole
/// working days makes the average and the 90th percentile exact, and histograms add up, so a district's figure is the sum
/// of its units' histograms rather than a second pass over every case.
/// </summary>
public sealed record WorkingDayHistogram(IReadOnlyList<long> Counts)
{
    public const int Buckets = 121;

    public static WorkingDayHistogram Empty { get; } = new(new long[Buckets]);

    public static WorkingDayHistogram From(IEnumerable<(int WorkingDays, long Cases)> rows)
    {
        var counts = new long[Buckets];
        foreach (var (days, cases) in rows)
            counts[Math.Clamp(days, 0, Buckets - 1)] += cases;
        return new(counts);
    }

    public long Total => Counts.Sum();

    public double? Average => Total == 0 ? null : Math.Round(Counts.Select((n, days) => (double)n * days).Sum() / Total, 1);

    /// <summary>The smallest number of working days within which at least 90% of the replies were given (nearest rank).</summary>
    public int? Percentile90
    {
        get
        {
            if (Total == 0)
                return null;
            var rank = (long)Math.Ceiling(Total * 0.9);
            long seen = 0;
            for (var days = 0; days < Counts.Count; days++)
                if ((seen += Counts[days]) >= rank)
                    return days;
            return Counts.Count - 1;
        }
    }

    public WorkingDayHistogram Add(WorkingDayHistogram other) => new(Counts.Zip(other.Counts, (a, b) => a + b).ToArray());
}

/// <summary>The figures that count cases, before rates: what a unit's rows add up to and what a district sums.</summary>
public sealed record CaseFigures(
    long Received,
    long Closed,
    long ClosedOnTime,
    long ClosedLate,
    long Extended,
    long CorrectionsRequested,
    long ReviewReturns,
    long OverdueOpen,
    WorkingDayHistogram WorkingDays)
{
    public static CaseFigures Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, WorkingDayHistogram.Empty);

    public CaseFigures Add(CaseFigures o) => new(Received + o.Received, Closed + o.Closed, ClosedOnTime + o.ClosedOnTime, ClosedLate + o.ClosedLate,
        Extended + o.Extended, CorrectionsRequested + o.CorrectionsRequested, ReviewReturns + o.ReviewReturns, OverdueOpen + o.OverdueOpen,
        WorkingDays.Add(o.WorkingDays));
}

/// <summary>Figures from the unit's other records: appeals, the proactive catalogue, the annual report.</summary>
public sealed record OtherFigures(
    long AppealsFiled,
    long AppealsCorrected,
    long ItemsPublishedOnTime,
    long ItemsPublishedLate,
    long EmptyObligations,
    ReportDeadlineState? AnnualReport)
{
    public static OtherFigures Empty { get; } = new(0, 0, 0, 0, 0, null);

    public OtherFigures Add(OtherFigures o) => new(AppealsFiled + o.AppealsFiled, AppealsCorrected + o.AppealsCorrected,
        ItemsPublishedOnTime + o.ItemsPublishedOnTime, ItemsPublishedLate + o.ItemsPublishedLate, EmptyObligations + o.EmptyObligations, null);
}

/// <summary>
/// Every indicator of one unit (or a district's roll-up) for one period. Process figures (on time, working days, extensions,
/// corrections, review returns) count the cases closed in the period; 逾期未办结 counts cases open at the period's end (or
/// today) past their due date; the annual report is the one for the year before the period's year.
/// </summary>
public sealed record UnitIndicators(string UnitCode, string UnitName, string Period, CaseFigures Cases, OtherFigures Other)
{
    public long Received => Cases.Received;
    public long Closed => Cases.Closed;
    public long ClosedOnTime => Cases.ClosedOnTime;
    public long ClosedLate => Cases.ClosedLate;
    public double? OnTimeRate => Rate(Cases.ClosedOnTime, Cases.ClosedOnTime + Cases.ClosedLate);
    public double? AverageWorkingDays => Cases.WorkingDays.Average;
    public int? Percentile90WorkingDays => Cases.WorkingDays.Percentile90;
    public long Extended => Cases.Extended;
    public long CorrectionsRequested => Cases.CorrectionsRequested;
    public long ReviewReturns => Cases.ReviewReturns;
    public long OverdueOpen => Cases.OverdueOpen;
    public long AppealsFiled => Other.AppealsFiled;
    public long AppealsCorrected => Other.AppealsCorrected;
    public double? AppealCorrectionRate => Rate(Other.AppealsCorrected, Cases.Closed);
    public long ItemsPublishedOnTime => Other.ItemsPublishedOnTime;
    public long ItemsPublishedLate => Other.ItemsPublishedLate;
    public double? ItemsOnTimeRate => Rate(Other.ItemsPublishedOnTime, Other.ItemsPublishedOnTime + Other.ItemsPublishedLate);
    public long EmptyObligations => Other.EmptyObligations;
    public ReportDeadlineState? AnnualReport => Other.AnnualReport;
    public string? AnnualReportLabel => Other.AnnualReport is { } s ? ReportDeadline.Label(s) : null;

    public static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>The district's roll-up: counts and histograms add; rates are recomputed from the sums, never averaged.</summary>
    public static UnitIndicators RollUp(string unitCode, string unitName, string period, IEnumerable<UnitIndicators> units)
    {
        var cases = CaseFigures.Empty;
        var other = OtherFigures.Empty;
        foreach (var unit in units)
        {
            cases = cases.Add(unit.Cases);
            other = other.Add(unit.Other);
        }
        return new(unitCode, unitName, period, cases, other);
    }
}
