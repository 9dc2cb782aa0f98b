using Gongkai.Contracts;

namespace Gongkai.Intake.Domain;

/// <summary>
/// What the public tracking page says about an application. Workflow's internal steps (triage, search,
/// drafting, review, sign-off) all read “办理中”: the applicant learns where the case stands as far as it
/// concerns them (correction, consultation, fees, reply, delivery), not the unit's internal routing.
/// </summary>
public static class PublicStatus
{
    public const string AwaitingConfirmation = "已提交，待工作机构确认收到";
    public const string Registered = "已登记";
    public const string Accepted = "已受理";
    public const string InProgress = "办理中";

    /// <summary>The label for Workflow's CaseStatus name; unknown names (a newer Workflow) read “办理中”.</summary>
    public static string ForCaseStatus(string? status) => status switch
    {
        null or "Received" => Accepted,
        "CorrectionRequested" => "待补正",
        "ThirdPartyConsultation" or "AgencyConsultation" => "征求意见中",
        "FeeNoticeIssued" => "待缴纳信息处理费",
        "ExplainReasonsRequested" => "待申请人说明理由",
        "DocumentIssued" => "已作出答复，待送达",
        "Delivered" => "已送达",
        "Closed" or "Archived" => "已办结",
        _ => InProgress,
    };

    /// <summary>
    /// Documents addressed to the applicant. Letters to third parties, other agencies or assisting units are
    /// the unit's correspondence, not the applicant's, and stay off the tracking page (as do kinds not known here).
    /// </summary>
    private static readonly HashSet<string> ApplicantDocumentKinds =
    [
        DocumentKinds.Receipt, DocumentKinds.CorrectionNotice, DocumentKinds.ExplainReasonsNotice, DocumentKinds.ExtensionNotice,
        DocumentKinds.ThirdPartyApplicantNotice, DocumentKinds.FeeNotice, DocumentKinds.Reply,
    ];

    public static bool IsForApplicant(string documentKind) => ApplicantDocumentKinds.Contains(documentKind);

    public static string For(ApplicationStatus status, Guid? caseId, string? caseStatus) =>
        status == ApplicationStatus.AwaitingConfirmation ? AwaitingConfirmation
        : caseId is null && caseStatus is null ? Registered
        : ForCaseStatus(caseStatus);
}
