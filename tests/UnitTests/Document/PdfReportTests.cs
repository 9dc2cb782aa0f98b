using Gongkai.Contracts;
using Gongkai.Document.Rendering;
using Gongkai.Publishing.Domain.AnnualReports;
using Microsoft.Extensions.Options;
using static Gongkai.UnitTests.Document.AnnualReportRenderingTests;
using static Gongkai.UnitTests.Document.Poppler;

namespace Gongkai.UnitTests.Document;

/// <summary>Reports drawn natively, read back with poppler as a reader's tools would.</summary>
public class PdfReportTests
{
    private static readonly PdfReport Renderer = new(Options.Create(new PdfFontOptions()));

    private static ReportLayout Report(params ReportBlock[] blocks) => new("东升街道2026年政府信息公开工作年度报告", "", blocks);

    private static ReportBlock Paragraph(string text) => new(ReportBlockKind.Paragraph, text);

    [Fact]
    public void The_official_annual_report_has_every_heading_label_and_count_in_embedded_subset_fonts_and_is_tagged()
    {
        var layout = ReportLayoutBuilder.Build(Publishing.AnnualReports.AnnualReportTestData.Content2026, "110101001-2026-01", new DateOnly(2027, 1, 20), null);
        var pdf = Renderer.Render(layout);

        var info = Run("pdfinfo", pdf);
        Assert.Contains("595.276 x 841.89 pts (A4)", info);
        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Matches(@"Title:\s+示例街道办事处2026年政府信息公开工作年度报告", info);
        var text = Text(pdf);
        foreach (var expected in new[]
        {
            "示例街道办事处2026年政府信息公开工作年度报告", "编号：110101001-2026-01", "一、总体情况", "（一）主动公开", "二、主动公开政府信息情况",
            "第二十条第（一）项", "现行有效件数", "行政规范性文件", "三、收到和处理政府信息公开申请情况", "法人或其他组织", "1.属于国家秘密",
            "四、结转下年度继续办理", "四、政府信息公开行政复议、行政诉讼情况", "未经复议直接起诉", "六、其他需要报告的事项", "收取信息处理费12.5元",
        })
            Assert.Contains(Squeeze(expected), text);
        Assert.Contains("—1—", text);
        Assert.All(Fonts(pdf), line =>
        {
            Assert.Contains("CID TrueType", line);
            Assert.Matches(@"\byes\s+yes\s+yes\b", line);
        });
        // Body, headings (黑体) and sub-headings (楷体) each in their own face.
        Assert.Equal(3, Fonts(pdf).Count);
        // Tables are read as tables: header cells, with their spans.
        var tagged = TaggedText(pdf);
        Assert.Equal(3, tagged.Split("Table (block)").Length - 1);
        Assert.Contains("/RowSpan 3", tagged);
        Assert.Contains("/ColSpan 5", tagged);
    }

    [Fact]
    public void A_table_over_pages_repeats_its_header_rows_and_never_splits_a_row()
    {
        var rows = new List<IReadOnlyList<ReportCell>> { new[] { H("项目"), H("办结数量") } };
        rows.AddRange(Enumerable.Range(1, 120).Select(i => (IReadOnlyList<ReportCell>)[new ReportCell($"第{i}项事项"), new ReportCell($"{i}")]));
        var pdf = Renderer.Render(Report(new ReportBlock(ReportBlockKind.Table, "", rows)));

        var pages = Pages(pdf);
        Assert.InRange(pages, 3, 6);
        var texts = Enumerable.Range(1, pages).Select(p => Text(pdf, p)).ToList();
        Assert.All(texts, page => Assert.Contains("项目办结数量", page));
        // Every row on exactly one page, whole, in order.
        for (var i = 1; i <= 120; i++)
            Assert.Single(texts, page => page.Contains($"第{i}项事项{i}"));
        Assert.Contains("第120项事项120", texts[^1]);
        // The header is read once: only the first page's is tagged text, the repeats are decoration.
        var tagged = TaggedText(pdf);
        Assert.Equal(1, tagged.Split("\"项目\"").Length - 1);
        Assert.Equal(121, tagged.Split("TR").Length - 1);
        Assert.DoesNotContain("— 2 —", tagged);
    }

    [Fact]
    public void Rows_joined_by_a_merged_cell_move_to_the_next_page_together()
    {
        // 20 one-line paragraphs leave room for the header and three rows, not for the group of six rows below them.
        var filler = Enumerable.Range(1, 20).Select(i => Paragraph($"第{i}段。")).ToArray();
        var table = new ReportBlock(ReportBlockKind.Table, "",
        [
            [H("类别"), H("情形"), H("数量")],
            .. new[] { "甲", "乙", "丙" }.Select(name => (IReadOnlyList<ReportCell>)[new ReportCell($"{name}事项", ColSpan: 2), new ReportCell("1")]),
            [new ReportCell("（三）不予公开", RowSpan: 6), new ReportCell("1.属于国家秘密"), new ReportCell("0")],
            .. Enumerable.Range(2, 5).Select(i => (IReadOnlyList<ReportCell>)[new ReportCell($"{i}.其他情形"), new ReportCell($"{i}")]),
        ]);
        var pdf = Renderer.Render(Report([.. filler, table]));

        Assert.Equal(2, Pages(pdf));
        var first = Text(pdf, 1);
        Assert.Contains("丙事项1", first);
        Assert.DoesNotContain("不予公开", first);
        Assert.DoesNotContain("属于国家秘密", first);
        var second = Text(pdf, 2);
        Assert.Contains("类别", second);
        Assert.Contains("（三）不予公开", second);
        Assert.Contains("1.属于国家秘密0", second);
        Assert.Contains("6.其他情形6", second);
    }

    [Fact]
    public void A_merged_cell_taller_than_a_page_is_split_with_each_line_of_its_text_printed_once_and_nothing_below_the_foot()
    {
        // 90 characters of the 千字文 (no two alike) in a narrow merged cell 60 rows tall: taller than a page.
        const string label = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐";
        var rows = new List<IReadOnlyList<ReportCell>> { new[] { new ReportCell(label, RowSpan: 60), new ReportCell("1"), new ReportCell("0") } };
        rows.AddRange(Enumerable.Range(2, 59).Select(i => (IReadOnlyList<ReportCell>)[new ReportCell($"{i}"), new ReportCell("0")]));
        var pdf = Renderer.Render(new ReportLayout("表", "", [new ReportBlock(ReportBlockKind.Table, "", rows)]));

        var pages = Pages(pdf);
        Assert.InRange(pages, 2, 3);
        var text = string.Concat(Enumerable.Range(1, pages).Select(p => Text(pdf, p)));
        Assert.All(label, c => Assert.Equal(1, text.Count(t => t == c)));
        // Nothing drawn below the type area: the lowest text on each page is its page number.
        var bbox = Run("pdftotext", pdf, "-bbox");
        var lowest = System.Text.RegularExpressions.Regex.Matches(bbox, @"yMax=""([\d.]+)"">([^<]+)</word>")
            .Where(m => !m.Groups[2].Value.Contains('—') && !int.TryParse(m.Groups[2].Value, out var n) | n > pages)
            .Max(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(lowest <= 841.89 - 25 * 72 / 25.4 + 0.5, $"text reaches {lowest} pt");
    }

    [Fact]
    public void A_heading_is_never_left_alone_at_the_foot_of_a_page()
    {
        // 23 one-line paragraphs leave room for one more line on the first page: the heading's, not its paragraph's.
        var filler = Enumerable.Range(1, 23).Select(i => Paragraph($"第{i}段。")).ToArray();
        var pdf = Renderer.Render(Report([.. filler, new ReportBlock(ReportBlockKind.Heading, "五、存在的主要问题及改进情况"), Paragraph("问题如下。")]));

        Assert.Equal(2, Pages(pdf));
        Assert.Contains("第23段。", Text(pdf, 1));
        Assert.DoesNotContain("五、存在的主要问题", Text(pdf, 1));
        Assert.StartsWith("五、存在的主要问题及改进情况问题如下。", Text(pdf, 2));
    }

    [Fact]
    public void The_small_test_layout_keeps_user_text_as_text_and_control_characters_out()
    {
        var layout = Layout with { Blocks = [.. Layout.Blocks, Paragraph("含\u0000控制\u0007字符")] };
        var pdf = Renderer.Render(layout);

        var text = Text(pdf);
        Assert.Contains("2.<script>alert(1)</script>", text);
        Assert.Contains("其中<b>规范性文件</b>3件。", text);
        Assert.Contains("含控制字符", text);
        Assert.Equal(1, Pages(pdf));
    }

    /// <summary>What a screen reader reads: the structure tree with its text, artifacts (page numbers, repeated headers) left out.</summary>
    private static string TaggedText(byte[] pdf) => Run("pdfinfo", pdf, "-struct-text");
}
