using System.Globalization;
using System.Text;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain;
using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.Publishing.Reporting;

/// <summary>Tables 二, 三 and 四 of a report as plain grids with the form's labels: XLSX (a sheet each) or UTF-8 CSV (one after another).</summary>
public static class ReportTables
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IResult File(ReportContent content, bool csv)
    {
        var sheets = Sheets(content);
        var name = $"{content.UnitName}{content.Year}年度报告表格";
        if (!csv)
            return TypedResults.File(Spreadsheet.Write(sheets), XlsxType, name + ".xlsx");
        var text = new StringBuilder();
        foreach (var (title, rows) in sheets)
        {
            text.Append(Csv(title)).Append("\r\n");
            foreach (var row in rows)
                text.Append(string.Join(',', row.Select(Csv))).Append("\r\n");
            text.Append("\r\n");
        }
        // A BOM, so Excel and WPS open the Chinese text as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", name + ".csv");
    }

    public static (string Name, List<string[]> Rows)[] Sheets(ReportContent content)
    {
        var proactive = new List<string[]> { new[] { "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）" } };
        var p = content.Proactive;
        proactive.Add(["规章", p.Text(ProactiveCell.RegulationsIssued), p.Text(ProactiveCell.RegulationsRepealed), p.Text(ProactiveCell.RegulationsInForce), "", ""]);
        proactive.Add(["行政规范性文件", p.Text(ProactiveCell.NormativeDocumentsIssued), p.Text(ProactiveCell.NormativeDocumentsRepealed),
            p.Text(ProactiveCell.NormativeDocumentsInForce), "", ""]);
        proactive.Add(["行政许可", "", "", "", p.Text(ProactiveCell.LicensingDecisions), ""]);
        proactive.Add(["行政处罚", "", "", "", p.Text(ProactiveCell.PenaltyDecisions), ""]);
        proactive.Add(["行政强制", "", "", "", p.Text(ProactiveCell.CoercionDecisions), ""]);
        proactive.Add(["行政事业性收费", "", "", "", "", p.Text(ProactiveCell.FeesAmount)]);

        var applications = new List<string[]>
        {
            new[] { "项目" }.Concat(Enumerable.Range(0, ApplicationTable.TotalColumn + 1).Select(ApplicationTable.ColumnLabel)).ToArray(),
        };
        applications.AddRange(Enum.GetValues<ApplicationTableRow>().Select(r => new[] { RowLabel(r) }
            .Concat(content.Applications.Counts[r].Select(n => n.ToString(CultureInfo.InvariantCulture))).ToArray()));

        var outcomes = Enum.GetValues<AppealOutcome>().Select(AppealTable.OutcomeLabel).Append("总计").ToArray();
        var appeals = new List<string[]>
        {
            Enum.GetValues<AppealKind>().SelectMany(k => outcomes.Select(o => $"{(k == AppealKind.Reconsideration ? "" : "行政诉讼·")}{AppealTable.KindLabel(k)}·{o}")).ToArray(),
            Enum.GetValues<AppealKind>().SelectMany(k => Enumerable.Range(0, AppealTable.TotalColumn + 1)
                .Select(c => content.Appeals[k, c].ToString(CultureInfo.InvariantCulture))).ToArray(),
        };
        return [("二、主动公开政府信息情况", proactive), ("三、收到和处理政府信息公开申请情况", applications), ("四、行政复议行政诉讼情况", appeals)];
    }

    /// <summary>A result row with its group, e.g. "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密".</summary>
    private static string RowLabel(ApplicationTableRow row) =>
        ApplicationTable.ResultRows.Contains(row)
            ? "三、本年度办理结果 / " + Enum.Parse<AnnualReportOutcome>(row.ToString()).Label()
            : ApplicationTable.Label(row);

    /// <summary>RFC 4180 quoting; text a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
