namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>The three blocks of table 四 (政府信息公开行政复议、行政诉讼情况).</summary>
public enum AppealKind
{
    /// <summary>行政复议.</summary>
    Reconsideration,

    /// <summary>行政诉讼 · 未经复议直接起诉.</summary>
    LitigationDirect,

    /// <summary>行政诉讼 · 复议后起诉.</summary>
    LitigationAfterReconsideration,
}

/// <summary>The outcome columns of each block; Pending is 尚未审结.</summary>
public enum AppealOutcome
{
    Upheld,
    Corrected,
    Other,
    Pending,
}

/// <summary>
/// Table 四 of one year: per block, 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计 (15 cells). A record counts in the year
/// it was filed, with the outcome it had at the year's end (decided later is still 尚未审结 in that year's report).
/// </summary>
public sealed record AppealTable(IReadOnlyDictionary<AppealKind, int[]> Counts)
{
    public const int TotalColumn = 4;

    public int this[AppealKind kind, int column] => Counts.TryGetValue(kind, out var c) ? c[column] : 0;

    public int Total(AppealKind kind) => this[kind, TotalColumn];

    public static AppealOutcome OutcomeAtYearEnd(Appeal appeal, int year) =>
        appeal.DecidedOn is { } decided && decided.Year <= year ? appeal.Outcome : AppealOutcome.Pending;

    public static IEnumerable<Appeal> Of(int year, IEnumerable<Appeal> appeals) => appeals.Where(a => a.FiledOn.Year == year);

    public static AppealTable Count(int year, IEnumerable<Appeal> appeals)
    {
        var counts = Enum.GetValues<AppealKind>().ToDictionary(k => k, _ => new int[TotalColumn + 1]);
        foreach (var appeal in Of(year, appeals))
        {
            counts[appeal.Kind][(int)OutcomeAtYearEnd(appeal, year)]++;
            counts[appeal.Kind][TotalColumn]++;
        }
        return new AppealTable(counts);
    }

    public static string KindLabel(AppealKind kind) => kind switch
    {
        AppealKind.Reconsideration => "行政复议",
        AppealKind.LitigationDirect => "未经复议直接起诉",
        _ => "复议后起诉",
    };

    public static string OutcomeLabel(AppealOutcome outcome) => outcome switch
    {
        AppealOutcome.Upheld => "结果维持",
        AppealOutcome.Corrected => "结果纠正",
        AppealOutcome.Other => "其他结果",
        _ => "尚未审结",
    };
}
