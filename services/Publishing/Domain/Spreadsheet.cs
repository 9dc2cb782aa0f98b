using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Gongkai.Publishing.Domain;

/// <summary>One sheet as read: its name and every non-empty cell by (1-based row, 0-based column).</summary>
public sealed record SheetGrid(string Name, Dictionary<(int Row, int Column), string> Grid);

/// <summary>
/// XLSX in and out as plain text grids, for the sheets units exchange (the standard catalogue, the annual report's tables
/// and imported applications). Every value is written as text; reading tolerates shared and inline strings and merged ranges.
/// </summary>
public static class Spreadsheet
{
    public const string NotAWorkbook = "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入。";

    public static byte[] Write(params (string Name, List<string[]> Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = workbook.Workbook.AppendChild(new Sheets());
            for (var i = 0; i < sheets.Length; i++)
                AddSheet(workbook, list, (uint)(i + 1), sheets[i].Name, sheets[i].Rows);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Every sheet of the workbook, or null when the stream is not an XLSX workbook at all.</summary>
    public static IReadOnlyList<SheetGrid>? Read(Stream stream)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart;
            if (workbook is null)
                return [];
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(ItemText).ToList() ?? [];
            return workbook.Workbook.Sheets?.Elements<Sheet>().Select(s => new SheetGrid(s.Name?.Value ?? "", Grid(workbook, s, strings))).ToList() ?? [];
        }
        // Not a zip, a zip that is no workbook, or broken XML inside: all the same to the person uploading it.
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or ArgumentException
            or InvalidOperationException or System.Xml.XmlException)
        {
            return null;
        }
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, List<string[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
                // Inline strings: every value is text (a 序号 such as 0505 must not become the number 505).
                row.AppendChild(new Cell
                {
                    CellReference = ColumnName(c) + (r + 1),
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(rows[r][c]) { Space = SpaceProcessingModeValues.Preserve }),
                });
            data.AppendChild(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>Every non-empty cell of a sheet by (row, 0-based column); a merged range's value fills all its cells.</summary>
    private static Dictionary<(int Row, int Column), string> Grid(WorkbookPart workbook, Sheet sheet, List<string> strings)
    {
        var grid = new Dictionary<(int, int), string>();
        if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            return grid;
        var rowNumber = 0;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var text = CellText(cell, strings);
                if (!string.IsNullOrWhiteSpace(text))
                    grid[(rowNumber, column)] = text;
            }
        }
        foreach (var merge in part.Worksheet.Descendants<MergeCell>())
        {
            if (merge.Reference?.Value?.Split(':') is not [var from, var to])
                continue;
            var (r1, c1) = (RowIndex(from), ColumnIndex(from));
            var (r2, c2) = (RowIndex(to), ColumnIndex(to));
            if (!grid.TryGetValue((r1, c1), out var value) || (r2 - r1 + 1L) * (c2 - c1 + 1L) > 100_000)
                continue;
            for (var r = r1; r <= r2; r++)
                for (var c = c1; c <= c2; c++)
                    grid[(r, c)] = value;
        }
        return grid;
    }

    private static string CellText(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        if (type == CellValues.InlineString)
            return cell.InlineString is { } inline ? ItemText(inline) : "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>The text of a shared or inline string: its runs, without phonetic guides.</summary>
    private static string ItemText(OpenXmlElement item) =>
        string.Concat(item.Descendants<Text>().Where(t => t.Ancestors<PhoneticRun>().FirstOrDefault() is null).Select(t => t.Text));

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static int RowIndex(string reference) => int.TryParse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), out var r) ? r : 0;
}
