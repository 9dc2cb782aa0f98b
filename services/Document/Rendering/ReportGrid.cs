using System.Text.RegularExpressions;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.Document.Rendering;

/// <summary>A cell placed on the grid: where it starts and how far it spans (clamped to the table).</summary>
public sealed partial record GridCell(string Text, bool IsHeader, int Row, int Column, int RowSpan, int ColSpan)
{
    /// <summary>A count, amount or percentage, a dash for none, or nothing: centred in its cell.</summary>
    public bool IsNumber => Text.Length == 0 || Number().IsMatch(Text);

    [GeneratedRegex(@"^(?:[-+]?[\d,]+(?:\.\d+)?%?|[-—–/])$")]
    private static partial Regex Number();
}

/// <summary>
/// A report table laid out on a grid the way HTML places cells with rowspan and colspan: each cell takes the next free
/// slot of its row. Both renderers read it, so the PDF and the DOCX merge the same cells. Slots no cell covers (a short
/// row) get an empty cell, so every border is drawn. The header is the leading rows whose cells are all headers,
/// extended over any header cell that spans further down (a repeated header never cuts a merged cell).
/// </summary>
public sealed class ReportGrid
{
    /// <summary>Tables wider than this get the smaller cell font (小五号 rather than 五号).</summary>
    public const int NarrowColumns = 8;

    private const double MinWeight = 3;
    private const double MaxWeight = 10;

    private readonly GridCell?[,] _slots;

    public int Rows { get; }
    public int Columns { get; }
    public int HeaderRows { get; }

    /// <summary>
    /// Relative column widths, in characters of the cell font: what the column's single-column cells need, within 3 to
    /// 10. A column heading may wrap onto two lines and a merged row label over as many lines as it has rows, so the
    /// count columns of table 三 and table 四 come out even and a long row label gets the room.
    /// </summary>
    public IReadOnlyList<double> ColumnWeights { get; }

    public bool IsWide => Columns > NarrowColumns;

    public ReportGrid(IReadOnlyList<IReadOnlyList<ReportCell>> rows)
    {
        Rows = rows.Count;
        var placed = new List<GridCell>();
        var taken = new HashSet<(int Row, int Column)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in rows[r])
            {
                while (taken.Contains((r, c)))
                    c++;
                var rowSpan = Math.Clamp(cell.RowSpan, 1, rows.Count - r);
                var colSpan = Math.Max(cell.ColSpan, 1);
                placed.Add(new GridCell(PrintableText.Clean(cell.Text).Trim(), cell.IsHeader, r, c, rowSpan, colSpan));
                for (var i = r; i < r + rowSpan; i++)
                    for (var j = c; j < c + colSpan; j++)
                        taken.Add((i, j));
                c += colSpan;
            }
        }
        Columns = taken.Count == 0 ? 0 : taken.Max(t => t.Column) + 1;
        HeaderRows = HeaderRowsOf(placed, Rows);

        _slots = new GridCell?[Rows, Columns];
        foreach (var cell in placed)
            for (var i = cell.Row; i < cell.Row + cell.RowSpan; i++)
                for (var j = cell.Column; j < cell.Column + cell.ColSpan; j++)
                    _slots[i, j] = cell;
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
                _slots[i, j] ??= new GridCell("", false, i, j, 1, 1);

        ColumnWeights = [.. Enumerable.Range(0, Columns).Select(j => placed.Where(p => p.Column == j && p.ColSpan == 1)
            .Select(p => Math.Ceiling(LongestLine(p.Text) / (p.Row < HeaderRows ? 2 : p.RowSpan))).Append(MinWeight).Max())
            .Select(w => Math.Min(w, MaxWeight))];
    }

    /// <summary>The cell covering a slot: its own when it starts there, else the merged cell it belongs to.</summary>
    public GridCell At(int row, int column) => _slots[row, column]!;

    /// <summary>
    /// A row's cells left to right: those starting in it, and (Continued) those merged down into it from a row above.
    /// HTML writes only the first kind; Word writes both (vMerge restart and continue).
    /// </summary>
    public IEnumerable<(GridCell Cell, bool Continued)> CellsOf(int row) =>
        Enumerable.Range(0, Columns).Select(j => At(row, j)).Where((cell, j) => cell.Column == j).Select(cell => (cell, cell.Row < row));

    private static int HeaderRowsOf(List<GridCell> placed, int rows)
    {
        var header = 0;
        while (header < rows && placed.Any(p => p.Row == header) && placed.Where(p => p.Row == header).All(p => p.IsHeader))
            header++;
        int end;
        while (header > 0 && (end = placed.Where(p => p.Row < header).Max(p => p.Row + p.RowSpan)) > header)
            header = end;
        return header >= rows ? 0 : header;
    }

    private static double LongestLine(string text) => text.Split('\n').Max(TemplateText.Width);
}
