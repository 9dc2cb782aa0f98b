using Gongkai.Document.Domain;

namespace Gongkai.UnitTests.Document;

public class EvidenceRulesTests
{
    private static readonly byte[] Pdf = "%PDF-1.7\n%EMS回执"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];

    private static DeliveryEvidenceForm Form(byte[] content, string contentType = "application/pdf", string fileName = "EMS签收回执.pdf", string? note = null) =>
        new() { FileName = fileName, ContentType = contentType, ContentBase64 = Convert.ToBase64String(content), Note = note };

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("image/png")]
    [InlineData("image/jpeg")]
    [InlineData("IMAGE/PNG")]
    public void Pdf_jpeg_and_png_are_accepted_with_their_sha256(string contentType)
    {
        var content = contentType.ToLowerInvariant() switch { "image/png" => Png, "image/jpeg" => Jpeg, _ => Pdf };
        var errors = new Dictionary<string, string[]>();
        var evidence = EvidenceRules.Validate(Form(content, contentType, note: "  EMS 1186034225713  "), errors);
        Assert.Empty(errors);
        Assert.NotNull(evidence);
        Assert.Equal(contentType.ToLowerInvariant(), evidence.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), evidence.Sha256);
        Assert.Equal("EMS 1186034225713", evidence.Note);
    }

    [Theory]
    [InlineData("application/ofd")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public void Other_types_are_refused_naming_the_field(string? contentType)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(EvidenceRules.Validate(Form(Pdf, contentType!), errors));
        Assert.Contains("PDF、JPEG 或 PNG", Assert.Single(errors["contentType"]));
    }

    [Fact]
    public void Content_must_match_the_declared_type()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(EvidenceRules.Validate(Form(Png, "application/pdf"), errors));
        Assert.Equal("送达凭证内容与声明的文件类型不符。", Assert.Single(errors["contentBase64"]));
    }

    [Fact]
    public void More_than_10_MB_is_refused_and_10_MB_is_accepted()
    {
        var limit = new byte[EvidenceRules.MaxFileBytes];
        Pdf.CopyTo(limit, 0);
        var errors = new Dictionary<string, string[]>();
        Assert.NotNull(EvidenceRules.Validate(Form(limit), errors));

        var over = new byte[EvidenceRules.MaxFileBytes + 1];
        Pdf.CopyTo(over, 0);
        Assert.Null(EvidenceRules.Validate(Form(over), errors));
        Assert.Contains("10 MB", Assert.Single(errors["contentBase64"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../回执.pdf")]
    [InlineData("a\\b.pdf")]
    [InlineData("回执\u0001.pdf")]
    public void File_names_must_be_given_and_plain(string fileName)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(EvidenceRules.Validate(Form(Pdf, fileName: fileName), errors));
        Assert.True(errors.ContainsKey("fileName"));
    }

    [Fact]
    public void Empty_missing_or_broken_base64_and_a_missing_body_are_refused()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(EvidenceRules.Validate(Form([]) with { ContentBase64 = "" }, errors));
        Assert.Equal("送达凭证内容为空。", Assert.Single(errors["contentBase64"]));
        errors.Clear();
        Assert.Null(EvidenceRules.Validate(Form(Pdf) with { ContentBase64 = "不是base64!" }, errors));
        Assert.Equal("送达凭证内容不是有效的 Base64 编码。", Assert.Single(errors["contentBase64"]));
        errors.Clear();
        Assert.Null(EvidenceRules.Validate(null, errors));
        Assert.True(errors.ContainsKey("contentBase64"));
    }

    [Fact]
    public void A_note_longer_than_500_characters_is_refused()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(EvidenceRules.Validate(Form(Pdf, note: new string('签', EvidenceRules.MaxNoteLength + 1)), errors));
        Assert.True(errors.ContainsKey("note"));
    }
}
