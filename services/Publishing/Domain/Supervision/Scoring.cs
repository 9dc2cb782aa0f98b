using System.Globalization;
using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>What a scoring rule reads from a unit's figures.</summary>
public enum ScoredIndicator
{
    OnTimeRate,
    AverageWorkingDays,
    Percentile90WorkingDays,
    ClosedLate,
    OverdueOpen,
    Extended,
    ReviewReturns,
    AppealsCorrected,
    ItemsOnTimeRate,
    EmptyObligations,
    AnnualReportLate,
    SpotCheckProblems,
}

public enum ScoringMethod
{
    /// <summary>MaxPoints × the rate (a rate indicator; no cases to rate earns the full points: nothing went wrong).</summary>
    Proportional,

    /// <summary>MaxPoints less PerUnit for each case (or item), never below zero.</summary>
    Deduct,

    /// <summary>MaxPoints when the value is at most Threshold, else none.</summary>
    AtMost,
}

public sealed record ScoringRule(ScoredIndicator Indicator, ScoringMethod Method, decimal MaxPoints, decimal? PerUnit = null, decimal? Threshold = null);

/// <summary>A one-vote veto (一票否决): a value above Above puts the unit on the black list whatever its score.</summary>
public sealed record VetoRule(ScoredIndicator Indicator, decimal Above);

public enum Standing
{
    None,
    RedList,
    BlackList,
}

/// <summary>The district's scoring rules for its 红黑榜 (weights, thresholds, one-vote vetoes), configured by the district.</summary>
public sealed record ScoringRules(IReadOnlyList<ScoringRule> Rules, IReadOnlyList<VetoRule> Vetoes, decimal RedListMinScore, decimal BlackListBelowScore)
{
    public static ScoringRules Default { get; } = new(
        [
            new(ScoredIndicator.OnTimeRate, ScoringMethod.Proportional, 40),
            new(ScoredIndicator.Percentile90WorkingDays, ScoringMethod.AtMost, 10, Threshold: 15),
            new(ScoredIndicator.OverdueOpen, ScoringMethod.Deduct, 20, PerUnit: 5),
            new(ScoredIndicator.ItemsOnTimeRate, ScoringMethod.Proportional, 10),
            new(ScoredIndicator.EmptyObligations, ScoringMethod.Deduct, 5, PerUnit: 1),
            // 鲤城's rubric takes 5 points for an annual report not published on time (brief, proactive-disclosure §3.4).
            new(ScoredIndicator.AnnualReportLate, ScoringMethod.Deduct, 5, PerUnit: 5),
            new(ScoredIndicator.SpotCheckProblems, ScoringMethod.Deduct, 10, PerUnit: 2),
        ],
        [new(ScoredIndicator.AppealsCorrected, 0)],
        RedListMinScore: 95, BlackListBelowScore: 60);

    /// <summary>Problems in Chinese keyed by field ("rules[2].maxPoints"); empty when the rules can be used.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (Rules.Count is 0 or > 20)
            problems["rules"] = ["请设置 1 至 20 条计分规则。"];
        for (var i = 0; i < Rules.Count; i++)
        {
            var r = Rules[i];
            if (!Enum.IsDefined(r.Indicator) || !Enum.IsDefined(r.Method))
                problems[$"rules[{i}]"] = ["指标或计分方法不在可选范围内。"];
            if (r.MaxPoints is <= 0 or > 100)
                problems[$"rules[{i}].maxPoints"] = ["分值应在 0 至 100 之间（不含 0）。"];
            if (r.Method == ScoringMethod.Deduct && r.PerUnit is not (> 0 and <= 100))
                problems[$"rules[{i}].perUnit"] = ["扣分规则须填写每件扣分（0 至 100）。"];
            if (r.Method == ScoringMethod.AtMost && r.Threshold is not (>= 0 and <= 1000))
                problems[$"rules[{i}].threshold"] = ["达标规则须填写阈值（0 至 1000）。"];
            if (r.Method == ScoringMethod.Proportional && !IsRate(r.Indicator))
                problems[$"rules[{i}].method"] = ["按比例计分只适用于比率指标（按时办结率、按时公开率）。"];
        }
        if (Rules.Select(r => r.Indicator).Distinct().Count() != Rules.Count)
            problems["rules"] = ["同一指标只能设置一条计分规则。"];
        if (Rules.Sum(r => r.MaxPoints) != 100 && !problems.ContainsKey("rules"))
            problems["rules"] = [$"各项分值合计应为 100 分（现为 {Rules.Sum(r => r.MaxPoints)} 分）。"];
        for (var i = 0; i < Vetoes.Count; i++)
            if (!Enum.IsDefined(Vetoes[i].Indicator) || Vetoes[i].Above is < 0 or > 1000)
                problems[$"vetoes[{i}]"] = ["一票否决项的指标或阈值不在可选范围内。"];
        if (Vetoes.Count > 10)
            problems["vetoes"] = ["一票否决项最多 10 项。"];
        if (RedListMinScore is < 0 or > 100)
            problems["redListMinScore"] = ["红榜分数线应在 0 至 100 之间。"];
        if (BlackListBelowScore is < 0 or > 100 || BlackListBelowScore > RedListMinScore)
            problems["blackListBelowScore"] = ["黑榜分数线应在 0 至 100 之间，且不高于红榜分数线。"];
        return problems;
    }

    public static bool IsRate(ScoredIndicator i) => i is ScoredIndicator.OnTimeRate or ScoredIndicator.ItemsOnTimeRate;

    public static string Label(ScoredIndicator i) => i switch
    {
        ScoredIndicator.OnTimeRate => "按时办结率",
        ScoredIndicator.AverageWorkingDays => "平均答复用时（工作日）",
        ScoredIndicator.Percentile90WorkingDays => "90% 答复用时（工作日）",
        ScoredIndicator.ClosedLate => "超期办结件数",
        ScoredIndicator.OverdueOpen => "逾期未办结件数",
        ScoredIndicator.Extended => "延期答复件数",
        ScoredIndicator.ReviewReturns => "审核退回次数",
        ScoredIndicator.AppealsCorrected => "复议诉讼被纠错件数",
        ScoredIndicator.ItemsOnTimeRate => "主动公开按时率",
        ScoredIndicator.EmptyObligations => "空白栏目数",
        ScoredIndicator.AnnualReportLate => "年度报告未按时公布",
        ScoredIndicator.SpotCheckProblems => "抽查发现问题件数",
        _ => i.ToString(),
    };

    public static string Label(Standing s) => s switch
    {
        Standing.RedList => "红榜",
        Standing.BlackList => "黑榜",
        _ => "—",
    };
}

/// <summary>The points one rule gave a unit, with the figure behind them.</summary>
public sealed record ScoreLine(ScoredIndicator Indicator, string Label, double? Value, decimal Points, decimal MaxPoints);

/// <summary>One unit's line of a 通报: rank (equal scores share a rank), score, the points per rule, vetoes hit, standing.</summary>
public sealed record ScoredUnit(
    string UnitCode,
    string UnitName,
    int Rank,
    decimal Score,
    Standing Standing,
    string StandingLabel,
    IReadOnlyList<ScoreLine> Lines,
    IReadOnlyList<string> Vetoes);

/// <summary>Scores and ranks a district's units by its rules.</summary>
public static class Scoreboard
{
    public static IReadOnlyList<ScoredUnit> Rank(ScoringRules rules, IEnumerable<UnitIndicators> units, IReadOnlyDictionary<string, int> spotCheckProblems)
    {
        var scored = units.Select(u =>
        {
            var problems = spotCheckProblems.GetValueOrDefault(u.UnitCode);
            var lines = rules.Rules.Select(r => Line(r, Value(r.Indicator, u, problems))).ToList();
            var vetoes = rules.Vetoes.Where(v => Value(v.Indicator, u, problems) is { } value && (decimal)value > v.Above)
                .Select(v => string.Create(CultureInfo.InvariantCulture, $"{ScoringRules.Label(v.Indicator)}（{Value(v.Indicator, u, problems)}）超过 {v.Above}")).ToList();
            var score = Math.Round(lines.Sum(l => l.Points), 1);
            var standing = vetoes.Count > 0 || score < rules.BlackListBelowScore ? Standing.BlackList
                : score >= rules.RedListMinScore ? Standing.RedList : Standing.None;
            return (Unit: u, Score: score, Standing: standing, Lines: lines, Vetoes: vetoes);
        }).OrderBy(x => x.Vetoes.Count > 0).ThenByDescending(x => x.Score).ThenBy(x => x.Unit.UnitCode, StringComparer.Ordinal).ToList();

        var result = new List<ScoredUnit>();
        for (var i = 0; i < scored.Count; i++)
        {
            var x = scored[i];
            // A vetoed unit ranks below every unit that was not vetoed; equal scores otherwise share a rank.
            var sameGroup = (result.ElementAtOrDefault(i - 1)?.Vetoes.Count > 0) == (x.Vetoes.Count > 0);
            var rank = i > 0 && result[i - 1].Score == x.Score && sameGroup ? result[i - 1].Rank : i + 1;
            result.Add(new ScoredUnit(x.Unit.UnitCode, x.Unit.UnitName, rank, x.Score, x.Standing, ScoringRules.Label(x.Standing), x.Lines, x.Vetoes));
        }
        return result;
    }

    /// <summary>The rule's figure for a unit: a rate 0..1, a count, working days, or 1/0 for the annual report.</summary>
    public static double? Value(ScoredIndicator indicator, UnitIndicators u, int spotCheckProblems) => indicator switch
    {
        ScoredIndicator.OnTimeRate => u.OnTimeRate,
        ScoredIndicator.AverageWorkingDays => u.AverageWorkingDays,
        ScoredIndicator.Percentile90WorkingDays => u.Percentile90WorkingDays,
        ScoredIndicator.ClosedLate => u.ClosedLate,
        ScoredIndicator.OverdueOpen => u.OverdueOpen,
        ScoredIndicator.Extended => u.Extended,
        ScoredIndicator.ReviewReturns => u.ReviewReturns,
        ScoredIndicator.AppealsCorrected => u.AppealsCorrected,
        ScoredIndicator.ItemsOnTimeRate => u.ItemsOnTimeRate,
        ScoredIndicator.EmptyObligations => u.EmptyObligations,
        ScoredIndicator.AnnualReportLate => u.AnnualReport is ReportDeadlineState.Overdue or ReportDeadlineState.PublishedLate ? 1 : 0,
        ScoredIndicator.SpotCheckProblems => spotCheckProblems,
        _ => null,
    };

    private static ScoreLine Line(ScoringRule rule, double? value)
    {
        var points = rule.Method switch
        {
            // Nothing to rate (no case closed, nothing published) earns the points: nothing went wrong.
            ScoringMethod.Proportional => value is { } rate ? rule.MaxPoints * (decimal)rate : rule.MaxPoints,
            ScoringMethod.Deduct => Math.Max(0, rule.MaxPoints - (rule.PerUnit ?? 0) * (decimal)(value ?? 0)),
            // Nothing measured (no reply given) meets the threshold.
            _ => value is null || (decimal)value <= (rule.Threshold ?? 0) ? rule.MaxPoints : 0,
        };
        return new ScoreLine(rule.Indicator, ScoringRules.Label(rule.Indicator), value, Math.Round(points, 1), rule.MaxPoints);
    }
}
