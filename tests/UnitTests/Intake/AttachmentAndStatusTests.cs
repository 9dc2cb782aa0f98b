using System.Security.Cryptography;
using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

public class AttachmentAndStatusTests
{
    private static AttachmentForm Pdf(byte[] content) => new()
    {
        Kind = AttachmentKind.IdentityProof, FileName = "身份证.pdf", ContentType = "application/pdf", ContentBase64 = Convert.ToBase64String(content),
    };

    [Fact]
    public void A_valid_attachment_is_decoded_with_its_sha256()
    {
        var content = "%PDF-1.7 scan"u8.ToArray();
        var errors = new Dictionary<string, string[]>();
        var attachment = AttachmentRules.Validate(Pdf(content), errors, "attachments[0]");
        Assert.Empty(errors);
        Assert.Equal(content, attachment!.Content);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), attachment.Sha256);
    }

    [Fact]
    public void Wrong_type_content_size_or_name_is_named()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2 };
        var cases = new (AttachmentForm Form, string Field)[]
        {
            (Pdf(png), "a.contentBase64"),                                      // says PDF, is PNG
            (Pdf(png) with { ContentType = "application/x-msdownload" }, "a.contentType"),
            (Pdf([]) , "a.contentBase64"),
            (Pdf("%PDF-"u8.ToArray()) with { ContentBase64 = "%%%" }, "a.contentBase64"),
            (Pdf(new byte[AttachmentRules.MaxFileBytes + 1]), "a.contentBase64"),
            (Pdf("%PDF-"u8.ToArray()) with { FileName = "../../etc/passwd" }, "a.fileName"),
            (Pdf("%PDF-"u8.ToArray()) with { Kind = null }, "a.kind"),
        };
        foreach (var (form, field) in cases)
        {
            var errors = new Dictionary<string, string[]>();
            Assert.Null(AttachmentRules.Validate(form, errors, "a"));
            Assert.True(errors.ContainsKey(field), $"expected {field}, got {string.Join(", ", errors.Keys)}");
        }
        var png2 = new AttachmentForm { Kind = AttachmentKind.Other, FileName = "照片.png", ContentType = "image/png", ContentBase64 = Convert.ToBase64String(png) };
        Assert.NotNull(AttachmentRules.Validate(png2, new Dictionary<string, string[]>(), "a"));
    }

    [Fact]
    public void Too_many_attachments_are_refused()
    {
        var errors = new Dictionary<string, string[]>();
        AttachmentRules.Validate(Enumerable.Repeat<AttachmentForm?>(Pdf("%PDF-"u8.ToArray()), AttachmentRules.MaxFiles + 1).ToList(), errors);
        Assert.True(errors.ContainsKey("attachments"));
    }

    [Theory]
    [InlineData(null, "已受理")]
    [InlineData("Received", "已受理")]
    [InlineData("Triage", "办理中")]
    [InlineData("UnderReview", "办理中")]
    [InlineData("CorrectionRequested", "待补正")]
    [InlineData("ThirdPartyConsultation", "征求意见中")]
    [InlineData("Delivered", "已送达")]
    [InlineData("Closed", "已办结")]
    [InlineData("SomethingNew", "办理中")]
    public void Public_tracking_shows_what_concerns_the_applicant(string? caseStatus, string expected) =>
        Assert.Equal(expected, PublicStatus.For(ApplicationStatus.Registered, Guid.NewGuid(), caseStatus));

    [Theory]
    [InlineData("receipt", true)]
    [InlineData("correction-notice", true)]
    [InlineData("reply", true)]
    [InlineData("third-party-letter", false)]
    [InlineData("assist-letter", false)]
    [InlineData("something-internal", false)]
    public void Tracking_lists_only_documents_addressed_to_the_applicant(string kind, bool shown) =>
        Assert.Equal(shown, PublicStatus.IsForApplicant(kind));

    [Fact]
    public void Before_a_case_the_public_status_is_the_applications_own()
    {
        Assert.Equal(PublicStatus.AwaitingConfirmation, PublicStatus.For(ApplicationStatus.AwaitingConfirmation, null, null));
        Assert.Equal("已登记", PublicStatus.For(ApplicationStatus.Registered, null, null));
    }
}
