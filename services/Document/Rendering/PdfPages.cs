using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Gongkai.Document.Rendering;

/// <summary>The GB/T 9704 page in points: A4 with 30/25 mm top/bottom and 28/26 mm side margins (a 156 mm type area).</summary>
internal static class A4Page
{
    public const double Millimetre = 72 / 25.4;
    public const double Width = 210 * Millimetre;
    public const double Height = 297 * Millimetre;
    public const double Left = 28 * Millimetre;
    public const double TypeWidth = 156 * Millimetre;
    public const double Top = 30 * Millimetre;
    public const double Bottom = Height - 25 * Millimetre;
    public const double TypeHeight = Bottom - Top;

    /// <summary>三号 body text on 26 pt lines, 二号 titles on 33 pt lines.</summary>
    public const double BodySize = 16;
    public const double BodyLine = 26;
    public const double TitleSize = 22;
    public const double TitleLine = 33;
}

internal enum Align
{
    Justify,
    Left,
    Centre,
    Right,
}

/// <summary>
/// A tagged PDF drawn line by line down GB/T 9704 pages, starting a new page (with its 4号 number between dashes) when
/// the next line does not fit. Letters and reports share it; both are tagged through <see cref="Structure"/> so screen
/// readers read them in order. Not PDF/A: PDFsharp 6.2's PDF/A mode drops the seal's transparency, and a seal must not
/// hide the signature.
/// </summary>
internal sealed class PdfPages
{
    private readonly PdfDocument _document;
    private readonly Dictionary<(XFont, string), double> _advances = [];
    private readonly Dictionary<(XFont, string), XFont> _faces = [];
    private readonly Dictionary<(string Family, double Size, bool Bold), XFont> _fallbackFonts = [];
    private readonly PdfFonts _fonts = PdfFonts.Installed;
    private XGraphics _graphics = null!;

    public StructureBuilder Structure { get; }
    public XFont BodyFont { get; } = Font(PdfFonts.Body, A4Page.BodySize);
    public XFont TitleFont { get; } = Font(PdfFonts.Title, A4Page.TitleSize);
    public XFont HeiFont { get; } = Font(PdfFonts.Hei, A4Page.BodySize);
    public XFont KaiFont { get; } = Font(PdfFonts.Kai, A4Page.BodySize);
    private readonly XFont _numberFont = Font(PdfFonts.Body, 14);

    // Always the Unicode (CID) encoding: an ASCII-only line would otherwise embed a second subset of the same face.
    public static XFont Font(string family, double size, bool bold = false) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>Top of the next line.</summary>
    public double Y { get; set; }

    public int PageCount => _document.PageCount;

    /// <summary>Whether any text drawn lies outside the basic plane (see <see cref="SupplementaryPlaneText"/>).</summary>
    public bool DrewSupplementaryPlane { get; private set; }

    public PdfPages(string title, string? author)
    {
        _document = new PdfDocument();
        _document.Info.Title = title;
        if (author is not null)
            _document.Info.Author = author;
        _document.Info.Creator = "公开 Gongkai";
        Structure = UAManager.ForDocument(_document).StructureBuilder;
        Structure.BeginElement(PdfGroupingElementTag.Document);
        Structure.SetLanguage("zh-CN");
        NewPage();
    }

    public void NewPage()
    {
        // Tagging closes the open element's marked content on the old page as the new one is added: dispose after.
        var previous = _graphics;
        var page = _document.AddPage();
        previous?.Dispose();
        page.Width = XUnit.FromPoint(A4Page.Width);
        page.Height = XUnit.FromPoint(A4Page.Height);
        _graphics = XGraphics.FromPdfPage(page);
        Y = A4Page.Top;
        // Not read aloud.
        Structure.BeginArtifact();
        Draw($"— {_document.PageCount} —", _numberFont, A4Page.Left, A4Page.TypeWidth, A4Page.Height - 8 * A4Page.Millimetre - 2, Align.Centre, last: true);
        Structure.End();
    }

    public bool Fits(double height) => Y + height <= A4Page.Bottom + 0.01;

    public bool AtPageTop => Y <= A4Page.Top + 0.01;

    public void Skip(double height) => Y = Math.Min(Y + height, A4Page.Bottom);

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one (and could fit on any).</summary>
    public void Keep(double height)
    {
        if (!Fits(height) && !AtPageTop)
            NewPage();
    }

    public void Tagged(PdfBlockLevelElementTag tag, Action draw)
    {
        Structure.BeginElement(tag);
        draw();
        Structure.End();
    }

    public IReadOnlyList<string> Lines(string text, XFont font, double indent, double width = A4Page.TypeWidth) =>
        LineBreaker.Break(text, width, indent, character => Advance(font, character));

    public double Width(string text, XFont font) => LineBreaker.Characters(text).Sum(character => Advance(font, character));

    /// <summary>A paragraph across the type area, line by line down the pages.</summary>
    public void Paragraph(string text, XFont font, double lineHeight, Align align, double indent)
    {
        var lines = Lines(text, font, indent);
        for (var i = 0; i < lines.Count; i++)
        {
            var lineIndent = i == 0 ? indent : 0;
            Keep(lineHeight);
            Draw(lines[i], font, A4Page.Left + lineIndent, A4Page.TypeWidth - lineIndent, Baseline(Y, font, lineHeight), align, last: i == lines.Count - 1);
            Y += lineHeight;
        }
    }

    public void Line(string text, XFont font, double lineHeight, double left, double width, Align align)
    {
        Keep(lineHeight);
        Draw(text, font, left, width, Baseline(Y, font, lineHeight), align, last: true);
        Y += lineHeight;
    }

    public void Image(byte[] png, XRect box, string alternativeText)
    {
        using var image = XImage.FromStream(new MemoryStream(png));
        // object-fit: contain, centred in the box.
        var scale = Math.Min(box.Width / image.PixelWidth, box.Height / image.PixelHeight);
        var (width, height) = (image.PixelWidth * scale, image.PixelHeight * scale);
        Structure.BeginElement(PdfIllustrationElementTag.Figure, alternativeText, box);
        _graphics.DrawImage(image, box.X + (box.Width - width) / 2, box.Y + (box.Height - height) / 2, width, height);
        Structure.End();
    }

    public void Ellipse(XPen pen, XRect box) => _graphics.DrawEllipse(pen, box);

    public void Rectangle(XPen pen, XRect box) => _graphics.DrawRectangle(pen, box);

    /// <summary>CSS line boxes: the glyphs' ascent and descent centred in the line, the leading split above and below.</summary>
    public static double Baseline(double top, XFont font, double lineHeight)
    {
        var (ascent, descent) = (Ascent(font), Descent(font));
        return top + (lineHeight - ascent - descent) / 2 + ascent;
    }

    public static double Ascent(XFont font) => font.Size * font.Metrics.Ascent / font.Metrics.UnitsPerEm;

    private static double Descent(XFont font) => font.Size * font.Metrics.Descent / font.Metrics.UnitsPerEm;

    public void Draw(string line, XFont font, double left, double width, double baseline, Align align, bool last, XBrush? brush = null)
    {
        brush ??= XBrushes.Black;
        DrewSupplementaryPlane |= SupplementaryPlaneText.Contains(line);
        var characters = LineBreaker.Characters(line).ToList();
        var advances = characters.Select(c => Advance(font, c)).ToList();
        var natural = advances.Sum();
        var justified = align == Align.Justify && !last && characters.Count > 1;
        // Justified (inter-ideograph): the line's spare width spread evenly between its characters.
        var spare = justified ? Math.Max(0, width - natural) / (characters.Count - 1) : 0;
        var position = align switch { _ when justified => left, Align.Centre => left + (width - natural) / 2, Align.Right => left + width - natural, _ => left };
        // Runs of characters in one face: the whole line at once unless it is justified or a character needs a fallback.
        for (var start = 0; start < characters.Count;)
        {
            var face = FaceFor(font, characters[start]);
            var end = start + 1;
            while (!justified && end < characters.Count && FaceFor(font, characters[end]) == face)
                end++;
            _graphics.DrawString(string.Concat(characters.Skip(start).Take(end - start)), face, brush, new XPoint(position, baseline), XStringFormats.BaseLineLeft);
            for (; start < end; start++)
                position += advances[start] + spare;
        }
    }

    private double Advance(XFont font, string character)
    {
        if (!_advances.TryGetValue((font, character), out var width))
            _advances[(font, character)] = width = _graphics.MeasureString(character, FaceFor(font, character)).Width;
        return width;
    }

    /// <summary><paramref name="font"/>, or a fallback face of its size and weight for a character its face lacks.</summary>
    private XFont FaceFor(XFont font, string character)
    {
        if (_faces.TryGetValue((font, character), out var face))
            return face;
        var family = _fonts.FamilyFor(font.FontFamily.Name, character);
        var bold = font.Bold || _fonts.Emboldens(font.FontFamily.Name);
        if (family == font.FontFamily.Name)
            face = font;
        else if (!_fallbackFonts.TryGetValue((family, font.Size, bold), out face))
            _fallbackFonts[(family, font.Size, bold)] = face = Font(family, font.Size, bold);
        return _faces[(font, character)] = face;
    }

    /// <summary>Closes the last page and the document's structure and returns the finished document; nothing is drawn after.</summary>
    public byte[] Save()
    {
        _graphics.Dispose();
        Structure.End();
        using var pdf = new MemoryStream();
        _document.Save(pdf);
        return DrewSupplementaryPlane ? SupplementaryPlaneText.Mend(pdf.ToArray()) : pdf.ToArray();
    }
}
