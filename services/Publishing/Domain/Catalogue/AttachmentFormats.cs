using System.IO.Compression;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>What a catalogue item may carry: documents units publish and archive, and pictures.</summary>
public enum AttachmentType
{
    Pdf,
    Ofd,   // GB/T 33190, the national fixed-layout format
    Docx,
    Xlsx,
    Png,
    Jpeg,
    Gif,
}

/// <summary>
/// Recognises an upload by its bytes. The file name and the client's content type are what the uploader claims; the
/// public downloads what the bytes are, so only the bytes decide. ZIP-based formats are told apart by their entry
/// names, read from the central directory without inflating anything.
/// </summary>
public static class AttachmentFormats
{
    public const string Accepted = "只能上传 PDF、OFD、DOCX、XLSX 或图片（PNG/JPEG/GIF）文件。";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of <paramref name="content"/>, or null when it is none of the accepted ones.</summary>
    public static AttachmentType? Detect(byte[] content)
    {
        var bytes = content.AsSpan();
        if (bytes.StartsWith("%PDF-"u8))
            return AttachmentType.Pdf;
        if (bytes.StartsWith(Png))
            return AttachmentType.Png;
        if (bytes.StartsWith(Jpeg))
            return AttachmentType.Jpeg;
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
            return AttachmentType.Gif;
        return bytes.StartsWith(Zip) ? DetectPackage(content) : null;
    }

    private static AttachmentType? DetectPackage(byte[] content)
    {
        HashSet<string> names;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            // OPC part names are case-insensitive.
            names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        // A macro-enabled document (.docm/.xlsm renamed) carries code; the public catalogue does not hand that out.
        if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            return null;
        var opc = names.Contains("[Content_Types].xml");
        if (opc && names.Contains("word/document.xml"))
            return AttachmentType.Docx;
        if (opc && names.Contains("xl/workbook.xml"))
            return AttachmentType.Xlsx;
        if (names.Contains("OFD.xml"))
            return AttachmentType.Ofd;
        return null;
    }

    public static string ContentType(AttachmentType type) => type switch
    {
        AttachmentType.Pdf => "application/pdf",
        AttachmentType.Ofd => "application/ofd",
        AttachmentType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AttachmentType.Png => "image/png",
        AttachmentType.Jpeg => "image/jpeg",
        AttachmentType.Gif => "image/gif",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The extensions a file of <paramref name="type"/> may have; the first is the one added when it has none of them.</summary>
    public static IReadOnlyList<string> Extensions(AttachmentType type) => type switch
    {
        AttachmentType.Jpeg => [".jpg", ".jpeg"],
        _ => ["." + type.ToString().ToLowerInvariant()],
    };
}
