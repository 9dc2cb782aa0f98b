using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Gongkai.Document.Rendering;

/// <summary>
/// A letter as a Word document with the same layout as the PDF (GB/T 9704 margins, 三号仿宋 body, 二号小标宋 title).
/// Fonts are named, not embedded: Word and WPS on the units' PCs have 仿宋_GB2312; the font table tells others
/// which face to fall back to. No document grid: LibreOffice turns a "lines" grid into a second page.
/// </summary>
public static class DocxLetter
{
    internal const string BodyFont = "仿宋_GB2312";
    internal const string TitleFont = "方正小标宋简体";
    internal const string LatinFont = "Times New Roman";
    private const int BodyHalfPoints = 32;     // 三号 16 pt
    private const int TitleHalfPoints = 44;    // 二号 22 pt
    private const int LineTwips = 520;         // 26 pt exactly, as in the PDF (see PdfLetter)
    private const int CharTwips = 320;         // one 三号 character
    private const int SignatureSpaceBefore = LineTwips * 3 / 2;

    public static byte[] Render(Letter letter)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = letter.Title;
            document.PackageProperties.Creator = letter.UnitName;
            var main = document.AddMainDocumentPart();
            AddFontTable(main);
            var body = new Body();

            body.Append(Paragraph(letter.UnitName, JustificationValues.Center, TitleFont, TitleHalfPoints, lineTwips: 660));
            body.Append(Paragraph(letter.Title, JustificationValues.Center, TitleFont, TitleHalfPoints, lineTwips: 660, spaceAfterTwips: LineTwips / 2));
            if (letter.Number is not null)
                body.Append(Paragraph(letter.Number, JustificationValues.Right, BodyFont, BodyHalfPoints, spaceAfterTwips: LineTwips / 2));
            body.Append(Paragraph(letter.Addressee, JustificationValues.Left, BodyFont, BodyHalfPoints, spaceBeforeTwips: LineTwips / 2));
            foreach (var text in letter.Paragraphs)
                body.Append(Paragraph(text, JustificationValues.Both, BodyFont, BodyHalfPoints, firstLineChars: 2));

            // Unit name and date centred on each other, right-aligned four characters in from the margin (GB/T 9704 7.3.5).
            var unitWidth = TemplateText.Width(letter.UnitName);
            var dateWidth = TemplateText.Width(letter.Date);
            var wider = Math.Max(unitWidth, dateWidth);
            const double rightChars = 4;
            var sealRun = letter.SealPng is { Length: > 0 } seal ? SealRun(main, seal, unitWidth) : null;
            var signature = Paragraph(letter.UnitName, JustificationValues.Right, BodyFont, BodyHalfPoints,
                spaceBeforeTwips: SignatureSpaceBefore, rightChars: rightChars + (wider - unitWidth) / 2);
            if (sealRun is not null)
                signature.InsertAfter(sealRun, signature.ParagraphProperties);
            else
                body.Append(Paragraph("（印章）", JustificationValues.Right, BodyFont, BodyHalfPoints, spaceBeforeTwips: LineTwips,
                    rightChars: rightChars + (wider - TemplateText.Width("（印章）")) / 2, color: "C00000"));
            body.Append(signature);
            body.Append(Paragraph(letter.Date, JustificationValues.Right, BodyFont, BodyHalfPoints, rightChars: rightChars + (wider - dateWidth) / 2));

            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1701, Bottom = 1417, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, JustificationValues justification, string eastAsiaFont, int halfPoints,
        int lineTwips = LineTwips, int spaceBeforeTwips = 0, int spaceAfterTwips = 0, int firstLineChars = 0, double rightChars = 0, string? color = null)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines
            {
                Line = lineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact,
                Before = spaceBeforeTwips.ToString(), After = spaceAfterTwips.ToString(),
            });
        if (firstLineChars > 0 || rightChars > 0)
        {
            // Word reads the *Chars values; LibreOffice needs the twips too.
            var indentation = new Indentation();
            if (firstLineChars > 0)
            {
                indentation.FirstLineChars = firstLineChars * 100;
                indentation.FirstLine = (firstLineChars * CharTwips).ToString();
            }
            if (rightChars > 0)
            {
                indentation.RightChars = (int)Math.Round(rightChars * 100);
                indentation.Right = ((int)Math.Round(rightChars * CharTwips)).ToString();
            }
            properties.Append(indentation);
        }
        properties.Append(new Justification { Val = justification });

        var runProperties = new RunProperties(
            new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = eastAsiaFont, ComplexScript = LatinFont, Hint = FontTypeHintValues.EastAsia },
            new FontSize { Val = halfPoints.ToString() },
            new FontSizeComplexScript { Val = halfPoints.ToString() },
            new Languages { Val = "en-US", EastAsia = "zh-CN" });
        if (color is not null)
            runProperties.InsertAfter(new Color { Val = color }, runProperties.GetFirstChild<RunFonts>()); // schema order: rFonts, color, sz
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            Font(BodyFont, "仿宋", "02010609030101010101"),
            Font(TitleFont, "宋体", "02000000000000000000"),
            Font(LatinFont, null, "02020603050405020304"));
        part.Fonts.Save();
    }

    internal static Font Font(string name, string? altName, string panose)
    {
        var font = new Font { Name = name };
        if (altName is not null)
            font.Append(new AltName { Val = altName });
        font.Append(new Panose1Number { Val = panose }, new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Roman });
        return font;
    }

    /// <summary>The seal as a 42 mm picture behind the text, centred over the signature (盖章处 下压署名和日期).</summary>
    private static Run SealRun(MainDocumentPart main, byte[] png, double unitWidthChars)
    {
        var image = main.AddImagePart(ImagePartType.Png);
        using (var source = new MemoryStream(png))
            image.FeedData(source);
        var id = main.GetIdOfPart(image);
        const long size = 42L * 36000; // EMU per mm
        // Centred on the unit name (the anchor sits where the name starts); its top 12 mm above the name's line, which
        // starts after the paragraph's space before (twips × 635 = EMU), so it presses on the name and the date.
        var left = (long)(unitWidthChars * BodyHalfPoints / 2 * 12700 / 2) - size / 2;
        var top = SignatureSpaceBefore * 635L - 12L * 36000;
        var anchor = new DW.Anchor(
            new DW.SimplePosition { X = 0L, Y = 0L },
            new DW.HorizontalPosition(new DW.PositionOffset(left.ToString())) { RelativeFrom = DW.HorizontalRelativePositionValues.Character },
            new DW.VerticalPosition(new DW.PositionOffset(top.ToString())) { RelativeFrom = DW.VerticalRelativePositionValues.Paragraph },
            new DW.Extent { Cx = size, Cy = size },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.WrapNone(),
            new DW.DocProperties { Id = 1U, Name = "印章" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = "seal.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = size, Cy = size }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
            SimplePos = false, RelativeHeight = 251658240U, BehindDoc = true, Locked = false, LayoutInCell = true, AllowOverlap = true,
        };
        return new Run(new Drawing(anchor));
    }
}
