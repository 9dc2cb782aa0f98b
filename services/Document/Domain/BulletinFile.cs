using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Document.Domain;

/// <summary>A district's published 通报 rendered to PDF and DOCX, each with its SHA-256; rendered once, never changed.</summary>
public sealed class BulletinFile : ITenantOwned
{
    public Guid BulletinId { get; init; }
    public string TenantId { get; set; } = "";
    public required string Number { get; init; }
    public required string Title { get; init; }
    public required byte[] Pdf { get; init; }
    public required string PdfSha256 { get; init; }
    public required byte[] Docx { get; init; }
    public required string DocxSha256 { get; init; }
    public DateTimeOffset RenderedAt { get; init; }
}
