using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace Gongkai.Document.Rendering;

/// <summary>
/// A report (annual report, 通报) drawn straight into a PDF on the letters' page (<see cref="PdfPages"/>): 二号 title, 三号
/// 黑体 headings, 楷体 sub-headings, 仿宋 paragraphs with 2-character indents. Tables span the type area with the
/// <see cref="ReportGrid"/>'s merged cells and column widths, full 0.75 pt borders, 五号 cells (小五 when a table has
/// more columns than fit), header cells bold and centred, counts centred, everything vertically centred. A table that
/// runs over a page repeats its header rows and never splits a row, nor the rows a merged cell joins unless they are
/// taller than a page. Tagged (headings, paragraphs, tables with header cells and spans), so screen readers read the
/// tables too (Art. 43).
/// </summary>
public sealed class PdfReport
{
    private const double TableTop = 6;
    private const double TableBottom = 13;
    private const double CellPaddingX = 1.5;
    private const double CellPaddingY = 2;
    private static readonly XPen Border = new(XColors.Black, 0.75);

    public PdfReport(IOptions<PdfFontOptions> fonts) => PdfFonts.Install(fonts.Value);

    public byte[] Render(ReportLayout layout)
    {
        var title = PrintableText.Clean(layout.Title).Trim();
        var pages = new PdfPages(title, author: null);
        pages.Tagged(PdfBlockLevelElementTag.Heading1, () =>
            pages.Paragraph(title, pages.TitleFont, A4Page.TitleLine, Align.Centre, indent: 0));
        if (Lines(layout.Subtitle) is { Length: > 0 } subtitle)
        {
            pages.Skip(13);
            foreach (var line in subtitle)
                pages.Tagged(PdfBlockLevelElementTag.Paragraph, () => pages.Paragraph(line, pages.BodyFont, A4Page.BodyLine, Align.Centre, indent: 0));
        }
        var blocks = layout.Blocks.Select(block => Block.Of(block, pages)).OfType<Block>().ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i == 0 && blocks[i] is not TableBlock)
                pages.Skip(A4Page.BodyLine);
            blocks[i].Draw(pages, next: i + 1 < blocks.Count ? blocks[i + 1] : null);
        }
        return pages.Save();
    }

    private static string[] Lines(string? text) =>
        PrintableText.Clean(text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private abstract class Block
    {
        /// <summary>What must fit below a heading for the heading to stay on its page.</summary>
        public abstract double FirstHeight { get; }

        public abstract void Draw(PdfPages pages, Block? next);

        public static Block? Of(ReportBlock block, PdfPages pages) => block.Kind switch
        {
            ReportBlockKind.Heading when Lines(block.Text) is { Length: > 0 } text => new TextBlock(text, pages.HeiFont, PdfBlockLevelElementTag.Heading2),
            ReportBlockKind.SubHeading when Lines(block.Text) is { Length: > 0 } text => new TextBlock(text, pages.KaiFont, PdfBlockLevelElementTag.Heading3),
            ReportBlockKind.Paragraph when Lines(block.Text) is { Length: > 0 } text => new TextBlock(text, pages.BodyFont, PdfBlockLevelElementTag.Paragraph),
            ReportBlockKind.Table when block.Rows is { Count: > 0 } rows && new ReportGrid(rows) is { Columns: > 0 } grid => new TableBlock(grid, pages),
            _ => null,
        };
    }

    /// <summary>A heading or paragraphs (one per line of the text), indented 2 characters; a heading keeps with what follows.</summary>
    private sealed class TextBlock(string[] paragraphs, XFont font, PdfBlockLevelElementTag tag) : Block
    {
        private const double Indent = 2 * A4Page.BodySize;
        private readonly bool _isHeading = tag != PdfBlockLevelElementTag.Paragraph;

        public override double FirstHeight => A4Page.BodyLine;

        public override void Draw(PdfPages pages, Block? next)
        {
            foreach (var paragraph in paragraphs)
            {
                if (_isHeading)
                    pages.Keep(pages.Lines(paragraph, font, Indent).Count * A4Page.BodyLine + (next?.FirstHeight ?? 0));
                pages.Tagged(tag, () => pages.Paragraph(paragraph, font, A4Page.BodyLine, _isHeading ? Align.Left : Align.Justify, Indent));
            }
        }
    }

    /// <summary>A table measured on the grid: each slot's lines, each row's height, the groups of rows merged cells join.</summary>
    private sealed class TableBlock : Block
    {
        private readonly ReportGrid _grid;
        private readonly double _size;
        private readonly double _lineHeight;
        private readonly double[] _x;
        private readonly double[] _heights;
        private readonly Dictionary<GridCell, IReadOnlyList<string>> _lines = [];
        private readonly List<(int Start, int End)> _groups = [];
        private readonly XFont _font;
        private readonly XFont _headerFont;
        private readonly Dictionary<GridCell, int> _linesDrawn = [];
        private double _bodyTop = double.MaxValue; // where rows start on the table's latest new page

        public TableBlock(ReportGrid grid, PdfPages pages)
        {
            _grid = grid;
            (_size, _lineHeight) = grid.IsWide ? (9.0, 12.0) : (10.5, 14.0);
            _font = PdfPages.Font(PdfFonts.Body, _size);
            _headerFont = PdfPages.Font(PdfFonts.Body, _size, bold: true);
            var total = grid.ColumnWeights.Sum();
            _x = new double[grid.Columns + 1];
            _x[0] = A4Page.Left;
            for (var j = 0; j < grid.Columns; j++)
                _x[j + 1] = _x[j] + grid.ColumnWeights[j] / total * A4Page.TypeWidth;

            var cells = Enumerable.Range(0, grid.Rows).SelectMany(r => grid.CellsOf(r)).Where(c => !c.Continued).Select(c => c.Cell).ToList();
            foreach (var cell in cells)
                _lines[cell] = Lines(cell.Text).SelectMany(line => pages.Lines(line, FontOf(cell), 0, Right(cell) - _x[cell.Column] - 2 * CellPaddingX)).ToList();
            // Rows as tall as their own cells need; a merged cell that needs more spreads the rest over its rows.
            _heights = new double[grid.Rows];
            for (var r = 0; r < grid.Rows; r++)
                _heights[r] = cells.Where(c => c.Row == r && c.RowSpan == 1).Select(NeededHeight).Append(_lineHeight + 2 * CellPaddingY).Max();
            foreach (var cell in cells.Where(c => c.RowSpan > 1))
            {
                var missing = NeededHeight(cell) - Height(cell.Row, cell.Row + cell.RowSpan);
                for (var r = cell.Row; missing > 0 && r < cell.Row + cell.RowSpan; r++)
                    _heights[r] += missing / cell.RowSpan;
            }
            for (var start = grid.HeaderRows; start < grid.Rows;)
            {
                var end = start + 1;
                while (cells.Any(c => c.Row >= start && c.Row < end && c.Row + c.RowSpan > end))
                    end = cells.Where(c => c.Row >= start && c.Row < end).Max(c => c.Row + c.RowSpan);
                _groups.Add((start, end));
                start = end;
            }
        }

        private double HeaderHeight => Height(0, _grid.HeaderRows);

        /// <summary>The header and the first group of rows (its first row when the group is taller than a page).</summary>
        public override double FirstHeight =>
            TableTop + HeaderHeight + (_groups.Count == 0 ? 0
                : Height(_groups[0].Start, _groups[0].End) is var group && group <= A4Page.TypeHeight - HeaderHeight ? group
                : _heights[_groups[0].Start]);

        public override void Draw(PdfPages pages, Block? next)
        {
            pages.Skip(TableTop);
            pages.Keep(FirstHeight - TableTop);
            pages.Structure.BeginElement(PdfBlockLevelElementTag.Table);
            if (_grid.HeaderRows > 0)
            {
                pages.Structure.BeginElement(PdfBlockLevelElementTag.TableHeadRowGroup);
                DrawRows(pages, 0, _grid.HeaderRows, tagged: true);
                pages.Structure.End();
                pages.Structure.BeginElement(PdfBlockLevelElementTag.TableBodyRowGroup);
            }
            _bodyTop = pages.Y;
            foreach (var (start, end) in _groups)
            {
                var height = Height(start, end);
                if (!pages.Fits(height) && height <= A4Page.TypeHeight - HeaderHeight)
                    NewPage(pages);
                // A group taller than a page is split between rows, its merged cells drawn in parts; a single row taller
                // than a page runs over its foot (no report has one: their cells are labels and counts).
                var first = start;
                for (var r = start; r < end; r++)
                {
                    if (pages.Fits(Height(first, r + 1)))
                        continue;
                    if (r > first)
                        DrawRows(pages, first, r, tagged: true);
                    if (r > first || pages.Y > _bodyTop + 0.01)
                        NewPage(pages);
                    first = r;
                }
                DrawRows(pages, first, end, tagged: true);
            }
            if (_grid.HeaderRows > 0)
                pages.Structure.End();
            pages.Structure.End();
            pages.Skip(TableBottom);
        }

        /// <summary>A new page continuing the table: its header rows again, as decoration (they were read once).</summary>
        private void NewPage(PdfPages pages)
        {
            pages.NewPage();
            if (_grid.HeaderRows > 0)
            {
                pages.Structure.BeginArtifact();
                DrawRows(pages, 0, _grid.HeaderRows, tagged: false);
                pages.Structure.End();
            }
            _bodyTop = pages.Y;
        }

        /// <summary>Rows [from, to) on this page; a merged cell reaching past <paramref name="to"/> is cut there.</summary>
        private void DrawRows(PdfPages pages, int from, int to, bool tagged)
        {
            var top = pages.Y;
            for (var r = from; r < to; r++)
            {
                var rowTop = top + Height(from, r);
                if (tagged)
                    pages.Structure.BeginElement(PdfBlockLevelElementTag.TableRow);
                foreach (var (cell, continued) in _grid.CellsOf(r))
                {
                    if (continued && r != from)
                        continue;
                    var box = new XRect(_x[cell.Column], rowTop, Right(cell) - _x[cell.Column], Height(r, Math.Min(cell.Row + cell.RowSpan, to)));
                    pages.Structure.BeginArtifact();
                    pages.Rectangle(Border, box);
                    pages.Structure.End();
                    var cut = cell.Row + cell.RowSpan > to;
                    if (continued)
                    {
                        DrawText(pages, cell, box, part: true); // what did not fit where the cell starts
                        continue;
                    }
                    if (tagged)
                    {
                        pages.Structure.BeginElement(cell.IsHeader ? PdfBlockLevelElementTag.TableHeaderCell : PdfBlockLevelElementTag.TableDataCell);
                        if (cell.RowSpan > 1)
                            pages.Structure.SetRowSpan(cell.RowSpan);
                        if (cell.ColSpan > 1)
                            pages.Structure.SetColSpan(cell.ColSpan);
                    }
                    DrawText(pages, cell, box, part: cut);
                    if (tagged)
                        pages.Structure.End();
                }
                if (tagged)
                    pages.Structure.End();
            }
            pages.Y = top + Height(from, to);
        }

        /// <summary>
        /// A cell's lines, centred in its box; a merged cell cut by a page break (<paramref name="part"/>) shows from the
        /// top of each part the lines the parts before it had no room for.
        /// </summary>
        private void DrawText(PdfPages pages, GridCell cell, XRect box, bool part)
        {
            var lines = _lines[cell];
            var (first, count, top) = (0, lines.Count, box.Y + (box.Height - lines.Count * _lineHeight) / 2);
            if (part)
            {
                first = _linesDrawn.GetValueOrDefault(cell);
                count = Math.Clamp((int)Math.Floor((box.Height - 2 * CellPaddingY) / _lineHeight), 0, lines.Count - first);
                top = box.Y + CellPaddingY - first * _lineHeight;
                _linesDrawn[cell] = first + count;
            }
            var font = FontOf(cell);
            var align = cell.IsHeader || cell.IsNumber ? Align.Centre : Align.Left;
            for (var i = first; i < first + count; i++)
                pages.Draw(lines[i], font, box.X + CellPaddingX, box.Width - 2 * CellPaddingX,
                    PdfPages.Baseline(top + i * _lineHeight, font, _lineHeight), align, last: true);
        }

        private XFont FontOf(GridCell cell) => cell.IsHeader ? _headerFont : _font;

        private double Right(GridCell cell) => _x[Math.Min(cell.Column + cell.ColSpan, _grid.Columns)];

        private double NeededHeight(GridCell cell) => _lines[cell].Count * _lineHeight + 2 * CellPaddingY;

        private double Height(int from, int to) => _heights.Skip(from).Take(to - from).Sum();
    }
}
