namespace Gongkai.Contracts;

/// <summary>
/// The result leaf rows of the annual-report table 三 (国办公开办函〔2021〕30号, brief §3.3). Of the 25 numeric
/// rows, 一, 二, （七）总计 and 四 are not results, which leaves these 21. Every closed case maps to exactly one.
/// </summary>
public enum AnnualReportOutcome
{
    Disclosed,
    PartiallyDisclosed,
    WithheldStateSecret,
    WithheldProhibitedByLaw,
    WithheldSecurityOrStability,
    WithheldThirdPartyRights,
    WithheldInternalAffairs,
    WithheldProcessInformation,
    WithheldEnforcementFile,
    WithheldAdministrativeQuery,
    UnavailableNotHeld,
    UnavailableNeedsCreation,
    UnavailableUnclearAfterCorrection,
    NotHandledPetitionOrComplaint,
    NotHandledRepeated,
    NotHandledPublication,
    NotHandledExcessive,
    NotHandledConfirmOrReissue,
    OtherNoCorrection,
    OtherNoFee,
    Other,
}

/// <summary>The six applicant columns of table 三; every applicant is in exactly one.</summary>
public enum ApplicantCategory
{
    NaturalPerson,
    CommercialEnterprise,
    ResearchInstitution,
    PublicInterestOrganization,
    LegalServiceInstitution,
    Other,
}

/// <summary>One leaf row: its group label (null for 予以公开/部分公开, which have no group) and its exact label.</summary>
public sealed record AnnualReportRow(AnnualReportOutcome Outcome, string? Group, string Label)
{
    /// <summary>"（三）不予公开 / 1.属于国家秘密", or just the label for an ungrouped row.</summary>
    public string FullLabel => Group is null ? Label : $"{Group} / {Label}";
}

/// <summary>The exact Chinese labels of the official form, so reports and UI never retype them.</summary>
public static class AnnualReportLabels
{
    private const string Withheld = "（三）不予公开";
    private const string Unavailable = "（四）无法提供";
    private const string NotHandled = "（五）不予处理";
    private const string OtherHandling = "（六）其他处理";

    public static IReadOnlyList<AnnualReportRow> Rows { get; } =
    [
        new(AnnualReportOutcome.Disclosed, null, "（一）予以公开"),
        new(AnnualReportOutcome.PartiallyDisclosed, null, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        new(AnnualReportOutcome.WithheldStateSecret, Withheld, "1.属于国家秘密"),
        new(AnnualReportOutcome.WithheldProhibitedByLaw, Withheld, "2.其他法律行政法规禁止公开"),
        new(AnnualReportOutcome.WithheldSecurityOrStability, Withheld, "3.危及“三安全一稳定”"),
        new(AnnualReportOutcome.WithheldThirdPartyRights, Withheld, "4.保护第三方合法权益"),
        new(AnnualReportOutcome.WithheldInternalAffairs, Withheld, "5.属于三类内部事务信息"),
        new(AnnualReportOutcome.WithheldProcessInformation, Withheld, "6.属于四类过程性信息"),
        new(AnnualReportOutcome.WithheldEnforcementFile, Withheld, "7.属于行政执法案卷"),
        new(AnnualReportOutcome.WithheldAdministrativeQuery, Withheld, "8.属于行政查询事项"),
        new(AnnualReportOutcome.UnavailableNotHeld, Unavailable, "1.本机关不掌握相关政府信息"),
        new(AnnualReportOutcome.UnavailableNeedsCreation, Unavailable, "2.没有现成信息需要另行制作"),
        new(AnnualReportOutcome.UnavailableUnclearAfterCorrection, Unavailable, "3.补正后申请内容仍不明确"),
        new(AnnualReportOutcome.NotHandledPetitionOrComplaint, NotHandled, "1.信访举报投诉类申请"),
        new(AnnualReportOutcome.NotHandledRepeated, NotHandled, "2.重复申请"),
        new(AnnualReportOutcome.NotHandledPublication, NotHandled, "3.要求提供公开出版物"),
        new(AnnualReportOutcome.NotHandledExcessive, NotHandled, "4.无正当理由大量反复申请"),
        new(AnnualReportOutcome.NotHandledConfirmOrReissue, NotHandled, "5.要求行政机关确认或重新出具已获取信息"),
        new(AnnualReportOutcome.OtherNoCorrection, OtherHandling, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        new(AnnualReportOutcome.OtherNoFee, OtherHandling, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        new(AnnualReportOutcome.Other, OtherHandling, "3.其他"),
    ];

    private static readonly Dictionary<AnnualReportOutcome, AnnualReportRow> ByOutcome = Rows.ToDictionary(r => r.Outcome);

    private static readonly Dictionary<ApplicantCategory, string> Categories = new()
    {
        [ApplicantCategory.NaturalPerson] = "自然人",
        [ApplicantCategory.CommercialEnterprise] = "商业企业",
        [ApplicantCategory.ResearchInstitution] = "科研机构",
        [ApplicantCategory.PublicInterestOrganization] = "社会公益组织",
        [ApplicantCategory.LegalServiceInstitution] = "法律服务机构",
        [ApplicantCategory.Other] = "其他",
    };

    public static AnnualReportRow Row(this AnnualReportOutcome outcome) => ByOutcome[outcome];

    public static string Label(this AnnualReportOutcome outcome) => ByOutcome[outcome].FullLabel;

    public static string Label(this ApplicantCategory category) => Categories[category];
}
