using System.Security.Cryptography;
using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Intake.Domain;

/// <summary>An attachment as sent: the content travels base64-encoded inside the JSON body.</summary>
public sealed record AttachmentForm
{
    public AttachmentKind? Kind { get; init; }
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public string? ContentBase64 { get; init; }
}

/// <summary>A checked attachment: decoded content and its SHA-256 (hex), which staff can verify a copy against.</summary>
public sealed record ValidatedAttachment(AttachmentKind Kind, string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// What may be attached: scans and documents in the formats units can open and archive (PDF, JPEG, PNG,
/// and OFD, the national e-document format), each checked by its leading bytes, not just the declared type.
/// </summary>
public static class AttachmentRules
{
    public const int MaxFiles = 10;
    public const int MaxFileBytes = 5 * 1024 * 1024;
    /// <summary>Base64 grows content by a third; 12 MB keeps a full body under the gateway's 20 MB limit.</summary>
    public const int MaxTotalBytes = 12 * 1024 * 1024;

    private static readonly Dictionary<string, byte[]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "%PDF-"u8.ToArray(),
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["application/ofd"] = [0x50, 0x4B, 0x03, 0x04], // OFD is a ZIP container
    };

    public static IReadOnlyCollection<string> AllowedContentTypes => Signatures.Keys;

    /// <summary>Validates a list of attachments; errors are keyed "<paramref name="field"/>[i].x".</summary>
    public static List<ValidatedAttachment> Validate(IReadOnlyList<AttachmentForm?>? attachments, IDictionary<string, string[]> errors, string field = "attachments")
    {
        var result = new List<ValidatedAttachment>();
        if (attachments is null)
            return result;
        if (attachments.Count > MaxFiles)
        {
            errors[field] = [$"附件最多 {MaxFiles} 个。"];
            return result;
        }
        var total = 0L;
        for (var i = 0; i < attachments.Count; i++)
        {
            if (Validate(attachments[i], errors, $"{field}[{i}]") is { } attachment)
            {
                result.Add(attachment);
                total += attachment.Content.Length;
            }
        }
        if (total > MaxTotalBytes)
            errors[field] = [$"附件合计不能超过 {MaxTotalBytes / 1024 / 1024} MB。"];
        return result;
    }

    public static ValidatedAttachment? Validate(AttachmentForm? form, IDictionary<string, string[]> errors, string field)
    {
        if (form is null)
        {
            errors[field] = ["附件内容为空。"];
            return null;
        }
        var before = errors.Count;
        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[$"{field}.kind"] = ["请选择附件类别（身份证明、授权委托书或其他）。"];
        var fileName = form.FileName?.Trim();
        if (string.IsNullOrEmpty(fileName))
            errors[$"{field}.fileName"] = ["附件文件名不能为空。"];
        else if (fileName.Length > 200 || fileName.IndexOfAny(['/', '\\']) >= 0 || TextRules.IndexOfForbidden(fileName) >= 0)
            errors[$"{field}.fileName"] = ["附件文件名不能超过 200 个字，且不能含有路径分隔符、控制字符或文字方向控制符。"];
        var contentType = form.ContentType?.Trim().ToLowerInvariant();
        if (contentType is null || !Signatures.TryGetValue(contentType, out var signature))
        {
            errors[$"{field}.contentType"] = ["附件只能是 PDF、JPEG、PNG 或 OFD 文件。"];
            signature = null;
        }

        byte[]? content = null;
        if (string.IsNullOrEmpty(form.ContentBase64))
            errors[$"{field}.contentBase64"] = ["附件内容为空。"];
        else if (form.ContentBase64.Length > (MaxFileBytes + 2) / 3 * 4 + 4)
            errors[$"{field}.contentBase64"] = [$"单个附件不能超过 {MaxFileBytes / 1024 / 1024} MB。"];
        else
        {
            try
            {
                content = Convert.FromBase64String(form.ContentBase64);
            }
            catch (FormatException)
            {
                errors[$"{field}.contentBase64"] = ["附件内容不是有效的 Base64 编码。"];
            }
        }
        if (content is not null)
        {
            if (content.Length == 0)
                errors[$"{field}.contentBase64"] = ["附件内容为空。"];
            else if (content.Length > MaxFileBytes)
                errors[$"{field}.contentBase64"] = [$"单个附件不能超过 {MaxFileBytes / 1024 / 1024} MB。"];
            else if (signature is not null && !content.AsSpan().StartsWith(signature))
                errors[$"{field}.contentBase64"] = ["附件内容与声明的文件类型不符。"];
        }
        if (errors.Count > before)
            return null;
        return new ValidatedAttachment(form.Kind!.Value, fileName!, contentType!, content!, Convert.ToHexStringLower(SHA256.HashData(content!)));
    }
}
