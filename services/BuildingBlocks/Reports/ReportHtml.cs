using System.Net;
using System.Text;
using Gongkai.Contracts;

namespace Gongkai.BuildingBlocks.Reports;

/// <summary>
/// A <see cref="ReportLayout"/> as semantic, self-contained HTML: headings, paragraphs and tables with their spans and
/// header cells (th with scope), every text HTML-encoded (the text is what staff typed). The public page and the PDF both
/// start from this markup; <paramref name="css"/> lets each add its own page style.
/// </summary>
public static class ReportHtml
{
    public static string Render(ReportLayout layout, string css)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(layout.Title)).Append("</title><style>").Append(css).Append("</style></head><body><main>")
            .Append("<h1>").Append(Encode(layout.Title)).Append("</h1>");
        if (layout.Subtitle.Length > 0)
            html.Append("<p class=\"subtitle\">").Append(Encode(layout.Subtitle)).Append("</p>");
        foreach (var block in layout.Blocks)
            Block(html, block);
        return html.Append("</main></body></html>").ToString();
    }

    private static void Block(StringBuilder html, ReportBlock block)
    {
        switch (block.Kind)
        {
            case ReportBlockKind.Heading:
                html.Append("<h2>").Append(Encode(block.Text)).Append("</h2>");
                break;
            case ReportBlockKind.SubHeading:
                html.Append("<h3>").Append(Encode(block.Text)).Append("</h3>");
                break;
            case ReportBlockKind.Paragraph:
                html.Append("<p>").Append(Encode(block.Text)).Append("</p>");
                break;
            case ReportBlockKind.Table:
                html.Append("<div class=\"table\"><table>");
                var rows = block.Rows ?? [];
                var headerRows = rows.TakeWhile(r => r.All(c => c.IsHeader)).Count();
                if (headerRows > 0)
                    html.Append("<thead>");
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i == headerRows && headerRows > 0)
                        html.Append("</thead>");
                    if (i == headerRows)
                        html.Append("<tbody>");
                    html.Append("<tr>");
                    foreach (var cell in rows[i])
                    {
                        var tag = cell.IsHeader ? "th" : "td";
                        html.Append('<').Append(tag);
                        if (cell.IsHeader)
                            html.Append(cell.ColSpan > 1 ? " scope=\"colgroup\"" : " scope=\"col\"");
                        if (cell.RowSpan > 1)
                            html.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                        if (cell.ColSpan > 1)
                            html.Append(" colspan=\"").Append(cell.ColSpan).Append('"');
                        html.Append('>').Append(Encode(cell.Text)).Append("</").Append(tag).Append('>');
                    }
                    html.Append("</tr>");
                }
                if (rows.Count > headerRows)
                    html.Append("</tbody>");
                html.Append("</table></div>");
                break;
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
