using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>
/// The name an attachment is stored and downloaded under. Browsers may send a full client path, so only its last part
/// is kept. Control characters (NUL, line breaks: they would break the Content-Disposition header) and direction
/// overrides (a name that displays as "x.pdf" but ends in ".exe") are refused, not silently removed. The extension is
/// made to match the detected type, because the name a reader saves decides which program opens the file.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 200;

    public static (string? Name, string? Problem) Clean(string? raw, AttachmentType type)
    {
        var name = (raw ?? "")[((raw ?? "").LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        if (name.Length == 0)
            return (null, "文件名不能为空。");
        if (name.Any(char.IsControl) || TextRules.IndexOfForbidden(name) >= 0)
            return (null, "文件名不能含有控制字符或文字方向控制符。");
        var extensions = AttachmentFormats.Extensions(type);
        if (!extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            name += extensions[0];
        return name.Length > MaxLength ? (null, $"文件名不能超过 {MaxLength} 个字（含扩展名）。") : (name, null);
    }
}
