using System.Security.Cryptography;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Document.Domain;

/// <summary>
/// A scan or photo proving delivery (送达凭证: EMS/registered-mail receipt, signed acknowledgement). Kept with
/// its SHA-256, who uploaded it and when; append-only in the database.
/// </summary>
public sealed class DeliveryEvidence : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }
    public required string Sha256 { get; init; }
    public long Length { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public required string UploadedBy { get; init; }
}

/// <summary>
/// The case file as it was built when the case was archived: stored once, never changed, and served instead
/// of a fresh export from then on.
/// </summary>
public sealed class SealedDossier : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public string? CaseNumber { get; init; }
    public required byte[] Zip { get; init; }
    public required string Sha256 { get; init; }
    public long Length { get; init; }

    /// <summary>归档目录.json as inside the ZIP, for queries without opening the ZIP.</summary>
    public required string Catalogue { get; init; }

    public DateTimeOffset SealedAt { get; init; }

    /// <summary>The CaseStatusChanged that sealed it.</summary>
    public Guid? MessageId { get; init; }
}

/// <summary>Delivery evidence as sent: the content travels base64-encoded inside the JSON body.</summary>
public sealed record DeliveryEvidenceForm
{
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public string? ContentBase64 { get; init; }
    public string? Note { get; init; }
}

public sealed record ValidatedEvidence(string FileName, string ContentType, byte[] Content, string Sha256, string? Note);

/// <summary>
/// What may be kept as delivery evidence: scans and photos (PDF, JPEG, PNG), each checked by its leading bytes,
/// not just the declared type. 10 MB keeps a base64 body (≈13.4 MB) under the gateway's 20 MB limit.
/// </summary>
public static class EvidenceRules
{
    public const int MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxNoteLength = 500;

    private static readonly Dictionary<string, byte[]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "%PDF-"u8.ToArray(),
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
    };

    public static IReadOnlyCollection<string> AllowedContentTypes => Signatures.Keys;

    /// <summary>Checks the form; errors are keyed by the field's JSON name.</summary>
    public static ValidatedEvidence? Validate(DeliveryEvidenceForm? form, IDictionary<string, string[]> errors)
    {
        if (form is null)
        {
            errors["contentBase64"] = ["送达凭证内容为空。"];
            return null;
        }
        var before = errors.Count;
        var fileName = form.FileName?.Trim();
        if (string.IsNullOrEmpty(fileName))
            errors["fileName"] = ["送达凭证文件名不能为空。"];
        else if (fileName.Length > 200 || fileName.IndexOfAny(['/', '\\']) >= 0 || TextRules.IndexOfForbidden(fileName) >= 0)
            errors["fileName"] = ["送达凭证文件名不能超过 200 个字，且不能含有路径分隔符、控制字符或文字方向控制符。"];
        var contentType = form.ContentType?.Trim().ToLowerInvariant();
        if (contentType is null || !Signatures.TryGetValue(contentType, out var signature))
        {
            errors["contentType"] = ["送达凭证只能是 PDF、JPEG 或 PNG 文件。"];
            signature = null;
        }
        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        if (note is not null && (note.Length > MaxNoteLength || TextRules.IndexOfForbidden(note) >= 0))
            errors["note"] = [$"说明不能超过 {MaxNoteLength} 个字，且不能含有控制字符。"];

        byte[]? content = null;
        if (string.IsNullOrEmpty(form.ContentBase64))
            errors["contentBase64"] = ["送达凭证内容为空。"];
        else if (form.ContentBase64.Length > (MaxFileBytes + 2) / 3 * 4 + 4)
            errors["contentBase64"] = [$"送达凭证不能超过 {MaxFileBytes / 1024 / 1024} MB。"];
        else
        {
            try
            {
                content = Convert.FromBase64String(form.ContentBase64);
            }
            catch (FormatException)
            {
                errors["contentBase64"] = ["送达凭证内容不是有效的 Base64 编码。"];
            }
        }
        if (content is not null)
        {
            if (content.Length == 0)
                errors["contentBase64"] = ["送达凭证内容为空。"];
            else if (content.Length > MaxFileBytes)
                errors["contentBase64"] = [$"送达凭证不能超过 {MaxFileBytes / 1024 / 1024} MB。"];
            else if (signature is not null && !content.AsSpan().StartsWith(signature))
                errors["contentBase64"] = ["送达凭证内容与声明的文件类型不符。"];
        }
        if (errors.Count > before)
            return null;
        return new ValidatedEvidence(fileName!, contentType!, content!, Convert.ToHexStringLower(SHA256.HashData(content!)), note);
    }
}
