using System.Globalization;
using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>
/// Lays a 通报 out for print: the district's figures, the 红黑榜, every unit's points per rule with the figure behind them,
/// spot-check findings and the supervisor's remarks. Document renders this same layout to PDF and DOCX.
/// </summary>
public static class BulletinLayout
{
    public static ReportLayout Build(Bulletin b, string number, DateOnly publishedOn)
    {
        var blocks = new List<ReportBlock>();
        var d = b.DistrictFigures;
        blocks.Add(new(ReportBlockKind.Heading, "一、总体情况"));
        blocks.Add(new(ReportBlockKind.Paragraph, d is null ? "本期无统计数据。" :
            $"{b.PeriodLabel}，全区 {b.Entries.Count} 个单位共收到政府信息公开申请 {d.Received} 件，办结 {d.Closed} 件，其中按期办结 {d.ClosedOnTime} 件、" +
            $"超期办结 {d.ClosedLate} 件，按时办结率 {Percent(d.OnTimeRate)}；平均答复用时 {Days(d.AverageWorkingDays)}，90% 的申请在 " +
            $"{Days(d.Percentile90WorkingDays)}内答复；延期答复 {d.Extended} 件，告知补正 {d.CorrectionsRequested} 件，审核退回 {d.ReviewReturns} 次；" +
            $"期末逾期未办结 {d.OverdueOpen} 件。新发生行政复议、行政诉讼 {d.AppealsFiled} 件，被纠错 {d.AppealsCorrected} 件。" +
            $"主动公开信息按时发布 {d.ItemsPublishedOnTime} 条、逾期发布 {d.ItemsPublishedLate} 条，空白栏目 {d.EmptyObligations} 个。"));

        blocks.Add(new(ReportBlockKind.Heading, "二、红黑榜"));
        var red = b.Entries.Where(e => e.Score.Standing == Standing.RedList).Select(e => e.Score.UnitName).ToList();
        var black = b.Entries.Where(e => e.Score.Standing == Standing.BlackList).Select(e => e.Score.UnitName).ToList();
        blocks.Add(new(ReportBlockKind.Paragraph, $"红榜（{b.Rules.RedListMinScore} 分及以上）：{List(red)}。黑榜（低于 {b.Rules.BlackListBelowScore} 分或触及一票否决项）：{List(black)}。"));
        var ranking = new List<IReadOnlyList<ReportCell>> { Header("名次", "单位", "得分", "榜单", "一票否决") };
        ranking.AddRange(b.Entries.Select(e => Row($"{e.Score.Rank}", e.Score.UnitName, Score(e.Score.Score), e.Score.StandingLabel,
            e.Score.Vetoes.Count == 0 ? "—" : string.Join("；", e.Score.Vetoes))));
        blocks.Add(new(ReportBlockKind.Table, "", ranking));

        blocks.Add(new(ReportBlockKind.Heading, "三、得分明细"));
        blocks.Add(new(ReportBlockKind.Paragraph, "计分规则：" + string.Join("；", b.Rules.Rules.Select(Rule)) + "。"));
        var rules = b.Rules.Rules;
        var detail = new List<IReadOnlyList<ReportCell>> { Header(["单位", .. rules.Select(r => $"{ScoringRules.Label(r.Indicator)}（{Score(r.MaxPoints)}分）"), "合计"]) };
        detail.AddRange(b.Entries.Select(e => Row([e.Score.UnitName,
            .. e.Score.Lines.Select(l => $"{Score(l.Points)}（{Value(l.Indicator, l.Value)}）"), Score(e.Score.Score)])));
        blocks.Add(new(ReportBlockKind.Table, "", detail));

        blocks.Add(new(ReportBlockKind.Heading, "四、各单位办理情况"));
        var figures = new List<IReadOnlyList<ReportCell>> { Header("单位", "收到", "办结", "按时率", "平均用时", "逾期未结", "复议诉讼纠错", "抽查问题") };
        figures.AddRange(b.Entries.Select(e => Row(e.Score.UnitName, $"{e.Figures.Received}", $"{e.Figures.Closed}", Percent(e.Figures.OnTimeRate),
            Days(e.Figures.AverageWorkingDays), $"{e.Figures.OverdueOpen}", $"{e.Figures.AppealsCorrected}", $"{e.Figures.SpotCheckProblems}")));
        blocks.Add(new(ReportBlockKind.Table, "", figures));

        var remarks = b.Entries.Where(e => !string.IsNullOrWhiteSpace(e.Remark)).ToList();
        if (remarks.Count > 0 || !string.IsNullOrWhiteSpace(b.Remarks))
        {
            blocks.Add(new(ReportBlockKind.Heading, "五、工作要求"));
            if (!string.IsNullOrWhiteSpace(b.Remarks))
                blocks.Add(new(ReportBlockKind.Paragraph, b.Remarks));
            blocks.AddRange(remarks.Select(e => new ReportBlock(ReportBlockKind.Paragraph, $"{e.Score.UnitName}：{e.Remark}")));
        }
        blocks.Add(new(ReportBlockKind.Paragraph, $"{b.DistrictName}　{publishedOn:yyyy年M月d日}"));
        return new ReportLayout($"{b.DistrictName}政府信息公开工作{b.PeriodLabel}通报", number, blocks);
    }

    public static string Number(string district, string period, int serial = 1) => $"{district}-TB{period.Replace("-", "", StringComparison.Ordinal)}-{serial:D2}";

    private static string Rule(ScoringRule r) => r.Method switch
    {
        ScoringMethod.Proportional => $"{ScoringRules.Label(r.Indicator)}按比例计 {Score(r.MaxPoints)} 分",
        ScoringMethod.Deduct => $"{ScoringRules.Label(r.Indicator)} {Score(r.MaxPoints)} 分、每件扣 {Score(r.PerUnit ?? 0)} 分",
        _ => $"{ScoringRules.Label(r.Indicator)}不超过 {Score(r.Threshold ?? 0)} 得 {Score(r.MaxPoints)} 分",
    };

    private static string Value(ScoredIndicator indicator, double? value) => value is null ? "无数据"
        : ScoringRules.IsRate(indicator) ? Percent(value)
        : value.Value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Days(double? days) => days is { } x ? x.ToString("0.#", CultureInfo.InvariantCulture) + " 个工作日" : "—";

    private static string Days(int? days) => days is { } x ? $"{x} 个工作日" : "—";

    private static string Score(decimal score) => score.ToString("0.#", CultureInfo.InvariantCulture);

    private static string List(List<string> names) => names.Count == 0 ? "无" : string.Join("、", names);

    private static IReadOnlyList<ReportCell> Header(params string[] texts) => [.. texts.Select(t => new ReportCell(t, IsHeader: true))];

    private static IReadOnlyList<ReportCell> Row(params string[] texts) => [.. texts.Select(t => new ReportCell(t))];
}
