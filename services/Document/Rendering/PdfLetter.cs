using Gongkai.Document.Domain.Letters;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace Gongkai.Document.Rendering;

/// <summary>
/// A letter drawn straight into a PDF, laid out after GB/T 9704: A4 with 30/25 mm top/bottom and 28/26 mm side margins,
/// 二号 (22 pt) title in the title face, 三号 (16 pt) body on 26 pt lines with 2-character first-line indents, justified;
/// signature and date bottom right under the seal, which presses on them; the last paragraph never leaves the signature
/// alone on a page; 4号 page numbers between dashes. Fonts are embedded subsets (text stays searchable) and the PDF is
/// tagged (headings, paragraphs, the seal's alternative text), so screen readers read it in order (Art. 43).
/// A one-page letter takes a few milliseconds and no browser.
/// </summary>
public sealed class PdfLetter
{
    private const double BodySize = A4Page.BodySize;
    private const double BodyLine = A4Page.BodyLine;
    private const double Gap = 13;
    private const double SignatureGap = 60;
    private const double SealSize = 42 * A4Page.Millimetre;

    private readonly ILogger<PdfLetter> _logger;

    public PdfLetter(IOptions<PdfFontOptions> fonts, ILogger<PdfLetter> logger)
    {
        PdfFonts.Install(fonts.Value);
        _logger = logger;
    }

    public byte[] Render(Letter letter)
    {
        var pages = new PdfPages(letter.Title, letter.UnitName);
        pages.Structure.BeginElement(PdfBlockLevelElementTag.Heading1);
        foreach (var titleLine in new[] { letter.UnitName, letter.Title })
            pages.Paragraph(titleLine, pages.TitleFont, A4Page.TitleLine, Align.Centre, indent: 0);
        pages.Structure.End();
        pages.Skip(Gap);
        if (letter.Number is not null)
        {
            pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Paragraph(letter.Number, pages.BodyFont, BodyLine, Align.Right, indent: 0));
            pages.Skip(Gap);
        }
        pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Paragraph(letter.Addressee, pages.BodyFont, BodyLine, Align.Justify, indent: 0));
        for (var i = 0; i < letter.Paragraphs.Count - 1; i++)
            pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Paragraph(letter.Paragraphs[i], pages.BodyFont, BodyLine, Align.Justify, indent: 2 * BodySize));
        Closing(pages, letter);
        return pages.Save();
    }

    /// <summary>The last paragraph, the seal, the unit's name and the date: kept together on one page when they fit on one.</summary>
    private void Closing(PdfPages pages, Letter letter)
    {
        var last = letter.Paragraphs.Count > 0 ? letter.Paragraphs[^1] : null;
        var lines = last is null ? 0 : pages.Lines(last, pages.BodyFont, 2 * BodySize).Count;
        var height = lines * BodyLine + SignatureGap + 2 * BodyLine;
        if (!pages.Fits(height) && height <= A4Page.TypeHeight)
            pages.NewPage();
        if (last is not null)
            pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Paragraph(last, pages.BodyFont, BodyLine, Align.Justify, indent: 2 * BodySize));

        pages.Skip(SignatureGap);
        pages.Keep(2 * BodyLine);
        // The signature block sits 4 characters from the right margin, as wide as its longer line but at least 9 characters.
        var width = Math.Max(9 * BodySize, Math.Max(pages.Width(letter.UnitName, pages.BodyFont), pages.Width(letter.Date, pages.BodyFont)));
        var right = A4Page.Left + A4Page.TypeWidth - Math.Min(4 * BodySize, Math.Max(0, A4Page.TypeWidth - width));
        var centre = right - width / 2;
        var seal = new XRect(centre - SealSize / 2, pages.Y - SealSize / 2, SealSize, SealSize);
        // The seal goes down first, so the signature's ink shows on top of it as on paper.
        if (letter.SealPng is { Length: > 0 } png)
        {
            try
            {
                pages.Image(png, seal, "印章");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "The unit's seal image could not be drawn; the letter shows the seal's place instead");
                SealPlaceholder(pages, seal);
            }
        }
        else
            SealPlaceholder(pages, seal);
        pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Line(letter.UnitName, pages.BodyFont, BodyLine, centre - width / 2, width, Align.Centre));
        pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Line(letter.Date, pages.BodyFont, BodyLine, centre - width / 2, width, Align.Centre));
    }

    /// <summary>No seal uploaded: a dashed red circle saying where it goes.</summary>
    private static void SealPlaceholder(PdfPages pages, XRect box)
    {
        pages.Structure.BeginArtifact();
        var red = XColor.FromArgb(0xCC, 0, 0);
        pages.Ellipse(new XPen(red, 1.2) { DashStyle = XDashStyle.Dash }, box);
        var font = PdfPages.Font(PdfFonts.Hei, 10.5);
        pages.Draw("（印章）", font, box.X, box.Width, box.Y + 5 * A4Page.Millimetre + PdfPages.Ascent(font), Align.Centre, last: true, new XSolidBrush(red));
        pages.Structure.End();
    }
}
