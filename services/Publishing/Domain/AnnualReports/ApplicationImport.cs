using System.Globalization;
using System.Text;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.Standard;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>One application a unit handled before it used Gongkai, with its reconsideration or lawsuit if there was one.</summary>
public sealed record ImportedApplication(int Row, string Number, ApplicantCategory Category, DateOnly ReceivedOn, DateOnly? ClosedOn,
    AnnualReportOutcome? Outcome, ImportedAppeal? Appeal);

public sealed record ImportedAppeal(AppealKind Kind, DateOnly FiledOn, AppealOutcome Outcome, DateOnly? DecidedOn);

/// <summary>
/// The import template for applications handled before Gongkai (XLSX or UTF-8 CSV, one application per row, headings in the
/// first row): 申请编号, 申请人类别, 收到申请日期, 办结日期, 办理结果, 复议诉讼类型, 复议诉讼提起日期, 复议诉讼结果, 复议诉讼审结日期.
/// Values use the form's own words (办理结果 as the row label, e.g. "予以公开" or "属于国家秘密"). Every problem is reported
/// with its row and column; the caller stores nothing unless there is none.
/// </summary>
public static class ApplicationImport
{
    public const int MaxRows = 5000;
    public static readonly DateOnly Earliest = new(2008, 5, 1); // the Regulation took effect

    public static readonly string[] Headings =
        ["申请编号", "申请人类别", "收到申请日期", "办结日期", "办理结果", "复议诉讼类型", "复议诉讼提起日期", "复议诉讼结果", "复议诉讼审结日期"];

    private static readonly string[] Fields =
        ["number", "applicantCategory", "receivedOn", "closedOn", "outcome", "appealKind", "appealFiledOn", "appealOutcome", "appealDecidedOn"];

    private static readonly Dictionary<string, AnnualReportOutcome> Outcomes = BuildOutcomes();
    private static readonly Dictionary<string, ApplicantCategory> Categories =
        Enum.GetValues<ApplicantCategory>().ToDictionary(c => c.Label(), c => c);
    private static readonly Dictionary<string, AppealKind> Kinds = new()
    {
        ["行政复议"] = AppealKind.Reconsideration, ["未经复议直接起诉"] = AppealKind.LitigationDirect, ["直接起诉"] = AppealKind.LitigationDirect,
        ["复议后起诉"] = AppealKind.LitigationAfterReconsideration,
    };
    private static readonly Dictionary<string, AppealOutcome> AppealOutcomes = new()
    {
        ["维持"] = AppealOutcome.Upheld, ["结果维持"] = AppealOutcome.Upheld, ["纠正"] = AppealOutcome.Corrected, ["结果纠正"] = AppealOutcome.Corrected,
        ["其他"] = AppealOutcome.Other, ["其他结果"] = AppealOutcome.Other, ["尚未审结"] = AppealOutcome.Pending,
    };

    private const string ExamplePrefix = "示例";

    /// <summary>The template with one example row, as XLSX; the example is refused if it is left in.</summary>
    public static byte[] Template() => Spreadsheet.Write(("导入申请", [Headings,
        [ExamplePrefix + "：2026-0001", "自然人", "2026-03-02", "2026-03-20", "予以公开", "行政复议", "2026-04-01", "维持", "2026-05-20"]]));

    public static (IReadOnlyList<ImportedApplication> Rows, IReadOnlyList<WorkbookProblem> Problems) Read(Stream stream, bool csv, DateOnly today)
    {
        var problems = new List<WorkbookProblem>();
        Dictionary<(int Row, int Column), string>? grid;
        if (csv)
            grid = CsvGrid(stream);
        else
            grid = Spreadsheet.Read(stream) is { Count: > 0 } sheets ? sheets[0].Grid : null;
        if (grid is null)
            return ([], [new WorkbookProblem(0, "", "file", csv ? "文件不是 UTF-8 编码的 CSV。" : Spreadsheet.NotAWorkbook)]);
        for (var c = 0; c < Headings.Length; c++)
            if (grid.GetValueOrDefault((1, c))?.Trim() != Headings[c])
                problems.Add(new WorkbookProblem(1, Headings[c], "file", $"第 {c + 1} 列的表头应为“{Headings[c]}”。请使用导入模板。"));
        if (problems.Count > 0)
            return ([], problems);
        var last = grid.Keys.Select(k => k.Row).DefaultIfEmpty(1).Max();
        if (last - 1 > MaxRows)
            return ([], [new WorkbookProblem(0, "", "file", $"一次最多导入 {MaxRows} 行。")]);

        var rows = new List<ImportedApplication>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 2; r <= last; r++)
        {
            string Cell(int c) => grid.GetValueOrDefault((r, c))?.Trim() ?? "";
            if (Enumerable.Range(0, Headings.Length).All(c => Cell(c).Length == 0))
                continue;
            var before = problems.Count;
            void Problem(int c, string message) => problems.Add(new WorkbookProblem(r, Headings[c], Fields[c], message));

            var number = Cell(0);
            if (number.Length is 0 or > 64 || number.Any(char.IsControl))
                Problem(0, "请填写申请编号（不超过 64 个字符）。");
            else if (number.StartsWith(ExamplePrefix, StringComparison.Ordinal))
                Problem(0, "这是模板中的示例行，请删除后再导入。");
            else if (!numbers.Add(number))
                Problem(0, $"申请编号 {number} 在文件中重复。");
            ApplicantCategory? category = Categories.TryGetValue(Cell(1), out var cat) ? cat : null;
            if (category is null)
                Problem(1, $"申请人类别应为：{string.Join("、", Categories.Keys)}。");
            var received = Date(Cell(2), today, 2, required: true, Problem);
            var closed = Date(Cell(3), today, 3, required: false, Problem);
            if (received is { } rec && closed is { } clo && clo < rec)
                Problem(3, "办结日期早于收到申请日期。");
            AnnualReportOutcome? outcome = null;
            if (Cell(4).Length > 0)
            {
                if (Outcomes.TryGetValue(Normalize(Cell(4)), out var o))
                    outcome = o;
                else
                    Problem(4, "办理结果应为年度报告表三中的一项，如“予以公开”“部分公开”“属于国家秘密”“本机关不掌握相关政府信息”“重复申请”“其他”。");
            }
            if (closed is not null && outcome is null && Cell(4).Length == 0)
                Problem(4, "已办结的申请须填写办理结果。");
            if (closed is null && outcome is not null)
                Problem(3, "填写了办理结果的申请须填写办结日期。");

            var appeal = ReadAppeal(Cell, received, today, Problem);
            if (problems.Count == before)
                rows.Add(new ImportedApplication(r, number, category!.Value, received!.Value, closed, outcome, appeal));
        }
        if (rows.Count == 0 && problems.Count == 0)
            problems.Add(new WorkbookProblem(0, "", "file", "文件中没有申请。"));
        return (rows, problems);
    }

    private static ImportedAppeal? ReadAppeal(Func<int, string> cell, DateOnly? received, DateOnly today, Action<int, string> problem)
    {
        if (Enumerable.Range(5, 4).All(c => cell(c).Length == 0))
            return null;
        AppealKind? kind = Kinds.TryGetValue(cell(5), out var k) ? k : null;
        if (kind is null)
            problem(5, "复议诉讼类型应为：行政复议、未经复议直接起诉、复议后起诉。");
        var filed = Date(cell(6), today, 6, required: true, problem);
        if (filed is { } f && received is { } r && f < r)
            problem(6, "复议诉讼提起日期早于收到申请日期。");
        AppealOutcome? outcome = AppealOutcomes.TryGetValue(cell(7), out var o) ? o : null;
        if (outcome is null)
            problem(7, "复议诉讼结果应为：维持、纠正、其他、尚未审结。");
        var decided = Date(cell(8), today, 8, required: false, problem);
        if (outcome == AppealOutcome.Pending && decided is not null)
            problem(8, "尚未审结的不应填写审结日期。");
        if (outcome is not null and not AppealOutcome.Pending && decided is null)
            problem(8, "已审结的请填写审结日期。");
        if (decided is { } d && filed is { } fi && d < fi)
            problem(8, "审结日期早于提起日期。");
        return kind is null || filed is null || outcome is null ? null : new ImportedAppeal(kind.Value, filed.Value, outcome.Value, decided);
    }

    private static DateOnly? Date(string text, DateOnly today, int column, bool required, Action<int, string> problem)
    {
        if (text.Length == 0)
        {
            if (required)
                problem(column, "请填写日期（如 2026-03-02）。");
            return null;
        }
        DateOnly date;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // a date cell of Excel or WPS
        else if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture,
                     DateTimeStyles.None, out date))
        {
            problem(column, $"“{Shorten(text)}”不是日期，请写成 2026-03-02。");
            return null;
        }
        if (date < Earliest || date > today)
        {
            problem(column, $"日期 {date:yyyy-MM-dd} 不在 {Earliest:yyyy-MM-dd} 至今天之间。");
            return null;
        }
        return date;
    }

    private static Dictionary<string, AnnualReportOutcome> BuildOutcomes()
    {
        var map = new Dictionary<string, AnnualReportOutcome>(StringComparer.Ordinal);
        foreach (var row in AnnualReportLabels.Rows)
        {
            map[Normalize(row.Label)] = row.Outcome;
            map[Normalize(row.FullLabel)] = row.Outcome;
            map[row.Outcome.ToString()] = row.Outcome;
        }
        return map;
    }

    /// <summary>"（三）不予公开 / 1.属于国家秘密" and "属于国家秘密" alike: numbering, spaces and the explanatory brackets dropped.</summary>
    private static string Normalize(string label)
    {
        var text = label.Contains('/') ? label[(label.LastIndexOf('/') + 1)..] : label;
        text = text.Trim();
        if (text.StartsWith('（') && text.IndexOf('）') is var close and > 0 and < 5)
            text = text[(close + 1)..];
        if (text.Length > 2 && char.IsAsciiDigit(text[0]) && text[1] is '.' or '．' or '、')
            text = text[2..];
        if (text.IndexOf('（') is var bracket and > 0)
            text = text[..bracket];
        return text.Replace(" ", "").Trim();
    }

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;

    /// <summary>A UTF-8 CSV as a grid (RFC 4180 quoting), or null when the bytes are not UTF-8 text.</summary>
    private static Dictionary<(int Row, int Column), string>? CsvGrid(Stream stream)
    {
        string text;
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var grid = new Dictionary<(int, int), string>();
        var (row, column, quoted) = (1, 0, false);
        var cell = new StringBuilder();
        void Flush()
        {
            if (cell.Length > 0)
                grid[(row, column)] = cell.ToString();
            cell.Clear();
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    cell.Append(text[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                Flush();
                column++;
            }
            else if (c is '\n' or '\r')
            {
                Flush();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                (row, column) = (row + 1, 0);
            }
            else
                cell.Append(c);
        }
        Flush();
        return grid;
    }
}
