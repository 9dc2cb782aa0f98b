namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// A published report version as anyone may read it. Deliberately NOT tenant-owned, like the public catalogue: anonymous
/// readers have no tenant, other units' checks compare against it (雷同), and it holds nothing but what the unit published.
/// </summary>
public sealed class PublicAnnualReport
{
    public Guid ReportId { get; set; }
    public string UnitCode { get; set; } = "";
    public string? ParentUnitCode { get; set; }
    public string UnitName { get; set; } = "";
    public int Year { get; set; }
    public int Version { get; set; }
    public string Number { get; set; } = "";
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string Sha256 { get; set; } = "";
    public string? CorrectionReason { get; set; }
    public bool Superseded { get; set; }
    public ReportContent Content { get; set; } = null!;
    public bool Rendered { get; set; }
}
