namespace Gongkai.Intake.Domain;

/// <summary>Channels an application can arrive through (Art. 29, Art. 31; the city platform pushes too).</summary>
public enum Channel
{
    Online,
    InPerson,
    PostSigned,
    PostUnsigned,
    Fax,
    Email,
    OralTranscribed,
    CityPlatform,
}

public enum ApplicantKind
{
    NaturalPerson,
    Organisation,
}

/// <summary>
/// The annual report's columns for legal persons and other organisations (2021 format). The names are the
/// ones ApplicationRegistered.ApplicantCategory carries, so Workflow and Publishing parse them as they are.
/// </summary>
public enum OrganisationCategory
{
    CommercialEnterprise,
    ResearchInstitution,
    PublicInterestOrganization,
    LegalServiceInstitution,
    Other,
}

public enum IdDocumentType
{
    /// <summary>居民身份证 (18 digits, GB 11643 check digit).</summary>
    ResidentIdCard,
    /// <summary>港澳台居民居住证 (same number scheme as the resident ID, region 81/82/83).</summary>
    ResidencePermitHkMoTw,
    Passport,
    /// <summary>港澳居民来往内地通行证.</summary>
    HkMacaoPermit,
    /// <summary>台湾居民来往大陆通行证.</summary>
    TaiwanPermit,
    /// <summary>外国人永久居留身份证.</summary>
    ForeignPermanentResidentId,
    Other,
}

/// <summary>The form the applicant asks the information in (Art. 29 para 2 item 3, Art. 40).</summary>
public enum RequestedForm
{
    Paper,
    Electronic,
    Email,
    Disc,
    Inspection,
}

/// <summary>How the reply reaches the applicant (获取信息的途径).</summary>
public enum DeliveryRoute
{
    PickUp,
    Post,
    Email,
    Online,
}

/// <summary>How the unit and the applicant confirmed receipt (Art. 31 for ordinary letters, internet and fax).</summary>
public enum ConfirmationMethod
{
    Phone,
    Sms,
    Email,
    OnlineReceipt,
    Fax,
    InPerson,
    Other,
}

public enum ApplicationStatus
{
    /// <summary>Arrived, but the legal receipt date waits for the confirmation Art. 31 requires for this channel.</summary>
    AwaitingConfirmation,
    /// <summary>The legal receipt date is fixed and Workflow has been told (ApplicationRegistered).</summary>
    Registered,
}

public enum AttachmentKind
{
    /// <summary>身份证明 (ID card, business licence…).</summary>
    IdentityProof,
    /// <summary>授权委托书: required for an application by an agent.</summary>
    PowerOfAttorney,
    Other,
}

public enum FlagKind
{
    /// <summary>Same applicant, similar request within the window: Art. 35 (excessive) or Art. 36(6) (repeat) candidate.</summary>
    RepeatedByApplicant,
    /// <summary>Several applicants asked for the same subject: Art. 44 proactive-disclosure candidate.</summary>
    SameSubjectSeveralApplicants,
}

/// <summary>Chinese labels for people; the enum names stay the API's and the events' vocabulary.</summary>
public static class Labels
{
    public static string Label(this Channel channel) => channel switch
    {
        Channel.Online => "网上申请",
        Channel.InPerson => "当面提交",
        Channel.PostSigned => "邮寄（需签收）",
        Channel.PostUnsigned => "平常信函",
        Channel.Fax => "传真",
        Channel.Email => "电子邮件",
        Channel.OralTranscribed => "口头申请（代为填写）",
        Channel.CityPlatform => "市级平台转来",
        _ => channel.ToString(),
    };

    public static string Label(this OrganisationCategory category) => category switch
    {
        OrganisationCategory.CommercialEnterprise => "商业企业",
        OrganisationCategory.ResearchInstitution => "科研机构",
        OrganisationCategory.PublicInterestOrganization => "社会公益组织",
        OrganisationCategory.LegalServiceInstitution => "法律服务机构",
        OrganisationCategory.Other => "其他",
        _ => category.ToString(),
    };

    public static string Label(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.AwaitingConfirmation => "待确认收到",
        ApplicationStatus.Registered => "已登记",
        _ => status.ToString(),
    };

    public static string Label(this FlagKind kind) => kind switch
    {
        FlagKind.RepeatedByApplicant => "同一申请人重复或大量申请",
        FlagKind.SameSubjectSeveralApplicants => "多个申请人申请同一政府信息",
        _ => kind.ToString(),
    };

    /// <summary>The contract's kind; a kind added here without one fails loudly rather than going out mislabelled.</summary>
    public static Gongkai.Contracts.ApplicationFlagKind ToContract(this FlagKind kind) => kind switch
    {
        FlagKind.RepeatedByApplicant => Gongkai.Contracts.ApplicationFlagKind.RepeatedByApplicant,
        FlagKind.SameSubjectSeveralApplicants => Gongkai.Contracts.ApplicationFlagKind.SameSubjectSeveralApplicants,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No ApplicationFlagKind for this flag."),
    };

    /// <summary>The articles a flag points staff to; a flag is a candidate, never a decision.</summary>
    public static string Basis(this FlagKind kind) => kind switch
    {
        FlagKind.RepeatedByApplicant => "《政府信息公开条例》第三十五条、第三十六条第（六）项",
        FlagKind.SameSubjectSeveralApplicants => "《政府信息公开条例》第四十四条",
        _ => "",
    };
}
