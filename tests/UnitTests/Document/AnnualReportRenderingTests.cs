using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Rendering;

namespace Gongkai.UnitTests.Document;

public class AnnualReportRenderingTests
{
    internal static ReportCell H(string text, int rowSpan = 1, int colSpan = 1) => new(text, rowSpan, colSpan, IsHeader: true);

    private static IEnumerable<ReportCell> Numbers(params int[] values) => values.Select(v => new ReportCell(v.ToString()));

    /// <summary>The head and a few rows of table 三: three header rows, row labels merged down and across.</summary>
    internal static readonly IReadOnlyList<IReadOnlyList<ReportCell>> Applications =
    [
        [H("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), H("申请人情况", 1, 7)],
        [H("自然人", 2), H("法人或其他组织", 1, 5), H("总计", 2)],
        [H("商业企业"), H("科研机构"), H("社会公益组织"), H("法律服务机构"), H("其他")],
        [H("一、本年新收政府信息公开申请数量", 1, 3), .. Numbers(12, 3, 0, 1, 0, 0, 16)],
        [H("三、本年度办理结果", 3), H("（一）予以公开", 1, 2), .. Numbers(5, 1, 0, 0, 0, 0, 6)],
        [H("（三）不予公开", 2), H("1.属于国家秘密"), .. Numbers(0, 0, 0, 0, 0, 0, 0)],
        [H("2.<script>alert(1)</script>"), .. Numbers(1, 0, 0, 0, 0, 0, 1)],
    ];

    internal static readonly ReportLayout Layout = new("双流区东升街道办事处2026年政府信息公开工作年度报告", "（2027年1月20日）",
    [
        new ReportBlock(ReportBlockKind.Heading, "一、总体情况"),
        new ReportBlock(ReportBlockKind.SubHeading, "（一）主动公开"),
        new ReportBlock(ReportBlockKind.Paragraph, "本年度主动公开政府信息 120 条。\n其中<b>规范性文件</b> 3 件。"),
        new ReportBlock(ReportBlockKind.Heading, "三、收到和处理政府信息公开申请情况"),
        new ReportBlock(ReportBlockKind.Table, "", Applications),
        new ReportBlock(ReportBlockKind.Table, "", [[new ReportCell("行政复议"), new ReportCell("2")]]),
    ]);

    [Fact]
    public void Cells_take_the_next_slot_left_free_by_merged_cells_above_as_in_html()
    {
        var grid = new ReportGrid(Applications);
        Assert.Equal((7, 10), (grid.Rows, grid.Columns));
        Assert.Equal(3, grid.At(1, 3).Column);                       // 自然人 after the 3-wide merged corner
        Assert.Equal("商业企业", grid.At(2, 4).Text);               // row 2 starts after the corner and 自然人
        Assert.Equal("总计", grid.At(2, 9).Text);                   // merged down from row 1
        Assert.Equal("1.属于国家秘密", grid.At(5, 2).Text);
        Assert.Equal("2.<script>alert(1)</script>", grid.At(6, 2).Text);
        Assert.Equal("三、本年度办理结果", grid.At(6, 0).Text);
        Assert.All(Enumerable.Range(0, grid.Rows), row => Assert.Equal(10, grid.CellsOf(row).Sum(c => c.Cell.ColSpan)));
    }

    [Fact]
    public void Header_rows_are_the_leading_rows_of_header_cells_and_never_cut_a_merged_cell()
    {
        Assert.Equal(3, new ReportGrid(Applications).HeaderRows);
        Assert.Equal(0, new ReportGrid([[new ReportCell("行政复议"), new ReportCell("2")]]).HeaderRows);
        // The corner reaches into the second row, so that row repeats with it.
        Assert.Equal(2, new ReportGrid([[H("项目", 2), H("数量")], [new ReportCell("件")], [new ReportCell("申请"), new ReportCell("3")]]).HeaderRows);
        // A table of header cells only has nothing to repeat over.
        Assert.Equal(0, new ReportGrid([[H("项目"), H("数量")]]).HeaderRows);
    }

    [Fact]
    public void Short_rows_are_filled_and_spans_past_the_last_row_are_cut()
    {
        var grid = new ReportGrid([[new ReportCell("甲", RowSpan: 5), new ReportCell("乙"), new ReportCell("丙")], [new ReportCell("丁")]]);
        Assert.Equal(3, grid.Columns);
        Assert.Equal(2, grid.At(0, 0).RowSpan);
        Assert.Equal("", grid.At(1, 2).Text);
        Assert.Equal(1, grid.At(1, 2).Row);
    }

    [Fact]
    public void Docx_is_valid_open_xml_with_grid_span_vertical_merges_and_header_rows_repeated()
    {
        using var stream = new MemoryStream(DocxReport.Render(Layout));
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["双流区东升街道办事处2026年政府信息公开工作年度报告", "（2027年1月20日）", "一、总体情况", "（一）主动公开",
            "本年度主动公开政府信息 120 条。", "其中<b>规范性文件</b> 3 件。", "三、收到和处理政府信息公开申请情况"], paragraphs.Take(7));

        var table = body.Elements<Table>().First();
        var columns = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().ToList();
        Assert.Equal(10, columns.Count);
        Assert.InRange(columns.Sum(c => int.Parse(c.Width!.Value!)), 8800, 8844); // the type area, 156 mm
        var rows = table.Elements<TableRow>().ToList();
        Assert.Equal(7, rows.Count);
        Assert.Equal([true, true, true, false, false, false, false], rows.Select(r => r.TableRowProperties!.GetFirstChild<TableHeader>() is not null));
        Assert.All(rows, r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<CantSplit>()));
        Assert.All(rows, r => Assert.Equal(10, r.Elements<TableCell>().Sum(c => c.TableCellProperties!.GridSpan?.Val?.Value ?? 1)));

        var merges = rows.SelectMany(r => r.Elements<TableCell>()).Select(c => c.TableCellProperties!.VerticalMerge?.Val?.Value).ToList();
        Assert.Equal(5, merges.Count(m => m == MergedCellValues.Restart));
        Assert.Equal(7, merges.Count(m => m == MergedCellValues.Continue));
        var corner = rows[0].Elements<TableCell>().First();
        Assert.Equal((3, MergedCellValues.Restart), (corner.TableCellProperties!.GridSpan!.Val!.Value, corner.TableCellProperties.VerticalMerge!.Val!.Value));
        Assert.StartsWith("（本列数据的勾稽关系为", corner.InnerText);
        // Merged-over cells are empty in Word, the text stays in the first.
        Assert.Equal("", rows[2].Elements<TableCell>().First().InnerText);

        var header = rows[1].Elements<TableCell>().Single(c => c.InnerText == "法人或其他组织");
        Assert.NotNull(header.Descendants<Bold>().FirstOrDefault());
        Assert.Equal(JustificationValues.Center, header.Descendants<Justification>().Single().Val!.Value);
        var number = rows[3].Elements<TableCell>().Last();
        Assert.Equal(("16", JustificationValues.Center), (number.InnerText, number.Descendants<Justification>().Single().Val!.Value));
        Assert.Null(number.Descendants<Bold>().FirstOrDefault());
        Assert.Equal("18", number.Descendants<FontSize>().Single().Val!.Value);     // 小五 in a ten-column table
        Assert.Contains(rows[6].Elements<TableCell>(), c => c.InnerText == "2.<script>alert(1)</script>");

        var small = body.Elements<Table>().Last();
        Assert.DoesNotContain(small.Descendants<TableHeader>(), _ => true);
        Assert.Equal("21", small.Descendants<FontSize>().First().Val!.Value);       // 五号
        Assert.Contains("PAGE", document.MainDocumentPart.FooterParts.Single().Footer!.InnerXml);
    }

    [Theory]
    [InlineData("2026年度政府信息公开工作年度报告", "2026年度政府信息公开工作年度报告.pdf")]
    [InlineData("东升街道/2026年\"年度报告\"", "东升街道2026年年度报告.pdf")]
    [InlineData(" ..\t", "2026年度政府信息公开工作年度报告.pdf")]
    public void The_download_is_named_after_the_title_without_what_a_file_name_cannot_hold(string title, string expected) =>
        Assert.Equal(expected, AnnualReportFile.FileName(title, 2026, "pdf"));
}
