using Gongkai.Document.Domain.Letters;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
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
    private const double Millimetre = 72 / 25.4;
    private const double PageWidth = 210 * Millimetre;
    private const double PageHeight = 297 * Millimetre;
    private const double Left = 28 * Millimetre;
    private const double TypeWidth = 156 * Millimetre;
    private const double Top = 30 * Millimetre;
    private const double Bottom = PageHeight - 25 * Millimetre;

    private const double BodySize = 16;
    private const double BodyLine = 26;
    private const double TitleSize = 22;
    private const double TitleLine = 33;
    private const double Gap = 13;
    private const double SignatureGap = 60;
    private const double SealSize = 42 * Millimetre;

    private readonly ILogger<PdfLetter> _logger;

    public PdfLetter(IOptions<PdfFontOptions> fonts, ILogger<PdfLetter> logger)
    {
        PdfFonts.Install(fonts.Value);
        _logger = logger;
    }

    public byte[] Render(Letter letter)
    {
        var document = new PdfDocument();
        document.Info.Title = letter.Title;
        document.Info.Author = letter.UnitName;
        document.Info.Creator = "公开 Gongkai";
        // Not PDF/A: PDFsharp 6.2's PDF/A mode drops the seal's transparency, and a seal must not hide the signature.
        var structure = UAManager.ForDocument(document).StructureBuilder;
        structure.BeginElement(PdfGroupingElementTag.Document);
        structure.SetLanguage("zh-CN");

        using (var pages = new PageWriter(document, structure))
        {
            structure.BeginElement(PdfBlockLevelElementTag.Heading1);
            foreach (var titleLine in new[] { letter.UnitName, letter.Title })
                pages.Paragraph(titleLine, pages.TitleFont, TitleLine, Align.Centre, indent: 0);
            structure.End();
            pages.Skip(Gap);
            if (letter.Number is not null)
            {
                pages.Tagged(() => pages.Paragraph(letter.Number, pages.BodyFont, BodyLine, Align.Right, indent: 0));
                pages.Skip(Gap);
            }
            pages.Tagged(() => pages.Paragraph(letter.Addressee, pages.BodyFont, BodyLine, Align.Justify, indent: 0));
            for (var i = 0; i < letter.Paragraphs.Count - 1; i++)
                pages.Tagged(() => pages.Paragraph(letter.Paragraphs[i], pages.BodyFont, BodyLine, Align.Justify, indent: 2 * BodySize));
            Closing(pages, letter);
        }
        structure.End();

        using var pdf = new MemoryStream();
        document.Save(pdf);
        return pdf.ToArray();
    }

    /// <summary>The last paragraph, the seal, the unit's name and the date: kept together on one page when they fit on one.</summary>
    private void Closing(PageWriter pages, Letter letter)
    {
        var last = letter.Paragraphs.Count > 0 ? letter.Paragraphs[^1] : null;
        var lines = last is null ? 0 : pages.Lines(last, pages.BodyFont, 2 * BodySize).Count;
        var height = lines * BodyLine + SignatureGap + 2 * BodyLine;
        if (!pages.Fits(height) && height <= Bottom - Top)
            pages.NewPage();
        if (last is not null)
            pages.Tagged(() => pages.Paragraph(last, pages.BodyFont, BodyLine, Align.Justify, indent: 2 * BodySize));

        pages.Skip(SignatureGap);
        pages.KeepLines(2, BodyLine);
        // The signature block sits 4 characters from the right margin, as wide as its longer line but at least 9 characters.
        var width = Math.Max(9 * BodySize, Math.Max(pages.Width(letter.UnitName, pages.BodyFont), pages.Width(letter.Date, pages.BodyFont)));
        var right = Left + TypeWidth - Math.Min(4 * BodySize, Math.Max(0, TypeWidth - width));
        var centre = right - width / 2;
        var seal = new XRect(centre - SealSize / 2, pages.Y - SealSize / 2, SealSize, SealSize);
        // The seal goes down first, so the signature's ink shows on top of it as on paper.
        if (letter.SealPng is { Length: > 0 } png)
        {
            try
            {
                pages.Seal(png, seal);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "The unit's seal image could not be drawn; the letter shows the seal's place instead");
                pages.SealPlaceholder(seal);
            }
        }
        else
            pages.SealPlaceholder(seal);
        pages.Tagged(() => pages.Line(letter.UnitName, pages.BodyFont, BodyLine, centre - width / 2, width, Align.Centre));
        pages.Tagged(() => pages.Line(letter.Date, pages.BodyFont, BodyLine, centre - width / 2, width, Align.Centre));
    }

    private enum Align
    {
        Justify,
        Centre,
        Right,
    }

    /// <summary>Draws lines down the pages, starting a new page (with its number) when the next line does not fit.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument _document;
        private readonly StructureBuilder _structure;
        private readonly Dictionary<(XFont, string), double> _advances = [];
        private XGraphics _graphics = null!;

        public XFont BodyFont { get; } = Font(PdfFonts.Body, BodySize);
        public XFont TitleFont { get; } = Font(PdfFonts.Title, TitleSize);
        private readonly XFont _numberFont = Font(PdfFonts.Body, 14);
        private readonly XFont _sealFont = Font(PdfFonts.Hei, 10.5);

        // Always the Unicode (CID) encoding: an ASCII-only line would otherwise embed a second subset of the same face.
        private static XFont Font(string family, double size) =>
            new(family, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

        /// <summary>Top of the next line.</summary>
        public double Y { get; private set; }

        public PageWriter(PdfDocument document, StructureBuilder structure)
        {
            _document = document;
            _structure = structure;
            NewPage();
        }

        public void NewPage()
        {
            // Tagging closes the open paragraph's marked content on the old page as the new one is added: dispose after.
            var previous = _graphics;
            var page = _document.AddPage();
            previous?.Dispose();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _graphics = XGraphics.FromPdfPage(page);
            Y = Top;
            // GB/T 9704 page number: 4号 digits between one-character dashes, below the type area; not read aloud.
            _structure.BeginArtifact();
            Draw($"— {_document.PageCount} —", _numberFont, Left, TypeWidth, PageHeight - 8 * Millimetre - 2, Align.Centre, last: true);
            _structure.End();
        }

        public bool Fits(double height) => Y + height <= Bottom + 0.01;

        public void Skip(double height) => Y = Math.Min(Y + height, Bottom);

        /// <summary>Starts a new page unless <paramref name="count"/> lines still fit on this one.</summary>
        public void KeepLines(int count, double lineHeight)
        {
            if (!Fits(count * lineHeight))
                NewPage();
        }

        public void Tagged(Action draw)
        {
            _structure.BeginElement(PdfBlockLevelElementTag.Paragraph);
            draw();
            _structure.End();
        }

        public IReadOnlyList<string> Lines(string text, XFont font, double indent) =>
            LineBreaker.Break(text, TypeWidth, indent, character => Advance(font, character));

        public double Width(string text, XFont font) => LineBreaker.Characters(text).Sum(character => Advance(font, character));

        public void Paragraph(string text, XFont font, double lineHeight, Align align, double indent)
        {
            var lines = Lines(text, font, indent);
            for (var i = 0; i < lines.Count; i++)
            {
                var lineIndent = i == 0 ? indent : 0;
                KeepLines(1, lineHeight);
                Draw(lines[i], font, Left + lineIndent, TypeWidth - lineIndent, Baseline(font, lineHeight), align, last: i == lines.Count - 1);
                Y += lineHeight;
            }
        }

        public void Line(string text, XFont font, double lineHeight, double left, double width, Align align)
        {
            KeepLines(1, lineHeight);
            Draw(text, font, left, width, Baseline(font, lineHeight), align, last: true);
            Y += lineHeight;
        }

        public void Seal(byte[] png, XRect box)
        {
            using var image = XImage.FromStream(new MemoryStream(png));
            // object-fit: contain, centred in the seal's square.
            var scale = Math.Min(box.Width / image.PixelWidth, box.Height / image.PixelHeight);
            var (width, height) = (image.PixelWidth * scale, image.PixelHeight * scale);
            _structure.BeginElement(PdfIllustrationElementTag.Figure, "印章", box);
            _graphics.DrawImage(image, box.X + (box.Width - width) / 2, box.Y + (box.Height - height) / 2, width, height);
            _structure.End();
        }

        /// <summary>No seal uploaded: a dashed red circle saying where it goes.</summary>
        public void SealPlaceholder(XRect box)
        {
            _structure.BeginArtifact();
            var red = XColor.FromArgb(0xCC, 0, 0);
            _graphics.DrawEllipse(new XPen(red, 1.2) { DashStyle = XDashStyle.Dash }, box);
            Draw("（印章）", _sealFont, box.X, box.Width, box.Y + 5 * Millimetre + Ascent(_sealFont), Align.Centre, last: true, new XSolidBrush(red));
            _structure.End();
        }

        /// <summary>CSS line boxes: the glyphs' ascent and descent centred in the line, the leading split above and below.</summary>
        private double Baseline(XFont font, double lineHeight)
        {
            var (ascent, descent) = (Ascent(font), Descent(font));
            return Y + (lineHeight - ascent - descent) / 2 + ascent;
        }

        private static double Ascent(XFont font) => font.Size * font.Metrics.Ascent / font.Metrics.UnitsPerEm;

        private static double Descent(XFont font) => font.Size * font.Metrics.Descent / font.Metrics.UnitsPerEm;

        private void Draw(string line, XFont font, double left, double width, double baseline, Align align, bool last, XBrush? brush = null)
        {
            brush ??= XBrushes.Black;
            var characters = LineBreaker.Characters(line).ToList();
            var advances = characters.Select(c => Advance(font, c)).ToList();
            var natural = advances.Sum();
            if (align != Align.Justify || last || characters.Count < 2)
            {
                var x = align switch { Align.Centre => left + (width - natural) / 2, Align.Right => left + width - natural, _ => left };
                _graphics.DrawString(line, font, brush, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
                return;
            }
            // Justified (inter-ideograph): the line's spare width spread evenly between its characters.
            var spare = Math.Max(0, width - natural) / (characters.Count - 1);
            var position = left;
            for (var i = 0; i < characters.Count; i++)
            {
                _graphics.DrawString(characters[i], font, brush, new XPoint(position, baseline), XStringFormats.BaseLineLeft);
                position += advances[i] + spare;
            }
        }

        private double Advance(XFont font, string character)
        {
            if (!_advances.TryGetValue((font, character), out var width))
                _advances[(font, character)] = width = _graphics.MeasureString(character, font).Width;
            return width;
        }

        public void Dispose() => _graphics.Dispose();
    }
}
