using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Document.Domain;

/// <summary>
/// A document issued for a case. Rendering to DOCX/PDF, numbering and the stored file with its SHA-256
/// come with the Document issue; the skeleton records the receipt (回执) that every opened case gets.
/// </summary>
public sealed class IssuedDocument : ITenantOwned
{
    public const string ReceiptKind = "receipt";
    public const string ReceiptTitle = "政府信息公开申请接收回执";

    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public string? TraceId { get; init; }
}
