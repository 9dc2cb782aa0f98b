using System.Text;
using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Document.Domain;

/// <summary>
/// One published version of a unit's annual report (政府信息公开工作年度报告) rendered to PDF and DOCX, each with its
/// SHA-256. Rendered once per report and version, never changed (append-only in the database).
/// </summary>
public sealed class AnnualReportFile : ITenantOwned
{
    public const int MaxTitleLength = 200;

    public Guid ReportId { get; init; }
    public int Version { get; init; }
    public string TenantId { get; set; } = "";
    public int Year { get; init; }
    public required string Title { get; init; }
    public required byte[] Pdf { get; init; }
    public required string PdfSha256 { get; init; }
    public long PdfLength { get; init; }
    public required byte[] Docx { get; init; }
    public required string DocxSha256 { get; init; }
    public long DocxLength { get; init; }
    public DateTimeOffset RenderedAt { get; init; }

    /// <summary>The download's name: the report's title as a safe file name (the year's standard title if none is left).</summary>
    public static string FileName(string title, int year, string extension)
    {
        var name = new StringBuilder();
        foreach (var c in title)
            if (!char.IsControl(c) && !"\\/:*?\"<>|".Contains(c))
                name.Append(char.IsWhiteSpace(c) ? ' ' : c);
        var clean = name.ToString().Trim().TrimEnd('.');
        if (clean.Length == 0)
            clean = $"{year}年度政府信息公开工作年度报告";
        return $"{(clean.Length > 100 ? clean[..100] : clean)}.{extension}";
    }
}

/// <summary>
/// Which unit a rendered annual report belongs to, so an anonymous download finds it. Deliberately NOT tenant-owned, like
/// Publishing's public catalogue: it holds nothing but public facts (a report that was published, its version and its
/// unit), and the files themselves are read as that unit, under row-level security.
/// </summary>
public sealed class PublicAnnualReport
{
    public Guid ReportId { get; init; }
    public int Version { get; init; }
    public required string UnitCode { get; init; }
}
