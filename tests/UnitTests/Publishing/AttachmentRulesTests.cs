using System.IO.Compression;
using System.Text;
using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class AttachmentRulesTests
{
    internal static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        return buffer.ToArray();
    }

    public static TheoryData<byte[], AttachmentType> Accepted() => new()
    {
        { "%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray(), AttachmentType.Pdf },
        { Zip("OFD.xml", "Doc_0/Document.xml"), AttachmentType.Ofd },
        { Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"), AttachmentType.Docx },
        { Zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), AttachmentType.Xlsx },
        { Zip("[content_types].xml", "Word/Document.xml"), AttachmentType.Docx }, // OPC part names ignore case
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], AttachmentType.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], AttachmentType.Jpeg },
        { "GIF89a\x01\x00\x01\x00"u8.ToArray(), AttachmentType.Gif },
        { "GIF87a\x01\x00\x01\x00"u8.ToArray(), AttachmentType.Gif },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Documents_and_pictures_are_recognised_by_their_bytes(byte[] content, AttachmentType type) =>
        Assert.Equal(type, AttachmentFormats.Detect(content));

    public static TheoryData<string, byte[]> Refused() => new()
    {
        { "a Windows program renamed .pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00] },
        { "an HTML page renamed .docx", "<!DOCTYPE html><html><script>alert(1)</script>"u8.ToArray() },
        { "a PDF signature not at the start", " %PDF-1.7"u8.ToArray() },
        { "an empty file", [] },
        { "a plain ZIP", Zip("readme.txt") },
        { "a macro-enabled Word document", Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin") },
        { "a macro-enabled workbook", Zip("[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin") },
        { "a Word body without the package's content types", Zip("word/document.xml") },
        { "a truncated ZIP", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] },
        { "an SVG picture (scriptable)", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>") },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_whatever_its_name(string what, byte[] content) =>
        Assert.True(AttachmentFormats.Detect(content) is null, what);

    [Theory]
    [InlineData(@"C:\Users\张三\Desktop\关于印发实施方案的通知.pdf", AttachmentType.Pdf, "关于印发实施方案的通知.pdf")]
    [InlineData("../../etc/passwd", AttachmentType.Pdf, "passwd.pdf")]
    [InlineData("  附件1：资金明细.XLSX  ", AttachmentType.Xlsx, "附件1：资金明细.XLSX")]
    [InlineData("现场照片.jpeg", AttachmentType.Jpeg, "现场照片.jpeg")]
    [InlineData("现场照片.jpg", AttachmentType.Jpeg, "现场照片.jpg")]
    [InlineData("通知", AttachmentType.Ofd, "通知.ofd")]
    [InlineData("setup.exe", AttachmentType.Pdf, "setup.exe.pdf")] // the saved name decides which program opens it
    public void The_name_loses_its_path_and_gets_the_extension_of_its_type(string raw, AttachmentType type, string expected)
    {
        var (name, problem) = AttachmentFileName.Clean(raw, type);
        Assert.Null(problem);
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("目录/")]
    [InlineData("通知\0.pdf")]
    [InlineData("通知\r\nX-Injected: 1.pdf")]
    [InlineData("通知\u202Efdp.exe")] // displays as 通知exe.pdf
    public void Empty_names_control_characters_and_direction_overrides_are_refused(string? raw)
    {
        var (name, problem) = AttachmentFileName.Clean(raw, AttachmentType.Pdf);
        Assert.Null(name);
        Assert.Matches("[\u4e00-\u9fff]", problem);
    }

    [Fact]
    public void A_name_may_have_200_characters_including_the_extension()
    {
        Assert.Equal(200, AttachmentFileName.Clean(new string('文', 196) + ".pdf", AttachmentType.Pdf).Name?.Length);
        Assert.Null(AttachmentFileName.Clean(new string('文', 197) + ".pdf", AttachmentType.Pdf).Name);
        // The extension added to a name of 200 characters makes it too long.
        Assert.Null(AttachmentFileName.Clean(new string('文', 200), AttachmentType.Pdf).Name);
    }
}
