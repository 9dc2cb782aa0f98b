using System.Text.RegularExpressions;

namespace Gongkai.Portal;

/// <summary>The online form's fields as Intake's public API takes them, and the API's problem keys back to the fields.</summary>
public static partial class ApplicationForm
{
    /// <summary>Intake's limit per attachment (AttachmentRules.MaxFileBytes); checked here too so a large scan gets a clear answer early.</summary>
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The fields the page has; any other key of a problem is shown above the form.</summary>
    public static readonly string[] Fields =
    [
        "unitCode", "applicantKind", "applicantName", "organisationCategory", "creditCode", "contactName", "idType", "idNumber",
        "phone", "email", "address", "postalCode", "contact", "agent.name", "agent.idType", "agent.idNumber", "agent.phone",
        "description", "documentNumber", "purpose", "requestedForm", "deliveryRoute", "identityProof", "powerOfAttorney",
    ];

    /// <summary>The choices the form offers, as the API names them, with the words the applicant reads.</summary>
    public static class Choices
    {
        public static readonly (string Value, string Label)[] ApplicantKinds = [("NaturalPerson", "公民"), ("Organisation", "法人或者其他组织")];

        public static readonly (string Value, string Label)[] OrganisationCategories =
            [("CommercialEnterprise", "商业企业"), ("ResearchInstitution", "科研机构"), ("PublicInterestOrganization", "社会公益组织"),
             ("LegalServiceInstitution", "法律服务机构"), ("Other", "其他")];

        public static readonly (string Value, string Label)[] IdTypes =
            [("ResidentIdCard", "居民身份证"), ("ResidencePermitHkMoTw", "港澳台居民居住证"), ("Passport", "护照"), ("HkMacaoPermit", "港澳居民来往内地通行证"),
             ("TaiwanPermit", "台湾居民来往大陆通行证"), ("ForeignPermanentResidentId", "外国人永久居留身份证"), ("Other", "其他证件")];

        public static readonly (string Value, string Label)[] RequestedForms =
            [("Electronic", "电子文档"), ("Paper", "纸质文本"), ("Email", "电子邮件"), ("Disc", "光盘"), ("Inspection", "现场查阅")];

        public static readonly (string Value, string Label)[] DeliveryRoutes =
            [("Online", "网上获取"), ("Email", "电子邮件"), ("Post", "邮寄"), ("PickUp", "自行领取")];
    }

    public static async Task<object> FromAsync(Pages.ApplyModel.ApplicationInput input, IReadOnlyList<(IFormFile File, string Kind)> files, CancellationToken ct)
    {
        var organisation = input.ApplicantKind == "Organisation";
        var attachments = new List<object>();
        foreach (var (file, kind) in files)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, ct);
            attachments.Add(new { kind, fileName = Path.GetFileName(file.FileName), contentType = ContentTypeOf(file), contentBase64 = Convert.ToBase64String(content.ToArray()) });
        }
        return new
        {
            unitCode = Blank(input.UnitCode),
            channel = "Online",
            applicantKind = Blank(input.ApplicantKind),
            applicantName = Blank(input.ApplicantName),
            organisationCategory = organisation ? Blank(input.OrganisationCategory) : null,
            creditCode = organisation ? Blank(input.CreditCode) : null,
            contactName = organisation ? Blank(input.ContactName) : null,
            idType = organisation ? null : Blank(input.IdType),
            idNumber = organisation ? null : Blank(input.IdNumber),
            phone = Blank(input.Phone),
            email = Blank(input.Email),
            address = Blank(input.Address),
            postalCode = Blank(input.PostalCode),
            agent = input.ByAgent
                ? new { name = Blank(input.AgentName), idType = Blank(input.AgentIdType), idNumber = Blank(input.AgentIdNumber), phone = Blank(input.AgentPhone) }
                : null,
            description = Blank(input.Description),
            documentNumber = Blank(input.DocumentNumber),
            purpose = Blank(input.Purpose),
            requestedForm = Blank(input.RequestedForm),
            deliveryRoute = Blank(input.DeliveryRoute),
            attachments,
        };
    }

    /// <summary>
    /// The page's field for one of the API's problem keys: "attachments[i].x" is the i-th file sent, and "attachments"
    /// itself (a missing power of attorney) the agent's file; unknown keys belong to the form as a whole ("form").
    /// </summary>
    public static string FieldOf(string key, IReadOnlyList<string> fileFields, bool byAgent)
    {
        if (AttachmentKey().Match(key) is { Success: true } m && int.Parse(m.Groups[1].Value) is var i && i < fileFields.Count)
            return fileFields[i];
        if (key == "attachments")
            return byAgent ? "powerOfAttorney" : "identityProof";
        return Fields.Contains(key) ? key : "form";
    }

    /// <summary>The HTML id of a field ("agent.name" → "agent-name").</summary>
    public static string IdOf(string field) => field.Replace('.', '-');

    /// <summary>Browsers send OFD (the national e-document format) with no type or as octet-stream: its extension names it.</summary>
    private static string ContentTypeOf(IFormFile file) =>
        file.ContentType is { Length: > 0 } type && type != "application/octet-stream" ? type
        : Path.GetExtension(file.FileName).Equals(".ofd", StringComparison.OrdinalIgnoreCase) ? "application/ofd"
        : file.ContentType;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"^attachments\[(\d+)\]")]
    private static partial Regex AttachmentKey();
}
