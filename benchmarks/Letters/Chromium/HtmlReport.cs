using System.Globalization;
using System.Net;
using System.Text;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Rendering;

namespace Gongkai.Benchmarks.Letters.Chromium;

/// <summary>
/// A report layout as printable HTML for the Chromium baseline, as Document printed reports before PdfReport: A4 with GB/T 9704 margins,
/// 小标宋 title, 黑体 headings, 楷体 sub-headings, 仿宋 body. Official font names come first so a licensed 仿宋_GB2312/方正小标宋
/// wins where installed; Debian's Noto CJK is the free fallback. lang="zh-CN" keeps Chromium from choosing a Japanese face. Tables span the type area with fixed column widths, full
/// borders and a smaller font; a table that runs over a page repeats its header rows (thead) and never splits a row.
/// Every text is user-entered somewhere upstream, so all of it is escaped.
/// </summary>
public static class HtmlReport
{
    public const string SerifStack = "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
    public const string TitleStack = "\"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"华文中宋\", \"STZhongsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
    public const string SansStack = "\"黑体\", \"SimHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";
    public const string KaiStack = "\"楷体_GB2312\", \"KaiTi_GB2312\", \"楷体\", \"KaiTi\", \"STKaiti\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";

    public static string Render(ReportLayout layout)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(layout.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        html.Append("<h1>").Append(E(layout.Title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(layout.Subtitle))
            html.Append("<p class=\"subtitle\">").Append(E(layout.Subtitle)).Append("</p>");
        foreach (var block in layout.Blocks)
        {
            switch (block.Kind)
            {
                case ReportBlockKind.Heading:
                    html.Append("<h2>").Append(E(block.Text)).Append("</h2>");
                    break;
                case ReportBlockKind.SubHeading:
                    html.Append("<h3>").Append(E(block.Text)).Append("</h3>");
                    break;
                case ReportBlockKind.Paragraph:
                    foreach (var line in Lines(block.Text))
                        html.Append("<p>").Append(E(line)).Append("</p>");
                    break;
                case ReportBlockKind.Table when block.Rows is { Count: > 0 } rows:
                    Table(html, new ReportGrid(rows));
                    break;
            }
        }
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void Table(StringBuilder html, ReportGrid grid)
    {
        if (grid.Columns == 0)
            return;
        html.Append("<table class=\"").Append(grid.IsWide ? "wide" : "narrow").Append("\"><colgroup>");
        var total = grid.ColumnWeights.Sum();
        foreach (var weight in grid.ColumnWeights)
            html.Append("<col style=\"width:").Append((weight / total * 100).ToString("0.###", CultureInfo.InvariantCulture)).Append("%\">");
        html.Append("</colgroup>");
        for (var row = 0; row < grid.Rows; row++)
        {
            if (row == 0 && grid.HeaderRows > 0)
                html.Append("<thead>");
            if (row == grid.HeaderRows)
                html.Append("<tbody>");
            html.Append("<tr>");
            foreach (var (cell, continued) in grid.CellsOf(row))
            {
                if (continued)
                    continue;
                var tag = cell.IsHeader ? "th" : "td";
                html.Append('<').Append(tag);
                if (cell.IsHeader)
                    html.Append(" scope=\"").Append(row < grid.HeaderRows ? (cell.ColSpan > 1 ? "colgroup" : "col") : "row").Append('"');
                else if (cell.IsNumber)
                    html.Append(" class=\"number\"");
                if (cell.RowSpan > 1)
                    html.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                if (cell.ColSpan > 1)
                    html.Append(" colspan=\"").Append(cell.ColSpan).Append('"');
                html.Append('>').AppendJoin("<br>", Lines(cell.Text).Select(E)).Append("</").Append(tag).Append('>');
            }
            html.Append("</tr>");
            if (row == grid.HeaderRows - 1)
                html.Append("</thead>");
        }
        html.Append("</tbody></table>");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string E(string text) => WebUtility.HtmlEncode(PrintableText.Clean(text));

    // Body metrics as in the letters (16 pt on 26 pt lines, 156 mm type area); table cells 五号 (10.5 pt), or 小五 (9 pt)
    // when a table has more columns than fit (table 四 has fifteen).
    private const string Css = $$"""
        @page { size: A4; margin: 30mm 26mm 25mm 28mm; }
        html, body { margin: 0; padding: 0; }
        body { font-family: {{SerifStack}}; font-size: 16pt; line-height: 26pt; color: #000;
               -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { width: 156mm; }
        h1 { font-family: {{TitleStack}}; font-weight: 700; font-size: 22pt; line-height: 33pt; text-align: center; margin: 0; }
        p.subtitle { text-align: center; text-indent: 0; margin: 13pt 0 0 0; }
        h1 + h2, p.subtitle + h2, h1 + p, p.subtitle + p { margin-top: 26pt; }
        h2 { font-family: {{SansStack}}; font-weight: 400; font-size: 16pt; line-height: 26pt; margin: 0; text-indent: 2em; }
        h3 { font-family: {{KaiStack}}; font-weight: 400; font-size: 16pt; line-height: 26pt; margin: 0; text-indent: 2em; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        p { margin: 0; text-indent: 2em; text-align: justify; text-justify: inter-ideograph; }
        table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 6pt 0 13pt 0; }
        table.narrow { font-size: 10.5pt; line-height: 14pt; }
        table.wide { font-size: 9pt; line-height: 12pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 0.75pt solid #000; padding: 2pt 1.5pt; vertical-align: middle; overflow-wrap: anywhere; }
        th { font-weight: 700; text-align: center; }
        td { text-align: left; }
        td.number { text-align: center; }
        """;
}
