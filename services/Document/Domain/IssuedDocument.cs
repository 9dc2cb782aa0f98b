using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Document.Domain;

/// <summary>
/// A document issued for a case: its number, the template version it was rendered from, and the SHA-256 of
/// each stored file. Issued documents never change (the table is append-only in the database too).
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

    /// <summary>The DocumentRequested this answers (null for receipts issued from CaseOpened); one request, one document.</summary>
    public Guid? RequestId { get; init; }

    /// <summary>The case number the letter names (the application number).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>e.g. 双府公复〔2026〕12号; null when the unit does not number this family.</summary>
    public string? DocumentNumber { get; init; }

    public string? NumberPattern { get; init; }
    public int? NumberYear { get; init; }
    public int? NumberSequence { get; init; }

    /// <summary>"receipt", "reply.Withhold.WithheldThirdPartyRights", …</summary>
    public string? TemplateKey { get; init; }

    /// <summary>"builtin-2026.1" or "unit-v3": which wording produced the text.</summary>
    public string? TemplateVersion { get; init; }

    /// <summary>Revision of the unit's settings (letterhead, seal, remedy periods) used.</summary>
    public int? SettingsRevision { get; init; }

    public string? PdfSha256 { get; init; }
    public string? DocxSha256 { get; init; }
}

/// <summary>One rendition of an issued document (PDF or DOCX), stored in Document's own database.</summary>
public sealed class DocumentFile : ITenantOwned
{
    public const string Pdf = "pdf";
    public const string Docx = "docx";
    public const string PdfMediaType = "application/pdf";
    public const string DocxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public Guid DocumentId { get; init; }
    public string TenantId { get; set; } = "";
    public required string Format { get; init; }
    public required string MediaType { get; init; }
    public required byte[] Content { get; init; }
    public required string Sha256 { get; init; }
    public long Length { get; init; }
}

/// <summary>The counter behind one gapless number series: unit, pattern and year.</summary>
public sealed class NumberCounter : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public required string Pattern { get; init; }
    public int Year { get; init; }
    public int LastValue { get; set; }
}

/// <summary>
/// A unit's document settings. One row per unit, created on first use; Revision goes up on every change and
/// is recorded on each issued document.
/// </summary>
public sealed class UnitSettings : ITenantOwned
{
    public const int DefaultReconsiderationDays = 60;
    public const int DefaultLitigationMonths = 6;

    public string TenantId { get; set; } = "";
    public string? UnitFullName { get; set; }

    /// <summary>The unit's name as Identity put it in a staff token; the letterhead until an admin sets one.</summary>
    public string? IdentityUnitName { get; set; }

    public string? Contact { get; set; }
    public int ReconsiderationDays { get; set; } = DefaultReconsiderationDays;
    public int LitigationMonths { get; set; } = DefaultLitigationMonths;
    public string? ReconsiderationBody { get; set; }
    public string? PaymentMethod { get; set; }
    public Dictionary<string, string> NumberPatterns { get; set; } = [];
    public byte[]? SealPng { get; set; }
    public string? SealSha256 { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public string PatternOf(string family) =>
        NumberPatterns.TryGetValue(family, out var pattern) ? pattern : Numbering.DocumentNumberPattern.Defaults[family];
}

/// <summary>
/// One saved version of a unit's wording for a template. Versions are only ever added (the latest wins);
/// a reset is a version that goes back to the built-in wording.
/// </summary>
public sealed class TemplateVersion : ITenantOwned
{
    public long Id { get; init; }
    public string TenantId { get; set; } = "";
    public required string TemplateKey { get; init; }
    public int Version { get; init; }
    public string? Title { get; init; }
    public List<string> Paragraphs { get; init; } = [];
    public bool IsReset { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>
/// A number taken for a document. Taking the number and recording it here is one short transaction, so the counter's
/// row lock is never held while a letter is drawn; the document (with <see cref="DocumentId"/>) is drawn after that
/// commit and issued in a second transaction. If drawing or storing fails (or the service dies), the next attempt at the
/// same request (or the same case's receipt) finds the reservation and issues that number: numbers stay gapless, unique
/// and in the order of their issue times. Kept after the issue, so a request reserves only once; a reservation without
/// its document is a number still to be issued (the requests list shows it).
/// </summary>
public sealed class NumberReservation : ITenantOwned
{
    /// <summary>The id the issued document gets.</summary>
    public Guid DocumentId { get; init; }
    public string TenantId { get; set; } = "";
    public Guid? RequestId { get; init; }
    public Guid CaseId { get; init; }
    public required string Kind { get; init; }
    public required string Pattern { get; init; }
    public int Year { get; init; }
    public int Sequence { get; init; }
    public required string Number { get; init; }

    /// <summary>Read under the counter's lock: the document's issue time, in the same order as the numbers.</summary>
    public DateTimeOffset IssuedAt { get; init; }
}
