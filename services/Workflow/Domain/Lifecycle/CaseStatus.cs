namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>
/// Where a disclosure case stands (brief §6.4). Every way of ending a case is the single
/// <see cref="Closed"/> status plus a <see cref="ClosureReason"/>: archiving then keeps the reason, and
/// "is this case finished?" is one comparison instead of a list of terminal states.
/// A reopened case (after a reconsideration decision or a court ruling) goes back to <see cref="Triage"/>.
/// </summary>
public enum CaseStatus
{
    /// <summary>已登记: registered on its legal receipt date (Art. 31); the reply clock runs.</summary>
    Received,

    /// <summary>待补正: correction notice sent (Art. 30); the clock waits and restarts on the corrected application.</summary>
    CorrectionRequested,

    /// <summary>审查分办 (该不该): should this body handle it as an application, and how.</summary>
    Triage,

    /// <summary>检索 (有没有): searching whether the information exists and is held.</summary>
    Search,

    /// <summary>征求第三方意见 (Art. 32): the clock is paused.</summary>
    ThirdPartyConsultation,

    /// <summary>征求其他机关意见 (Arts. 34, 11): the clock is paused.</summary>
    AgencyConsultation,

    /// <summary>协办中: an internal unit is asked to help; the clock keeps running.</summary>
    Assisting,

    /// <summary>待缴费: fee notice sent; the clock is paused until payment.</summary>
    FeeNoticeIssued,

    /// <summary>待说明理由 (Art. 35): the applicant is asked to explain an excessive request.</summary>
    ExplainReasonsRequested,

    /// <summary>已拟办: a decision (reply type + annual-report row) is drafted.</summary>
    DecisionDrafted,

    /// <summary>审查审批中: confidentiality/legality review and leader approval (报批).</summary>
    UnderReview,

    /// <summary>已签发: the reply is approved and may be produced.</summary>
    Approved,

    /// <summary>文书已制作: the reply document is numbered and sealed.</summary>
    DocumentIssued,

    /// <summary>已送达: delivered with evidence; the reply clock is stopped.</summary>
    Delivered,

    /// <summary>已办结: finished; see <see cref="CaseLifecycle.ClosureReason"/> for how.</summary>
    Closed,

    /// <summary>已归档 (一案一档, Art. 45).</summary>
    Archived,
}

/// <summary>How a case was closed.</summary>
public enum ClosureReason
{
    /// <summary>答复已送达.</summary>
    Replied,

    /// <summary>当场答复 (Art. 33 para 1).</summary>
    RepliedOnTheSpot,

    /// <summary>申请人撤回.</summary>
    Withdrawn,

    /// <summary>无正当理由逾期不补正，视为放弃 (Art. 30).</summary>
    AbandonedNoCorrection,

    /// <summary>逾期未缴纳信息处理费，视为放弃 (国办函〔2020〕109号).</summary>
    AbandonedNoFee,
}

/// <summary>Every action of the state machine, so the allowed-from table and the UI's buttons share one list.</summary>
public enum CaseAction
{
    RequestCorrection,
    ReceiveCorrection,
    AbandonForNoCorrection,
    StartTriage,
    StartSearch,
    StartThirdPartyConsultation,
    StartAgencyConsultation,
    EndConsultation,
    RequestAssist,
    ReceiveAssistReply,
    IssueFeeNotice,
    RecordPayment,
    AbandonForNoFee,
    RecordLetterReceived,
    ExtendDeadline,
    RequestExplanation,
    ReceiveExplanation,
    SetReasonableDelay,
    DraftDecision,
    RequestReview,
    Approve,
    ReturnForRework,
    IssueDocument,
    Deliver,
    Close,
    Archive,
    Withdraw,
    ReplyOnTheSpot,
    Reopen,
}

/// <summary>Chinese labels for statuses, closure reasons and actions (messages and timeline).</summary>
public static class LifecycleText
{
    private static readonly Dictionary<CaseStatus, string> Statuses = new()
    {
        [CaseStatus.Received] = "已登记",
        [CaseStatus.CorrectionRequested] = "待补正",
        [CaseStatus.Triage] = "审查分办",
        [CaseStatus.Search] = "检索中",
        [CaseStatus.ThirdPartyConsultation] = "征求第三方意见",
        [CaseStatus.AgencyConsultation] = "征求其他机关意见",
        [CaseStatus.Assisting] = "协办中",
        [CaseStatus.FeeNoticeIssued] = "待缴费",
        [CaseStatus.ExplainReasonsRequested] = "待说明理由",
        [CaseStatus.DecisionDrafted] = "已拟办",
        [CaseStatus.UnderReview] = "审查审批中",
        [CaseStatus.Approved] = "已签发",
        [CaseStatus.DocumentIssued] = "文书已制作",
        [CaseStatus.Delivered] = "已送达",
        [CaseStatus.Closed] = "已办结",
        [CaseStatus.Archived] = "已归档",
    };

    private static readonly Dictionary<ClosureReason, string> Closures = new()
    {
        [ClosureReason.Replied] = "答复已送达",
        [ClosureReason.RepliedOnTheSpot] = "当场答复",
        [ClosureReason.Withdrawn] = "申请人撤回",
        [ClosureReason.AbandonedNoCorrection] = "逾期不补正，视为放弃申请",
        [ClosureReason.AbandonedNoFee] = "逾期未缴费，视为放弃申请",
    };

    private static readonly Dictionary<CaseAction, string> Actions = new()
    {
        [CaseAction.RequestCorrection] = "发出补正通知",
        [CaseAction.ReceiveCorrection] = "登记补正材料",
        [CaseAction.AbandonForNoCorrection] = "按逾期不补正办结",
        [CaseAction.StartTriage] = "开始审查分办",
        [CaseAction.StartSearch] = "开始检索",
        [CaseAction.StartThirdPartyConsultation] = "征求第三方意见",
        [CaseAction.StartAgencyConsultation] = "征求其他机关意见",
        [CaseAction.EndConsultation] = "结束征求意见",
        [CaseAction.RequestAssist] = "发起协办",
        [CaseAction.ReceiveAssistReply] = "登记协办回复",
        [CaseAction.IssueFeeNotice] = "发出收费通知",
        [CaseAction.RecordPayment] = "登记缴费",
        [CaseAction.AbandonForNoFee] = "按逾期未缴费办结",
        [CaseAction.RecordLetterReceived] = "登记文书送达日期",
        [CaseAction.ExtendDeadline] = "延长答复期限",
        [CaseAction.RequestExplanation] = "要求申请人说明理由",
        [CaseAction.ReceiveExplanation] = "登记理由说明",
        [CaseAction.SetReasonableDelay] = "确定合理的延迟答复期限",
        [CaseAction.DraftDecision] = "拟定答复意见",
        [CaseAction.RequestReview] = "提请审查审批",
        [CaseAction.Approve] = "审批签发",
        [CaseAction.ReturnForRework] = "退回重办",
        [CaseAction.IssueDocument] = "制作答复文书",
        [CaseAction.Deliver] = "登记送达",
        [CaseAction.Close] = "办结",
        [CaseAction.Archive] = "归档",
        [CaseAction.Withdraw] = "登记撤回申请",
        [CaseAction.ReplyOnTheSpot] = "当场答复",
        [CaseAction.Reopen] = "重新办理",
    };

    public static string Label(this CaseStatus status) => Statuses[status];

    public static string Label(this ClosureReason reason) => Closures[reason];

    public static string Label(this CaseAction action) => Actions[action];
}
