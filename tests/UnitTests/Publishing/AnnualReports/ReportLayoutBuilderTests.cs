using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using static Gongkai.UnitTests.Publishing.AnnualReports.AnnualReportTestData;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ReportLayoutBuilderTests
{
    private static ReportLayout Layout(string? correction = null) =>
        ReportLayoutBuilder.Build(Content2026, "110101001-2026-01", new DateOnly(2027, 1, 20), correction);

    private static List<ReportBlock> Tables(ReportLayout layout) => [.. layout.Blocks.Where(b => b.Kind == ReportBlockKind.Table)];

    /// <summary>
    /// Places every cell in the first free slot of its row, as HTML and Word do, and returns how many columns each row fills
    /// (cells spanning down from rows above included). Throws when a cell spans down past the last row.
    /// </summary>
    private static int[] Widths(IReadOnlyList<IReadOnlyList<ReportCell>> rows)
    {
        var taken = new HashSet<(int Row, int Column)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var column = 0;
            foreach (var cell in rows[r])
            {
                while (taken.Contains((r, column)))
                    column++;
                Assert.True(r + cell.RowSpan <= rows.Count, $"“{cell.Text}” spans past the table");
                for (var dr = 0; dr < cell.RowSpan; dr++)
                    for (var dc = 0; dc < cell.ColSpan; dc++)
                        Assert.True(taken.Add((r + dr, column + dc)), $"“{cell.Text}” overlaps another cell");
                column += cell.ColSpan;
            }
        }
        return [.. Enumerable.Range(0, rows.Count).Select(r => taken.Count(t => t.Row == r))];
    }

    [Fact]
    public void Tables_two_three_and_four_are_rectangles_of_4_10_and_15_columns()
    {
        var tables = Tables(Layout());
        Assert.Equal(3, tables.Count);

        var two = Widths(tables[0].Rows!);
        Assert.Equal(14, two.Length);
        Assert.All(two, w => Assert.Equal(4, w));

        var three = Widths(tables[1].Rows!);
        Assert.Equal(3 + 2 + 21 + 1 + 1, three.Length);
        Assert.All(three, w => Assert.Equal(10, w));

        var four = Widths(tables[2].Rows!);
        Assert.Equal(4, four.Length);
        Assert.All(four, w => Assert.Equal(15, w));
    }

    [Fact]
    public void Table_three_has_the_forms_spans_and_labels()
    {
        var rows = Tables(Layout())[1].Rows!;

        var corner = rows[0][0];
        Assert.Equal((3, 3, true), (corner.RowSpan, corner.ColSpan, corner.IsHeader));
        Assert.StartsWith("（本列数据的勾稽关系为", corner.Text);
        Assert.Equal(("申请人情况", 7), (rows[0][1].Text, rows[0][1].ColSpan));
        Assert.Equal(["自然人", "法人或其他组织", "总计"], rows[1].Select(c => c.Text));
        Assert.Equal(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], rows[2].Select(c => c.Text));

        Assert.Equal("一、本年新收政府信息公开申请数量", rows[3][0].Text);
        Assert.Equal(["3", "0", "0", "0", "1", "0", "4"], rows[3].Skip(1).Select(c => c.Text));
        Assert.Equal(["0", "1", "1", "0", "0", "0", "2"], rows[4].Skip(1).Select(c => c.Text));

        var results = rows[5][0];
        Assert.Equal("三、本年度办理结果", results.Text);
        Assert.Equal(22, results.RowSpan);
        Assert.Equal(("（一）予以公开", 2), (rows[5][1].Text, rows[5][1].ColSpan));
        Assert.Equal(("（三）不予公开", 8), (rows[7][0].Text, rows[7][0].RowSpan));
        Assert.Equal("1.属于国家秘密", rows[7][1].Text);
        Assert.Equal(["0", "1", "0", "0", "0", "0", "1"], rows[7].Skip(2).Select(c => c.Text));
        Assert.Equal("2.其他法律行政法规禁止公开", rows[8][0].Text);
        Assert.Equal(("（四）无法提供", 3), (rows[15][0].Text, rows[15][0].RowSpan));
        Assert.Equal(("（五）不予处理", 5), (rows[18][0].Text, rows[18][0].RowSpan));
        Assert.Equal(("（六）其他处理", 3), (rows[23][0].Text, rows[23][0].RowSpan));
        Assert.Equal("2.重复申请", rows[19][0].Text);
        Assert.Equal("1", rows[19][1].Text);

        Assert.Equal(("（七）总计", 2), (rows[26][0].Text, rows[26][0].ColSpan));
        Assert.Equal("4", rows[26][^1].Text);
        Assert.Equal(("四、结转下年度继续办理", 3), (rows[27][0].Text, rows[27][0].ColSpan));
        Assert.Equal(["0", "0", "1", "0", "1", "0", "2"], rows[27].Skip(1).Select(c => c.Text));
    }

    [Fact]
    public void Table_four_lists_the_three_blocks_then_fifteen_values()
    {
        var rows = Tables(Layout())[2].Rows!;
        Assert.Equal(["行政复议", "行政诉讼"], rows[0].Select(c => c.Text));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], rows[1].Select(c => c.Text));
        Assert.Equal(["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"], rows[3].Select(c => c.Text));
    }

    [Fact]
    public void Table_two_prints_numbers_and_not_applicable()
    {
        var rows = Tables(Layout())[0].Rows!;
        Assert.Equal(["规章", "0", "0", "3"], rows[2].Select(c => c.Text));
        Assert.Equal(["行政规范性文件", "5", "2", "40"], rows[3].Select(c => c.Text));
        Assert.Equal(["行政许可", "120"], rows[6].Select(c => c.Text));
        Assert.Equal(["行政事业性收费", "不适用"], rows[^1].Select(c => c.Text));
    }

    [Fact]
    public void Sections_come_in_the_forms_order_with_the_text_in_paragraphs()
    {
        var layout = ReportLayoutBuilder.Build(Content2026 with { Sections = Sections2026 with { Problems = "问题一。\n\n问题二。" } }, null, null, null);

        Assert.Equal(["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况", "六、其他需要报告的事项"], layout.Blocks.Where(b => b.Kind == ReportBlockKind.Heading).Select(b => b.Text));
        Assert.Equal(["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"],
            layout.Blocks.Where(b => b.Kind == ReportBlockKind.SubHeading).Select(b => b.Text));

        var blocks = layout.Blocks.ToList();
        Assert.Equal(ReportLayoutBuilder.Basis, blocks[0].Text);
        var five = blocks.FindIndex(b => b.Text == "五、存在的主要问题及改进情况");
        Assert.Equal(["问题一。", "问题二。"], blocks.Skip(five + 1).TakeWhile(b => b.Kind == ReportBlockKind.Paragraph).Select(b => b.Text));
        Assert.Equal(ReportBlockKind.Table, blocks[blocks.FindIndex(b => b.Text == "三、收到和处理政府信息公开申请情况") + 1].Kind);
        Assert.Equal(Sections2026.OtherMatters, blocks[^1].Text);

        Assert.Equal("示例街道办事处2026年政府信息公开工作年度报告", layout.Title);
        Assert.Equal("", layout.Subtitle);
    }

    [Fact]
    public void A_correction_reason_comes_first_and_the_number_and_date_in_the_subtitle()
    {
        var layout = Layout("表二行政许可数量由120更正为112。");
        Assert.Equal(new ReportBlock(ReportBlockKind.Paragraph, "更正说明：表二行政许可数量由120更正为112。"), layout.Blocks[0]);
        Assert.Equal(ReportLayoutBuilder.Basis, layout.Blocks[1].Text);
        Assert.Equal("编号：110101001-2026-01　公布日期：2027年1月20日", layout.Subtitle);

        Assert.DoesNotContain(Layout().Blocks, b => b.Text.StartsWith("更正说明", StringComparison.Ordinal));
    }
}
