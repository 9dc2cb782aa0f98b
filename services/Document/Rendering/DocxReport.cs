using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using static Gongkai.Document.Rendering.DocxLetter;

namespace Gongkai.Document.Rendering;

/// <summary>
/// A report layout as a Word document with the same layout as the PDF (<see cref="PdfReport"/>): the letters' page,
/// fonts and body metrics, 黑体 headings, 楷体 sub-headings, page numbers in the footer. Tables have fixed columns across
/// the type area, full borders and a smaller font; merged cells use gridSpan and vMerge; header rows repeat on every
/// page (tblHeader) and no row splits across pages.
/// </summary>
public static class DocxReport
{
    private const string HeadingFont = "黑体";
    private const string SubHeadingFont = "楷体_GB2312";
    private const int BodyHalfPoints = 32;      // 三号 16 pt
    private const int TitleHalfPoints = 44;     // 二号 22 pt
    private const int LineTwips = 520;          // 26 pt exactly, as in the PDF
    private const int CharTwips = 320;          // one 三号 character
    private const int TypeAreaTwips = 11906 - 1588 - 1474;

    public static byte[] Render(ReportLayout layout)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = PrintableText.Clean(layout.Title);
            var main = document.AddMainDocumentPart();
            AddFontTable(main);
            var footerId = AddPageNumberFooter(main);
            var body = new Body();

            body.Append(Paragraph(layout.Title, JustificationValues.Center, TitleFont, TitleHalfPoints, lineTwips: 660));
            if (!string.IsNullOrWhiteSpace(layout.Subtitle))
                body.Append(Paragraph(layout.Subtitle, JustificationValues.Center, BodyFont, BodyHalfPoints, spaceBeforeTwips: LineTwips / 2));
            var spaceBefore = LineTwips;
            foreach (var block in layout.Blocks)
            {
                switch (block.Kind)
                {
                    case ReportBlockKind.Heading:
                        body.Append(Paragraph(block.Text, JustificationValues.Both, HeadingFont, BodyHalfPoints, spaceBeforeTwips: spaceBefore, firstLineChars: 2, keepNext: true));
                        break;
                    case ReportBlockKind.SubHeading:
                        body.Append(Paragraph(block.Text, JustificationValues.Both, SubHeadingFont, BodyHalfPoints, spaceBeforeTwips: spaceBefore, firstLineChars: 2, keepNext: true));
                        break;
                    case ReportBlockKind.Paragraph:
                        foreach (var line in Lines(block.Text))
                        {
                            body.Append(Paragraph(line, JustificationValues.Both, BodyFont, BodyHalfPoints, spaceBeforeTwips: spaceBefore, firstLineChars: 2));
                            spaceBefore = 0;
                        }
                        break;
                    case ReportBlockKind.Table when block.Rows is { Count: > 0 } rows && new ReportGrid(rows) is { Columns: > 0 } grid:
                        body.Append(Table(grid));
                        // Word needs a paragraph between two tables (they would merge) and after the last one.
                        body.Append(Paragraph("", JustificationValues.Left, BodyFont, BodyHalfPoints, lineTwips: LineTwips / 2));
                        break;
                }
                spaceBefore = 0;
            }

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1701, Bottom = 1417, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table Table(ReportGrid grid)
    {
        var total = grid.ColumnWeights.Sum();
        var widths = grid.ColumnWeights.Select(w => (int)(w / total * TypeAreaTwips)).ToArray();
        // 五号 (10.5 pt) cells, or 小五 (9 pt) when the table has more columns than fit (table 四 has fifteen).
        var (halfPoints, lineTwips) = grid.IsWide ? (18, 240) : (21, 280);
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 6 },
                    new LeftBorder { Val = BorderValues.Single, Size = 6 },
                    new BottomBorder { Val = BorderValues.Single, Size = 6 },
                    new RightBorder { Val = BorderValues.Single, Size = 6 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 6 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 6 }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 43, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 43, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        for (var row = 0; row < grid.Rows; row++)
        {
            var properties = new TableRowProperties(new CantSplit());
            if (row < grid.HeaderRows)
                properties.Append(new TableHeader());
            var tableRow = new TableRow(properties);
            foreach (var (cell, continued) in grid.CellsOf(row))
            {
                var cellProperties = new TableCellProperties(
                    new TableCellWidth { Width = widths[cell.Column..(cell.Column + cell.ColSpan)].Sum().ToString(), Type = TableWidthUnitValues.Dxa });
                if (cell.ColSpan > 1)
                    cellProperties.Append(new GridSpan { Val = cell.ColSpan });
                if (cell.RowSpan > 1)
                    cellProperties.Append(new VerticalMerge { Val = continued ? MergedCellValues.Continue : MergedCellValues.Restart });
                cellProperties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                var justification = cell.IsHeader || cell.IsNumber ? JustificationValues.Center : JustificationValues.Left;
                string[] lines = continued ? [] : Lines(cell.Text);
                var tableCell = new TableCell(cellProperties);
                // Every cell holds at least one paragraph, a merged-over one too.
                foreach (var line in lines.DefaultIfEmpty(""))
                    tableCell.Append(Paragraph(line, justification, BodyFont, halfPoints, lineTwips: lineTwips, bold: cell.IsHeader));
                tableRow.Append(tableCell);
            }
            table.Append(tableRow);
        }
        return table;
    }

    private static Paragraph Paragraph(string text, JustificationValues justification, string eastAsiaFont, int halfPoints,
        int lineTwips = LineTwips, int spaceBeforeTwips = 0, int firstLineChars = 0, bool keepNext = false, bool bold = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext)
            properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Line = lineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact, Before = spaceBeforeTwips.ToString(), After = "0" });
        if (firstLineChars > 0)
            // Word reads the *Chars value; LibreOffice needs the twips too.
            properties.Append(new Indentation { FirstLineChars = firstLineChars * 100, FirstLine = (firstLineChars * CharTwips).ToString() });
        properties.Append(new Justification { Val = justification });
        return new Paragraph(properties, new Run(RunProperties(eastAsiaFont, halfPoints, bold), new Text(PrintableText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static RunProperties RunProperties(string eastAsiaFont, int halfPoints, bool bold = false)
    {
        var properties = new RunProperties(
            new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = eastAsiaFont, ComplexScript = LatinFont, Hint = FontTypeHintValues.EastAsia });
        if (bold)
            properties.Append(new Bold(), new BoldComplexScript());
        properties.Append(
            new FontSize { Val = halfPoints.ToString() },
            new FontSizeComplexScript { Val = halfPoints.ToString() },
            new Languages { Val = "en-US", EastAsia = "zh-CN" });
        return properties;
    }

    /// <summary>GB/T 9704 page numbers: 4号 digits between dashes, centred below the type area.</summary>
    private static string AddPageNumberFooter(MainDocumentPart main)
    {
        var part = main.AddNewPart<FooterPart>();
        Run Run(string text) => new(RunProperties(BodyFont, 28), new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Run("— "), new SimpleField(Run("1")) { Instruction = " PAGE " }, Run(" —")));
        part.Footer.Save();
        return main.GetIdOfPart(part);
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new Fonts(
            Font(BodyFont, "仿宋", "02010609030101010101"),
            Font(TitleFont, "宋体", "02000000000000000000"),
            Font(HeadingFont, "SimHei", "02010609060101010101"),
            Font(SubHeadingFont, "楷体", "02010609030101010101"),
            Font(LatinFont, null, "02020603050405020304"));
        part.Fonts.Save();
    }

    private static string[] Lines(string text) => PrintableText.Clean(text).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
