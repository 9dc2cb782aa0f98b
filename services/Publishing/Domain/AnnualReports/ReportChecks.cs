using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.Publishing.Domain.AnnualReports;

public enum CheckSeverity
{
    Error,
    Warning,
}

public enum CheckResult
{
    Pass,
    Fail,
    NotAssessable,
}

/// <summary>One check's finding: the rule (AR-xx, proactive-disclosure brief §3.3), where it looked and what it found.</summary>
public sealed record ReportCheck(string Id, CheckSeverity Severity, CheckResult Result, string Location, string Message)
{
    public bool Failed => Result == CheckResult.Fail;
}

/// <summary>What the checks compare against: last year's published report, and the texts a copy would come from.</summary>
public sealed record CheckContext(ReportContent? LastYear, IReadOnlyList<(string Source, ReportSections Sections)> Comparables, double SimilarityThreshold)
{
    public const double DefaultSimilarityThreshold = 0.85;
    public static readonly CheckContext None = new(null, [], DefaultSimilarityThreshold);
}

/// <summary>
/// The checks a report must pass before sign-off (AR-01…AR-13). Each failure names the cell or sentence at fault. Errors
/// block sign-off unless an override reason is recorded; warnings are shown, and 雷同 (AR-13) blocks too where the unit
/// chose so.
/// </summary>
public static partial class ReportChecks
{
    public static IReadOnlyList<ReportCheck> Run(ReportContent report, CheckContext context)
    {
        var checks = new List<ReportCheck>();
        Balance(report.Applications, checks);
        Appeals(report.Appeals, checks);
        Figures(report, checks);
        CarriedOver(report, context.LastYear, checks);
        Proactive(report.Proactive, context.LastYear?.Proactive, checks);
        Sections(report.Sections, checks);
        YearOnYear(report, context.LastYear, checks);
        Similarity(report.Sections, context, checks);
        return checks;
    }

    private static void Balance(ApplicationTable t, List<ReportCheck> checks)
    {
        var ok = true;
        for (var column = 0; column <= ApplicationTable.TotalColumn; column++)
        {
            var name = ApplicationTable.ColumnLabel(column);
            var (n, c, total, forward) = (t[ApplicationTableRow.New, column], t[ApplicationTableRow.CarriedOver, column],
                t[ApplicationTableRow.Total, column], t[ApplicationTableRow.CarriedForward, column]);
            if (n + c != total + forward)
                ok = Fail(checks, "AR-01", $"表三 · {name}列", $"一（{n}）+ 二（{c}）= {n + c}，不等于 三（七）总计（{total}）+ 四（{forward}）= {total + forward}。");
            var leaves = ApplicationTable.ResultRows.Sum(r => t[r, column]);
            if (leaves != total)
                ok = Fail(checks, "AR-02", $"表三 · {name}列 ·（七）总计", $"各办理结果之和为 {leaves}，（七）总计为 {total}。");
        }
        foreach (var row in Enum.GetValues<ApplicationTableRow>())
        {
            var sum = Enumerable.Range(0, ApplicationTable.TotalColumn).Sum(column => t[row, column]);
            if (sum != t.Total(row))
                ok = Fail(checks, "AR-03", $"表三 · {ApplicationTable.Label(row)} · 总计列", $"六类申请人之和为 {sum}，总计列为 {t.Total(row)}。");
        }
        if (ok)
            checks.Add(new ReportCheck("AR-01", CheckSeverity.Error, CheckResult.Pass, "表三", "各列勾稽关系平衡，各行总计等于分项之和。"));
    }

    private static void Appeals(AppealTable t, List<ReportCheck> checks)
    {
        var ok = true;
        foreach (var kind in Enum.GetValues<AppealKind>())
        {
            var sum = Enumerable.Range(0, AppealTable.TotalColumn).Sum(column => t[kind, column]);
            if (sum != t.Total(kind))
                ok = Fail(checks, "AR-04", $"表四 · {AppealTable.KindLabel(kind)} · 总计", $"维持、纠正、其他、尚未审结之和为 {sum}，总计为 {t.Total(kind)}。");
        }
        if (ok)
            checks.Add(new ReportCheck("AR-04", CheckSeverity.Error, CheckResult.Pass, "表四", "各项总计等于分项之和。"));
    }

    /// <summary>A figure the text may quote, the words that introduce it, and the value it must equal.</summary>
    private sealed record Figure(string Name, Regex Pattern, Func<ReportContent, decimal> Value, string Unit);

    private static readonly Figure[] Quoted =
    [
        new("本年新收申请", NewPattern(), r => r.Applications.Total(ApplicationTableRow.New), "件"),
        new("上年结转申请", CarriedOverPattern(), r => r.Applications.Total(ApplicationTableRow.CarriedOver), "件"),
        new("结转下年度", CarriedForwardPattern(), r => r.Applications.Total(ApplicationTableRow.CarriedForward), "件"),
        new("本年办结", ClosedPattern(), r => r.Applications.Total(ApplicationTableRow.Total), "件"),
        new("予以公开", DisclosedPattern(), r => r.Applications.Total(ApplicationTableRow.Disclosed), "件"),
        new("部分公开", PartiallyDisclosedPattern(), r => r.Applications.Total(ApplicationTableRow.PartiallyDisclosed), "件"),
        new("行政复议", ReconsiderationPattern(), r => r.Appeals.Total(AppealKind.Reconsideration), "件"),
        new("行政诉讼", LitigationPattern(), r => r.Appeals.Total(AppealKind.LitigationDirect) + r.Appeals.Total(AppealKind.LitigationAfterReconsideration), "件"),
        new("主动公开信息", ProactivePattern(), r => r.Figures.ItemsPublished, "条"),
        new("收费通知", FeeNoticePattern(), r => r.Figures.FeeNotices, "件"),
        new("收取信息处理费", FeesPattern(), r => r.Figures.FeesCollected, "元"),
    ];

    /// <summary>AR-05: every figure the text quotes (in Arabic numerals) equals its table cell or source.</summary>
    private static void Figures(ReportContent report, List<ReportCheck> checks)
    {
        var ok = true;
        foreach (var (_, heading, text) in report.Sections.All)
            foreach (var sentence in Sentences(text))
                foreach (var figure in Quoted)
                    // Full-width digits (４件) are the same figures to a reader.
                    foreach (Match match in figure.Pattern.Matches(AsciiDigits(sentence)))
                    {
                        var expected = figure.Value(report);
                        if (!decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quoted))
                            ok = Fail(checks, "AR-05", $"{heading}：“{sentence}”", $"文中{figure.Name}的数字无法识别，表中（或系统记录）为 {expected.ToString("0.##", CultureInfo.InvariantCulture)}{figure.Unit}。");
                        else if (quoted != expected)
                            ok = Fail(checks, "AR-05", $"{heading}：“{sentence}”",
                                $"文中{figure.Name}为 {quoted}{figure.Unit}，表中（或系统记录）为 {expected.ToString("0.##", CultureInfo.InvariantCulture)}{figure.Unit}。");
                    }
        if (ok)
            checks.Add(new ReportCheck("AR-05", CheckSeverity.Error, CheckResult.Pass, "正文", "正文引用的数字与表格一致（仅核对阿拉伯数字）。"));
    }

    /// <summary>AR-06: this year's 二 上年结转 equals last year's published 四 结转下年度, column by column.</summary>
    private static void CarriedOver(ReportContent report, ReportContent? lastYear, List<ReportCheck> checks)
    {
        if (lastYear is null)
        {
            checks.Add(new ReportCheck("AR-06", CheckSeverity.Error, CheckResult.NotAssessable, "表三 · 二、上年结转", "本单位没有在本平台公布上一年度报告，无法核对。"));
            return;
        }
        var ok = true;
        for (var column = 0; column <= ApplicationTable.TotalColumn; column++)
        {
            var (now, then) = (report.Applications[ApplicationTableRow.CarriedOver, column], lastYear.Applications[ApplicationTableRow.CarriedForward, column]);
            if (now != then)
                ok = Fail(checks, "AR-06", $"表三 · 二、上年结转 · {ApplicationTable.ColumnLabel(column)}列",
                    $"本年上年结转为 {now}，{lastYear.Year}年度报告公布的结转下年度为 {then}。");
        }
        if (ok)
            checks.Add(new ReportCheck("AR-06", CheckSeverity.Error, CheckResult.Pass, "表三 · 二、上年结转", $"与{lastYear.Year}年度报告的结转下年度一致。"));
    }

    /// <summary>AR-09 (every cell answered: a number or 不适用) and AR-07 (现行有效 follows from last year's).</summary>
    private static void Proactive(ProactiveTable table, ProactiveTable? lastYear, List<ReportCheck> checks)
    {
        var empty = table.EmptyCells.ToList();
        foreach (var cell in empty)
            Fail(checks, "AR-09", $"表二 · {ProactiveTable.Label(cell)}", "未填写：请填写数值（没有的填 0），或标为不适用。");
        if (empty.Count == 0)
            checks.Add(new ReportCheck("AR-09", CheckSeverity.Error, CheckResult.Pass, "表二", "各栏均已填写。"));

        foreach (var (issued, repealed, inForce) in new[]
        {
            (ProactiveCell.RegulationsIssued, ProactiveCell.RegulationsRepealed, ProactiveCell.RegulationsInForce),
            (ProactiveCell.NormativeDocumentsIssued, ProactiveCell.NormativeDocumentsRepealed, ProactiveCell.NormativeDocumentsInForce),
        })
        {
            if (lastYear?[inForce] is not { } before || table[issued] is not { } i || table[repealed] is not { } r || table[inForce] is not { } now)
            {
                checks.Add(new ReportCheck("AR-07", CheckSeverity.Warning, CheckResult.NotAssessable, $"表二 · {ProactiveTable.Label(inForce)}", "缺少上年或本年数值，无法核对。"));
                continue;
            }
            var expected = before + i - r;
            checks.Add(expected == now
                ? new ReportCheck("AR-07", CheckSeverity.Warning, CheckResult.Pass, $"表二 · {ProactiveTable.Label(inForce)}", "与上年现行有效件数衔接。")
                : new ReportCheck("AR-07", CheckSeverity.Warning, CheckResult.Fail, $"表二 · {ProactiveTable.Label(inForce)}",
                    $"上年现行有效 {before} + 本年制发 {i} − 本年废止 {r} = {expected}，本年填报 {now}。"));
        }
    }

    /// <summary>AR-12: every section and sub-head written, no drafting prompt left in.</summary>
    private static void Sections(ReportSections sections, List<ReportCheck> checks)
    {
        var ok = true;
        foreach (var (_, heading, text) in sections.All)
        {
            if (string.IsNullOrWhiteSpace(text))
                ok = Fail(checks, "AR-12", heading, "未填写。");
            else if (text.Contains(ReportDrafting.Prompt, StringComparison.Ordinal))
                ok = Fail(checks, "AR-12", heading, $"仍有待补充的提示“{ReportDrafting.Prompt}……”，请写完后删除。");
        }
        if (ok)
            checks.Add(new ReportCheck("AR-12", CheckSeverity.Error, CheckResult.Pass, "正文", "六部分齐全，总体情况五个方面均已填写。"));
    }

    /// <summary>AR-10: applications received changed more than fivefold from last year.</summary>
    private static void YearOnYear(ReportContent report, ReportContent? lastYear, List<ReportCheck> checks)
    {
        var then = lastYear?.Applications.Total(ApplicationTableRow.New) ?? 0;
        if (then == 0)
            return;
        var now = report.Applications.Total(ApplicationTableRow.New);
        var ratio = (double)now / then;
        checks.Add(ratio is > 5 or < 0.2
            ? new ReportCheck("AR-10", CheckSeverity.Warning, CheckResult.Fail, "表三 · 一、本年新收 · 总计", $"本年新收 {now} 件，上年 {then} 件，变化超过五倍，请核实。")
            : new ReportCheck("AR-10", CheckSeverity.Warning, CheckResult.Pass, "表三 · 一、本年新收 · 总计", "与上年相比变化在合理范围内。"));
    }

    /// <summary>AR-13: the text against last year's own report and sibling units' reports of the same year (雷同).</summary>
    private static void Similarity(ReportSections sections, CheckContext context, List<ReportCheck> checks)
    {
        var ok = true;
        var mine = Bigrams(sections);
        foreach (var (source, other) in context.Comparables)
        {
            var similarity = Jaccard(mine, Bigrams(other));
            if (similarity >= context.SimilarityThreshold)
                ok = Fail(checks, "AR-13", "正文", $"与{source}的相似度为 {similarity:P0}（阈值 {context.SimilarityThreshold:P0}），请结合本单位本年度实际撰写。", CheckSeverity.Warning);
        }
        if (ok)
            checks.Add(new ReportCheck("AR-13", CheckSeverity.Warning, CheckResult.Pass, "正文", context.Comparables.Count == 0 ? "没有可比对的报告。" : "未发现雷同。"));
    }

    /// <summary>Character bigrams of the text without digits, spaces and punctuation: figures change every year, wording should too.</summary>
    public static HashSet<string> Bigrams(ReportSections sections)
    {
        var text = new string(string.Concat(sections.All.Select(s => s.Text)).Where(char.IsLetter).ToArray());
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
            set.Add(text.Substring(i, 2));
        return set;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));

    private static string AsciiDigits(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = source[i] is >= '０' and <= '９' ? (char)('0' + (source[i] - '０')) : source[i];
        });

        private static IEnumerable<string> Sentences(string text) =>
        text.Split(['。', '\n', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Fail(List<ReportCheck> checks, string id, string location, string message, CheckSeverity severity = CheckSeverity.Error)
    {
        checks.Add(new ReportCheck(id, severity, CheckResult.Fail, location, message));
        return false;
    }

    private const string Gap = @"[^。；，,0-9]{0,16}?";

    [GeneratedRegex($@"新收{Gap}([0-9]+)\s*件")] private static partial Regex NewPattern();
    [GeneratedRegex($@"上年结转{Gap}([0-9]+)\s*件")] private static partial Regex CarriedOverPattern();
    [GeneratedRegex($@"结转下年度{Gap}([0-9]+)\s*件")] private static partial Regex CarriedForwardPattern();
    [GeneratedRegex($@"办结{Gap}([0-9]+)\s*件")] private static partial Regex ClosedPattern();
    [GeneratedRegex(@"予以公开\s*([0-9]+)\s*件")] private static partial Regex DisclosedPattern();
    [GeneratedRegex(@"部分公开\s*([0-9]+)\s*件")] private static partial Regex PartiallyDisclosedPattern();
    [GeneratedRegex($@"行政复议{Gap}([0-9]+)\s*件")] private static partial Regex ReconsiderationPattern();
    [GeneratedRegex($@"行政诉讼{Gap}([0-9]+)\s*件")] private static partial Regex LitigationPattern();
    [GeneratedRegex($@"主动公开{Gap}([0-9]+)\s*条")] private static partial Regex ProactivePattern();
    [GeneratedRegex($@"收费通知{Gap}([0-9]+)\s*件")] private static partial Regex FeeNoticePattern();
    [GeneratedRegex($@"收取{Gap}([0-9]+(?:\.[0-9]+)?)\s*元")] private static partial Regex FeesPattern();
}
