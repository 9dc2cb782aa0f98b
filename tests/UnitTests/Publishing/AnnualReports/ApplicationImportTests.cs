using System.Text;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Standard;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ApplicationImportTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private const string Header = "申请编号,申请人类别,收到申请日期,办结日期,办理结果,复议诉讼类型,复议诉讼提起日期,复议诉讼结果,复议诉讼审结日期";

    private static (IReadOnlyList<ImportedApplication> Rows, IReadOnlyList<WorkbookProblem> Problems) Csv(params string[] lines) =>
        ApplicationImport.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")), csv: true, Today);

    private static (IReadOnlyList<ImportedApplication> Rows, IReadOnlyList<WorkbookProblem> Problems) Xlsx(params string[][] rows) =>
        ApplicationImport.Read(new MemoryStream(Spreadsheet.Write(("导入申请", [ApplicationImport.Headings, .. rows]))), csv: false, Today);

    /// <summary>The one problem of a file whose only data row is <paramref name="line"/>.</summary>
    private static WorkbookProblem OnlyProblem(string line)
    {
        var (rows, problems) = Csv(Header, line);
        Assert.Empty(rows);
        return Assert.Single(problems);
    }

    [Fact]
    public void A_good_csv_file_is_read_row_by_row()
    {
        var (rows, problems) = Csv(Header,
            "2025-0001,自然人,2025-03-02,2025-03-20,予以公开,,,,",
            "2025-0002,商业企业,2025-11-02,,,,,,",
            "",
            "2025-0003,法律服务机构,2025-04-01,2025-04-20,属于国家秘密,行政复议,2025-05-10,维持,2025-07-01",
            "2025-0004,科研机构,2025-06-01,2025-06-05,部分公开,未经复议直接起诉,2025-07-01,尚未审结,");

        Assert.Empty(problems);
        Assert.Equal(4, rows.Count);
        Assert.Equal(new ImportedApplication(2, "2025-0001", ApplicantCategory.NaturalPerson, new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 20),
            AnnualReportOutcome.Disclosed, null), rows[0]);
        Assert.Equal(new ImportedApplication(3, "2025-0002", ApplicantCategory.CommercialEnterprise, new DateOnly(2025, 11, 2), null, null, null), rows[1]);
        Assert.Equal(5, rows[2].Row); // the blank line 4 is skipped but still counts
        Assert.Equal(AnnualReportOutcome.WithheldStateSecret, rows[2].Outcome);
        Assert.Equal(new ImportedAppeal(AppealKind.Reconsideration, new DateOnly(2025, 5, 10), AppealOutcome.Upheld, new DateOnly(2025, 7, 1)), rows[2].Appeal);
        Assert.Equal(new ImportedAppeal(AppealKind.LitigationDirect, new DateOnly(2025, 7, 1), AppealOutcome.Pending, null), rows[3].Appeal);
    }

    [Fact]
    public void A_good_xlsx_file_is_read_like_the_csv()
    {
        var (rows, problems) = Xlsx(
            ["2025-0001", "自然人", "2025-03-02", "2025-03-20", "予以公开", "", "", "", ""],
            ["2025-0002", "社会公益组织", "2025-12-30", "", "", "", "", "", ""]);

        Assert.Empty(problems);
        Assert.Equal([2, 3], rows.Select(r => r.Row));
        Assert.Equal(AnnualReportOutcome.Disclosed, rows[0].Outcome);
        Assert.Equal(ApplicantCategory.PublicInterestOrganization, rows[1].Category);
        Assert.Null(rows[1].ClosedOn);
    }

    [Fact]
    public void A_csv_saved_by_Excel_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\n2025-0001,其他,2025-03-02,,,,,,\n")).ToArray();
        var (rows, problems) = ApplicationImport.Read(new MemoryStream(bytes), csv: true, Today);
        Assert.Empty(problems);
        Assert.Equal(ApplicantCategory.Other, Assert.Single(rows).Category);
    }

    [Fact]
    public void A_wrong_heading_is_a_problem_on_row_one()
    {
        var (rows, problems) = Csv(Header.Replace("办结日期", "结案日期"), "2025-0001,自然人,2025-03-02,,,,,,");
        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal(new WorkbookProblem(1, "办结日期", "file", "第 4 列的表头应为“办结日期”。请使用导入模板。"), problem);

        // Missing columns are each named.
        var missing = Csv("申请编号,申请人类别", "2025-0001,自然人").Problems;
        Assert.Equal(ApplicationImport.Headings.Skip(2), missing.Select(p => p.Column));
        Assert.All(missing, p => Assert.Equal((1, "file"), (p.Row, p.Field)));
    }

    [Fact]
    public void A_file_with_headings_only_has_no_applications()
    {
        var problem = Assert.Single(Csv(Header).Problems);
        Assert.Equal((0, "file", "文件中没有申请。"), (problem.Row, problem.Field, problem.Message));
    }

    [Theory]
    [InlineData("2025-0001,个人,2025-03-02,,,,,,", "申请人类别", "applicantCategory")]
    [InlineData("2025-0001,自然人,2026-12-01,,,,,,", "收到申请日期", "receivedOn")]
    [InlineData("2025-0001,自然人,2008-04-30,,,,,,", "收到申请日期", "receivedOn")]
    [InlineData("2025-0001,自然人,,,,,,,", "收到申请日期", "receivedOn")]
    [InlineData("2025-0001,自然人,2025-3-32,,,,,,", "收到申请日期", "receivedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-01,予以公开,,,,", "办结日期", "closedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,,,,,", "办理结果", "outcome")]
    [InlineData("2025-0001,自然人,2025-03-02,,予以公开,,,,", "办结日期", "closedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,准予公开,,,,", "办理结果", "outcome")]
    [InlineData(",自然人,2025-03-02,,,,,,", "申请编号", "number")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政裁决,2025-04-01,维持,2025-05-01", "复议诉讼类型", "appealKind")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政复议,2025-04-01,撤销,2025-05-01", "复议诉讼结果", "appealOutcome")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政复议,2025-04-01,尚未审结,2025-05-01", "复议诉讼审结日期", "appealDecidedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政复议,2025-04-01,维持,", "复议诉讼审结日期", "appealDecidedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政复议,2025-03-01,尚未审结,", "复议诉讼提起日期", "appealFiledOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,行政复议,2025-04-01,维持,2025-03-31", "复议诉讼审结日期", "appealDecidedOn")]
    [InlineData("2025-0001,自然人,2025-03-02,2025-03-20,予以公开,,2025-04-01,维持,2025-05-01", "复议诉讼类型", "appealKind")]
    public void A_bad_row_is_named_by_row_and_column(string line, string column, string field)
    {
        var problem = OnlyProblem(line);
        Assert.Equal((2, column, field), (problem.Row, problem.Column, problem.Field));
        Assert.Matches("[\u4e00-\u9fff]", problem.Message);
    }

    [Fact]
    public void A_future_date_names_the_allowed_range()
    {
        var problem = OnlyProblem("2025-0001,自然人,2026-12-01,,,,,,");
        Assert.Equal("日期 2026-12-01 不在 2008-05-01 至今天之间。", problem.Message);
        Assert.Empty(Csv(Header, "2025-0001,自然人,2026-11-30,,,,,,").Problems); // today itself is fine
    }

    [Fact]
    public void A_duplicate_number_is_named_on_its_second_row_and_every_bad_row_is_reported()
    {
        var (rows, problems) = Csv(Header,
            "2025-0001,自然人,2025-03-02,,,,,,",
            "2025-0002,商业企业,2025-03-02,,,,,,",
            "2025-0001,科研机构,2025-04-02,,,,,,",
            "2025-0003,个人,2025-04-02,2025-04-01,,,,,");

        Assert.Equal(2, rows.Count); // returned, but the caller stores nothing while there are problems
        Assert.Equal(
        [
            (4, "申请编号", "申请编号 2025-0001 在文件中重复。"),
            (5, "申请人类别", "申请人类别应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他。"),
            (5, "办结日期", "办结日期早于收到申请日期。"),
            (5, "办理结果", "已办结的申请须填写办理结果。"),
        ], problems.Select(p => (p.Row, p.Column, p.Message)));
    }

    [Theory]
    [InlineData("予以公开", AnnualReportOutcome.Disclosed)]
    [InlineData("（一）予以公开", AnnualReportOutcome.Disclosed)]
    [InlineData("部分公开", AnnualReportOutcome.PartiallyDisclosed)]
    [InlineData("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", AnnualReportOutcome.PartiallyDisclosed)]
    [InlineData("（三）不予公开 / 1.属于国家秘密", AnnualReportOutcome.WithheldStateSecret)]
    [InlineData("（三）不予公开/1.属于国家秘密", AnnualReportOutcome.WithheldStateSecret)]
    [InlineData("属于国家秘密", AnnualReportOutcome.WithheldStateSecret)]
    [InlineData("1.属于国家秘密", AnnualReportOutcome.WithheldStateSecret)]
    [InlineData("危及“三安全一稳定”", AnnualReportOutcome.WithheldSecurityOrStability)]
    [InlineData("本机关不掌握相关政府信息", AnnualReportOutcome.UnavailableNotHeld)]
    [InlineData("重复申请", AnnualReportOutcome.NotHandledRepeated)]
    [InlineData("Disclosed", AnnualReportOutcome.Disclosed)]
    [InlineData("OtherNoFee", AnnualReportOutcome.OtherNoFee)]
    [InlineData("3.其他", AnnualReportOutcome.Other)]
    [InlineData("其他", AnnualReportOutcome.Other)]
    [InlineData("（六）其他处理 / 3.其他", AnnualReportOutcome.Other)]
    public void Results_are_read_in_the_forms_words(string text, AnnualReportOutcome outcome)
    {
        var (rows, problems) = Xlsx(["2025-0001", "自然人", "2025-03-02", "2025-03-20", text, "", "", "", ""]);
        Assert.Empty(problems);
        Assert.Equal(outcome, Assert.Single(rows).Outcome);
    }

    [Fact]
    public void Every_label_of_the_form_reads_back_as_its_outcome()
    {
        foreach (var row in AnnualReportLabels.Rows)
            foreach (var text in new[] { row.Label, row.FullLabel })
            {
                var (rows, problems) = Xlsx(["2025-0001", "自然人", "2025-03-02", "2025-03-20", text, "", "", "", ""]);
                Assert.True(problems.Count == 0, $"{text}: {string.Join("；", problems.Select(p => p.Message))}");
                Assert.Equal(row.Outcome, Assert.Single(rows).Outcome);
            }
    }

    [Theory]
    [InlineData("2026/3/2")]
    [InlineData("2026/03/02")]
    [InlineData("2026-3-2")]
    [InlineData("2026.3.2")]
    [InlineData("2026年3月2日")]
    [InlineData("46083")]     // Excel's serial number of 2 March 2026
    [InlineData("46083.625")] // with a time of day
    public void Dates_are_read_in_the_usual_spellings(string text)
    {
        var (rows, problems) = Xlsx(["2026-0001", "自然人", text, "", "", "", "", "", ""]);
        Assert.Empty(problems);
        Assert.Equal(new DateOnly(2026, 3, 2), Assert.Single(rows).ReceivedOn);
    }

    [Fact]
    public void Quoted_csv_fields_may_hold_commas_and_quotes()
    {
        var (rows, problems) = Csv(Header, "\"2025-0001,补\",自然人,\"2025-03-02\",2025-03-20,\"（三）不予公开 / 1.属于国家秘密\",,,,",
            "\"编号\"\"乙\"\"\",自然人,2025-03-02,,,,,,");
        Assert.Empty(problems);
        Assert.Equal(["2025-0001,补", "编号\"乙\""], rows.Select(r => r.Number));
        Assert.Equal(AnnualReportOutcome.WithheldStateSecret, rows[0].Outcome);
    }

    [Fact]
    public void A_csv_that_is_not_utf8_is_a_file_problem()
    {
        byte[] gbk = [0xC4, 0xE3, (byte)',', 0xBA, 0xC3, (byte)'\r', (byte)'\n'];
        var (rows, problems) = ApplicationImport.Read(new MemoryStream(gbk), csv: true, Today);
        Assert.Empty(rows);
        Assert.Equal(new WorkbookProblem(0, "", "file", "文件不是 UTF-8 编码的 CSV。"), Assert.Single(problems));
    }

    [Fact]
    public void A_file_that_is_no_workbook_is_a_file_problem()
    {
        var (rows, problems) = ApplicationImport.Read(new MemoryStream(Encoding.UTF8.GetBytes(Header)), csv: false, Today);
        Assert.Empty(rows);
        Assert.Equal(Spreadsheet.NotAWorkbook, Assert.Single(problems).Message);
    }

    [Fact]
    public void The_template_has_the_nine_headings_and_an_example_row_that_is_refused_if_left_in()
    {
        var grid = Assert.Single(Spreadsheet.Read(new MemoryStream(ApplicationImport.Template()))!).Grid;
        Assert.Equal(ApplicationImport.Headings, Enumerable.Range(0, 9).Select(c => grid[(1, c)]));

        var (rows, problems) = ApplicationImport.Read(new MemoryStream(ApplicationImport.Template()), csv: false, Today);
        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal((2, "申请编号"), (problem.Row, problem.Column));
        Assert.Contains("示例行", problem.Message);
    }
}
