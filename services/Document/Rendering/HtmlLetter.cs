using System.Net;
using System.Text;
using Gongkai.Document.Domain.Letters;

namespace Gongkai.Document.Rendering;

/// <summary>
/// A letter as one printable HTML page, laid out after GB/T 9704 (A4, 28/26 mm side margins, 三号仿宋 body
/// with 2-character first-line indents, 二号小标宋 title, signature and date bottom right under the seal).
/// Official font names come first so a licensed 仿宋_GB2312/方正小标宋 wins where installed; Debian's Noto CJK
/// is the free fallback. lang="zh-CN" keeps Chromium from choosing a Japanese or Hei face.
/// </summary>
public static class HtmlLetter
{
    public const string SerifStack = "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
    public const string TitleStack = "\"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", \"华文中宋\", \"STZhongsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";
    public const string SansStack = "\"黑体\", \"SimHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

    public static string Render(Letter letter)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(letter.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>");
        html.Append("<h1><span class=\"unit\">").Append(E(letter.UnitName)).Append("</span><span class=\"kind\">")
            .Append(E(letter.Title)).Append("</span></h1>");
        if (letter.Number is not null)
            html.Append("<p class=\"number\">").Append(E(letter.Number)).Append("</p>");
        html.Append("<p class=\"addressee\">").Append(E(letter.Addressee)).Append("</p>");
        for (var i = 0; i < letter.Paragraphs.Count - 1; i++)
            html.Append("<p class=\"body\">").Append(E(letter.Paragraphs[i])).Append("</p>");
        // The last paragraph travels with the signature: a page with only the seal and date is not allowed.
        html.Append("<div class=\"closing\">");
        if (letter.Paragraphs.Count > 0)
            html.Append("<p class=\"body\">").Append(E(letter.Paragraphs[^1])).Append("</p>");
        html.Append("<div class=\"signature\">");
        if (letter.SealPng is { Length: > 0 } seal)
            html.Append("<img class=\"seal\" alt=\"印章\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(seal)).Append("\">");
        else
            html.Append("<div class=\"seal placeholder\"><span>（印章）</span></div>");
        html.Append("<p class=\"unit-name\">").Append(E(letter.UnitName)).Append("</p>")
            .Append("<p class=\"date\">").Append(E(letter.Date)).Append("</p></div></div>");
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    // GB/T 9704 sets 22 lines of 28.95 pt in a 225 mm type area and allows tighter spacing to keep the seal with
    // the text; 26 pt lines and 30/25 mm top/bottom margins keep an ordinary reply on one page.
    private const string Css = $$"""
        @page { size: A4; margin: 30mm 26mm 25mm 28mm; }
        html, body { margin: 0; padding: 0; }
        body { font-family: {{SerifStack}}; font-size: 16pt; line-height: 26pt; color: #000;
               -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { width: 156mm; }
        h1 { font-family: {{TitleStack}}; font-weight: 700; font-size: 22pt; line-height: 33pt; text-align: center;
             margin: 0 0 13pt 0; letter-spacing: 0.02em; }
        h1 span { display: block; }
        p { margin: 0; text-align: justify; text-justify: inter-ideograph; }
        p.number { text-align: right; margin-bottom: 13pt; }
        p.addressee { margin-top: 13pt; }
        .closing { break-inside: avoid; page-break-inside: avoid; }
        p.body { text-indent: 2em; }
        .signature { margin-top: 60pt; margin-left: auto; margin-right: 4em; width: fit-content; min-width: 9em; text-align: center; }
        .signature p { text-align: center; white-space: nowrap; }
        /* GB/T 9704: the seal presses on the signature and date, its top within a line of the text. It stays in the
           flow with negative margins that cancel its height (absolute positioning makes Chromium add a blank page). */
        .seal { display: block; width: 42mm; height: 42mm; margin: -21mm auto -21mm auto; }
        img.seal { object-fit: contain; mix-blend-mode: multiply; } /* red ink over black text, as on paper */
        .seal.placeholder { border: 1.2pt dashed #c00; border-radius: 50%; box-sizing: border-box; padding-top: 5mm; text-align: center; }
        .seal.placeholder span { font-family: {{SansStack}}; font-size: 10.5pt; color: #c00; line-height: 1; }
        """;
}
