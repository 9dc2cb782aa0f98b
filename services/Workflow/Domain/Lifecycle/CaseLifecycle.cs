using AnnualReportOutcome = Gongkai.Contracts.AnnualReportOutcome;
using ApplicantCategory = Gongkai.Contracts.ApplicantCategory;
using static Gongkai.Contracts.AnnualReportLabels;
using CaseSupervisionFacts = Gongkai.Contracts.CaseSupervisionFacts;
using CountedHandling = Gongkai.Contracts.CountedHandling;
using KeyDomains = Gongkai.Contracts.KeyDomains;
using static Gongkai.Workflow.Domain.Lifecycle.CaseStatus;

namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>
/// The statutory life of one disclosure application (Chapter 4 of the Regulation; brief §1.5–1.12, §6).
/// One method per action; each either throws a <see cref="CaseLifecycleException"/> carrying the current
/// status and leaves everything unchanged, or changes the state and appends one <see cref="TimelineEntry"/>.
/// <para>
/// Persistence-friendly on purpose: state is in simple properties and collections (EF Core can map them
/// as owned types), there is no clock inside: statutory dates come in as <see cref="DateOnly"/>, the
/// moment of recording as <see cref="DateTimeOffset"/>, and the working-day calendar as an argument.
/// </para>
/// </summary>
public sealed class CaseLifecycle
{
    public const int CorrectionNoticeWorkingDays = 7;   // Art. 30: notify within 7 working days of receipt
    public const int ThirdPartyAnswerWorkingDays = 15;  // Art. 32
    public const int AgencyAnswerWorkingDays = 15;      // Art. 34
    public const int FeePaymentWorkingDays = 20;        // 109号: 20 working days from the day after receipt
    public const int DefaultAssistWorkingDays = 5;      // Songjiang practice, local, not law

    /// <summary>Statuses handlers work in; consultations and fee notices start from (and return to) these.</summary>
    private static readonly CaseStatus[] Working = [Triage, Search, DecisionDrafted];

    /// <summary>Everything open before the reply document exists: a withdrawal or an extension still makes sense.</summary>
    private static readonly CaseStatus[] BeforeDocument =
    [
        Received, CorrectionRequested, Triage, Search, ThirdPartyConsultation, AgencyConsultation, Assisting,
        FeeNoticeIssued, ExplainReasonsRequested, DecisionDrafted, UnderReview, Approved,
    ];

    private static readonly Dictionary<CaseAction, CaseStatus[]> AllowedFrom = new()
    {
        [CaseAction.RequestCorrection] = [Received, Triage],
        [CaseAction.ReceiveCorrection] = [CorrectionRequested],
        [CaseAction.AbandonForNoCorrection] = [CorrectionRequested],
        [CaseAction.StartTriage] = [Received],
        [CaseAction.StartSearch] = [Triage],
        [CaseAction.StartThirdPartyConsultation] = Working,
        [CaseAction.StartAgencyConsultation] = Working,
        [CaseAction.EndConsultation] = [ThirdPartyConsultation, AgencyConsultation],
        [CaseAction.RequestAssist] = [Triage, Search],
        [CaseAction.ReceiveAssistReply] = [Assisting],
        // After approval too: a by-volume fee is known only once the pages to provide are settled.
        [CaseAction.IssueFeeNotice] = [.. Working, Approved],
        [CaseAction.RecordPayment] = [FeeNoticeIssued],
        [CaseAction.AbandonForNoFee] = [FeeNoticeIssued],
        [CaseAction.RecordLetterReceived] = [CorrectionRequested, ThirdPartyConsultation, AgencyConsultation, FeeNoticeIssued, ExplainReasonsRequested],
        // Not while awaiting correction: the clock restarts on the corrected application anyway.
        [CaseAction.ExtendDeadline] = [.. BeforeDocument.Where(s => s != CorrectionRequested)],
        [CaseAction.RequestExplanation] = [Triage, Search],
        [CaseAction.ReceiveExplanation] = [ExplainReasonsRequested],
        [CaseAction.SetReasonableDelay] = [ExplainReasonsRequested, .. Working],
        [CaseAction.DraftDecision] = Working,
        [CaseAction.RequestReview] = [DecisionDrafted],
        [CaseAction.Approve] = [UnderReview],
        [CaseAction.ReturnForRework] = [UnderReview, Approved],
        [CaseAction.IssueDocument] = [Approved],
        [CaseAction.Deliver] = [DocumentIssued],
        [CaseAction.Close] = [Delivered],
        [CaseAction.Archive] = [Closed],
        [CaseAction.Withdraw] = BeforeDocument,
        [CaseAction.ReplyOnTheSpot] = [Received, Triage],
        [CaseAction.Reopen] = [Closed, Archived],
    };

    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<PendingRequest> _requests = [];
    private readonly List<CountedHandling> _earlierHandlings = [];

    private CaseLifecycle() { }

    public CaseStatus Status { get; private set; }
    public ClosureReason? ClosureReason { get; private set; }

    /// <summary>Where a waiting status (consultation, fee, assist, explanation) returns when it ends.</summary>
    public CaseStatus? ResumeTo { get; private set; }

    public ApplicantCategory ApplicantCategory { get; private set; }

    /// <summary>Legal receipt date (Art. 31) of the original application.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public bool CountStartDay { get; private set; }

    /// <summary>Art. 30: the body's own duty to send any correction notice by this date.</summary>
    public DateOnly CorrectionNoticeDue { get; private set; }

    public ReplyClock Clock { get; private set; } = null!;
    public Decision? Decision { get; private set; }
    public FeeNotice? Fee { get; private set; }
    public DateOnly? FeePaidOn { get; private set; }
    public string? ApprovedBy { get; private set; }
    public string? DocumentNumber { get; private set; }
    public DateOnly? DocumentIssuedOn { get; private set; }
    public Delivery? Delivery { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public int ReopenCount { get; private set; }

    /// <summary>The key domain (<see cref="KeyDomains"/>) suggested from the description at registration, or confirmed by a person.</summary>
    public string? DomainCode { get; private set; }
    public bool DomainConfirmed { get; private set; }

    /// <summary>Times the review sent the draft reply back for rework (the district's supervision counts them).</summary>
    public int ReviewReturns { get; private set; }

    /// <summary>Grows with every recorded action: the newest counting facts win whatever order they arrive in.</summary>
    public long Revision { get; private set; }

    /// <summary>
    /// Set when a ruling reopened a case whose earlier result an earlier year's report had counted: the new handling
    /// counts from the day the ruling was received. Null while the case counts from its legal receipt date.
    /// </summary>
    public DateOnly? CountedFromRuling { get; private set; }

    /// <summary>Every letter or notice the case waited on, oldest first.</summary>
    public IReadOnlyList<PendingRequest> Requests => _requests;

    public PendingRequest? OpenRequest => _requests.LastOrDefault(r => r.IsOpen);
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;
    public bool IsClosed => Status is Closed or Archived;

    /// <summary>The annual-report cell this case counts in, once it is closed: one leaf row × one applicant column.</summary>
    public (AnnualReportOutcome Outcome, ApplicantCategory Applicant)? AnnualReportCell =>
        IsClosed && Decision is { } d ? (d.Outcome, ApplicantCategory) : null;

    /// <summary>
    /// What the annual report's table 三 counts for this case: the earlier handlings reported in earlier years, then the
    /// current one with its result once closed.
    /// </summary>
    public IReadOnlyList<CountedHandling> CountedHandlings =>
        [.. _earlierHandlings, new CountedHandling(CountedFromRuling ?? ReceivedOn, IsClosed ? ClosedOn : null, IsClosed ? Decision?.Outcome : null)];

    public static CaseLifecycle Open(DateOnly receivedOn, ApplicantCategory applicant, bool countStartDay, WorkingDayCalendar calendar,
        DateTimeOffset at, string actor)
    {
        var lifecycle = new CaseLifecycle
        {
            Status = Received,
            ApplicantCategory = applicant,
            ReceivedOn = receivedOn,
            CountStartDay = countStartDay,
            CorrectionNoticeDue = calendar.Due(receivedOn, CorrectionNoticeWorkingDays, countStartDay),
            Clock = ReplyClock.Start(receivedOn, ClockStartCause.ApplicationReceived, countStartDay, calendar),
        };
        lifecycle.Record(at, "opened", $"登记受理，法定收到申请日 {receivedOn:yyyy-MM-dd}，答复期限 {lifecycle.DueText()}，" +
            $"如需补正应于 {lifecycle.CorrectionNoticeDue:yyyy-MM-dd} 前一次性告知。", actor);
        return lifecycle;
    }

    // ---- 所属领域 (the district counts applications by key domain) ------------------------------------

    /// <summary>Intake's suggestion from the description; a person's confirmation is never overwritten by one.</summary>
    public void SuggestDomain(string? code)
    {
        if (!DomainConfirmed && KeyDomains.Find(code) is not null)
            DomainCode = code;
    }

    /// <summary>A person confirms (or corrects) the domain, in any state: it is a fact for statistics, not a step of the procedure.</summary>
    public void ConfirmDomain(string code, DateTimeOffset at, string actor)
    {
        var domain = KeyDomains.Find(code) ?? throw Rule($"没有代码为“{code}”的重点领域。");
        if (DomainConfirmed && DomainCode == code)
            return;
        DomainCode = code;
        DomainConfirmed = true;
        Record(at, "domain-confirmed", $"确认所属领域：{domain.Name}。", actor);
    }

    /// <summary>The facts the district's supervision counts, current as of <see cref="Revision"/>.</summary>
    public CaseSupervisionFacts SupervisionFacts => new(
        ReceivedOn, Clock.Due, Clock.StoppedOn, Clock.WorkingDaysTaken, Clock.Extension is not null,
        _requests.Count(r => r.Kind == RequestKind.Correction), ReviewReturns, DomainCode, DomainConfirmed);

    // ---- Queries -------------------------------------------------------------------------------

    public IReadOnlyList<CaseAction> AvailableActions() =>
        AllowedFrom.Where(kv => kv.Value.Contains(Status) && Guard(kv.Key) is null).Select(kv => kv.Key).ToList();

    public int RemainingWorkingDays(DateOnly today, WorkingDayCalendar calendar) => Clock.RemainingWorkingDays(today, calendar);

    public bool IsOverdue(DateOnly today) => Clock.IsOverdue(today);

    public IReadOnlyList<string> ExplainDeadline(WorkingDayCalendar calendar) => Clock.Explain(calendar);

    /// <summary>Recomputes every stored due date, e.g. after a year's holiday schedule was entered.</summary>
    public void RecomputeDeadlines(WorkingDayCalendar calendar)
    {
        CorrectionNoticeDue = calendar.Due(ReceivedOn, CorrectionNoticeWorkingDays, CountStartDay);
        Clock.Recompute(calendar);
        foreach (var request in _requests.Where(r => r.IsOpen))
            request.Recompute(calendar);
    }

    // ---- 补正 (Art. 30) ---------------------------------------------------------------------------

    /// <summary>
    /// Sends the one-time correction notice. The period is the body's "reasonable period", counted from the
    /// applicant's receipt of the notice (<paramref name="noticeReceivedOn"/>, or later via
    /// <see cref="RecordLetterReceived"/>). The reply clock waits: it restarts on the corrected application.
    /// </summary>
    public void RequestCorrection(string itemsToCorrect, int periodWorkingDays, DateOnly noticeSentOn, DateOnly? noticeReceivedOn,
        WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.RequestCorrection);
        if (string.IsNullOrWhiteSpace(itemsToCorrect))
            throw Rule("补正通知须一次性列明需要补正的全部事项（条例第三十条）。");
        if (periodWorkingDays <= 0)
            throw Rule("请设定合理的补正期限（工作日数须大于零）。");
        var request = PendingRequest.Create(RequestKind.Correction, "申请人", itemsToCorrect, noticeSentOn, noticeReceivedOn,
            periodWorkingDays, CountStartDay, calendar);
        OnClock(() => Clock.Pause(noticeSentOn, PauseCause.AwaitingCorrection, "", calendar));
        _requests.Add(request);
        Status = CorrectionRequested;
        var late = noticeSentOn > CorrectionNoticeDue ? $"（已超过 {CorrectionNoticeDue:yyyy-MM-dd} 的法定告知期限）" : "";
        Record(at, "correction-requested", $"{noticeSentOn:yyyy-MM-dd} 发出补正通知{late}，补正期限 {periodWorkingDays} 个工作日，" +
            $"至 {DueOf(request)}；补正事项：{itemsToCorrect}", actor);
    }

    /// <summary>The corrected application arrived: the reply clock restarts from that day (Art. 30).</summary>
    public void ReceiveCorrection(DateOnly receivedOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.ReceiveCorrection);
        var request = OpenRequestOf(RequestKind.Correction);
        if (receivedOn < request.SentOn)
            throw Rule($"补正收到日 {receivedOn:yyyy-MM-dd} 早于补正通知发出日 {request.SentOn:yyyy-MM-dd}。");
        var late = request.ReceivedOn is not null && request.HasLapsed(receivedOn) ? "（逾期补正，已接受）" : "";
        OnClock(() => Clock.Restart(receivedOn, ClockStartCause.CorrectionReceived, calendar));
        request.Close(receivedOn, "已补正");
        Status = Triage;
        Record(at, "correction-received", $"{receivedOn:yyyy-MM-dd} 收到补正后的申请{late}，答复期限自该日重新计算，至 {DueText()}。", actor);
    }

    /// <summary>Art. 30: the correction period ran out without good reason; deemed abandoned, row （六）1.</summary>
    public void AbandonForNoCorrection(DateOnly today, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.AbandonForNoCorrection);
        var request = OpenRequestOf(RequestKind.Correction);
        RequireLapsed(request, today, "补正");
        request.Close(today, "逾期未补正");
        CloseWithoutReply(new Decision(ReplyType.AbandonedNoCorrection, AnnualReportOutcome.OtherNoCorrection,
            $"补正期限 {request.Due:yyyy-MM-dd} 届满，申请人无正当理由逾期未补正，视为放弃申请。"),
            Lifecycle.ClosureReason.AbandonedNoCorrection, today, calendar);
        Record(at, "abandoned-no-correction", $"补正期限 {request.Due:yyyy-MM-dd} 已届满未补正，视为放弃申请，不再处理（年报：{Decision!.Outcome.Label()}）。", actor);
    }

    // ---- 该不该 / 有没有 -----------------------------------------------------------------------

    public void StartTriage(DateTimeOffset at, string actor)
    {
        Require(CaseAction.StartTriage);
        Status = Triage;
        Record(at, "triage-started", "开始审查分办（是否属于本机关政府信息公开申请、如何处理）。", actor);
    }

    public void StartSearch(DateTimeOffset at, string actor)
    {
        Require(CaseAction.StartSearch);
        Status = Search;
        Record(at, "search-started", "开始检索，确认信息是否存在、是否由本机关制作或保存。", actor);
    }

    // ---- Consultations (Arts. 32, 34; Art. 33 para 3: not counted) -----------------------------

    public void StartThirdPartyConsultation(string thirdParty, DateOnly letterSentOn, DateOnly? letterReceivedOn,
        WorkingDayCalendar calendar, DateTimeOffset at, string actor) =>
        StartConsultation(CaseAction.StartThirdPartyConsultation, RequestKind.ThirdPartyOpinion, PauseCause.ThirdPartyConsultation,
            ThirdPartyConsultation, ThirdPartyAnswerWorkingDays, thirdParty, letterSentOn, letterReceivedOn, calendar, at, actor);

    public void StartAgencyConsultation(string agency, DateOnly letterSentOn, DateOnly? letterReceivedOn,
        WorkingDayCalendar calendar, DateTimeOffset at, string actor) =>
        StartConsultation(CaseAction.StartAgencyConsultation, RequestKind.AgencyOpinion, PauseCause.AgencyConsultation,
            AgencyConsultation, AgencyAnswerWorkingDays, agency, letterSentOn, letterReceivedOn, calendar, at, actor);

    /// <summary>
    /// The opinion arrived (or the body stops waiting after the 15 days). The clock resumes: the remaining
    /// working days are counted from the day after <paramref name="answeredOn"/>.
    /// </summary>
    public void EndConsultation(DateOnly answeredOn, string opinion, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.EndConsultation);
        var kind = Status == ThirdPartyConsultation ? RequestKind.ThirdPartyOpinion : RequestKind.AgencyOpinion;
        var request = OpenRequestOf(kind);
        if (answeredOn < request.SentOn)
            throw Rule($"答复日 {answeredOn:yyyy-MM-dd} 早于征求意见函发出日 {request.SentOn:yyyy-MM-dd}。");
        var lapse = !request.HasLapsed(answeredOn) ? ""
            : kind == RequestKind.ThirdPartyOpinion ? "（第三方逾期未提出意见，由本机关依照条例规定决定）"
            : "（逾期未提出意见，视为同意公开，条例第三十四条）";
        OnClock(() => Clock.Resume(answeredOn, calendar));
        request.Close(answeredOn, opinion);
        EndWait();
        Record(at, "consultation-ended", $"{answeredOn:yyyy-MM-dd} 结束征求{PendingRequest.Text(kind)}{lapse}，答复期限恢复计算，至 {DueText()}。",
            actor, opinion);
    }

    // ---- 协办 (internal; the clock keeps running) -------------------------------------------------

    public void RequestAssist(string unit, string question, DateOnly sentOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor,
        int answerWithinWorkingDays = DefaultAssistWorkingDays)
    {
        Require(CaseAction.RequestAssist);
        if (answerWithinWorkingDays <= 0)
            throw Rule("协办答复期限须大于零个工作日。");
        var request = PendingRequest.Create(RequestKind.Assist, unit, question, sentOn, sentOn, answerWithinWorkingDays, CountStartDay, calendar);
        _requests.Add(request);
        Wait(Assisting);
        Record(at, "assist-requested", $"{sentOn:yyyy-MM-dd} 请 {unit} 协办，请于 {request.Due:yyyy-MM-dd} 前回复（内部协办，答复期限照常计算）。", actor, question);
    }

    public void ReceiveAssistReply(DateOnly answeredOn, string reply, DateTimeOffset at, string actor)
    {
        Require(CaseAction.ReceiveAssistReply);
        var request = OpenRequestOf(RequestKind.Assist);
        request.Close(answeredOn, reply);
        EndWait();
        Record(at, "assist-replied", $"{answeredOn:yyyy-MM-dd} 收到 {request.Party} 协办回复。", actor, reply);
    }

    // ---- 信息处理费 (Art. 42; 国办函〔2020〕109号) -------------------------------------------------

    /// <summary>
    /// Sends the fee notice; the clock pauses from <paramref name="issuedOn"/> until payment. Payment is due
    /// 20 working days counted from the day after the applicant receives the notice.
    /// </summary>
    public void IssueFeeNotice(FeeQuote fee, DateOnly issuedOn, DateOnly? noticeReceivedOn, WorkingDayCalendar calendar,
        DateTimeOffset at, string actor)
    {
        Require(CaseAction.IssueFeeNotice);
        if (fee.Amount <= 0)
            throw Rule("收费金额为零，无需发出收费通知。");
        // "次日起" is the rule's own wording, so the receipt day never counts, whatever the tenant's convention.
        var request = PendingRequest.Create(RequestKind.FeePayment, "申请人", fee.Explain(), issuedOn, noticeReceivedOn,
            FeePaymentWorkingDays, countStartDay: false, calendar);
        OnClock(() => Clock.Pause(issuedOn, PauseCause.FeeNotice, $"{fee.Amount:0} 元", calendar));
        _requests.Add(request);
        Fee = new FeeNotice(fee.Method, fee.Amount, fee.Explain(), issuedOn);
        Wait(FeeNoticeIssued);
        Record(at, "fee-notice-issued", $"{issuedOn:yyyy-MM-dd} 发出收费通知，金额 {fee.Amount:0} 元，缴费期限至 {DueOf(request)}；答复期限暂停。",
            actor, fee.Explain());
    }

    public void RecordPayment(DateOnly paidOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.RecordPayment);
        var request = OpenRequestOf(RequestKind.FeePayment);
        if (paidOn < request.SentOn)
            throw Rule($"缴费日 {paidOn:yyyy-MM-dd} 早于收费通知发出日 {request.SentOn:yyyy-MM-dd}。");
        var late = request.ReceivedOn is not null && request.HasLapsed(paidOn) ? "（逾期缴费，已接受）" : "";
        OnClock(() => Clock.Resume(paidOn, calendar));
        request.Close(paidOn, "已缴费");
        FeePaidOn = paidOn;
        EndWait();
        Record(at, "fee-paid", $"{paidOn:yyyy-MM-dd} 申请人缴费{late}，答复期限恢复计算，至 {DueText()}。", actor);
    }

    /// <summary>109号: not paid within the period; deemed abandoned, row （六）2.</summary>
    public void AbandonForNoFee(DateOnly today, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.AbandonForNoFee);
        var request = OpenRequestOf(RequestKind.FeePayment);
        RequireLapsed(request, today, "缴费");
        request.Close(today, "逾期未缴费");
        CloseWithoutReply(new Decision(ReplyType.AbandonedNoFee, AnnualReportOutcome.OtherNoFee,
            $"缴费期限 {request.Due:yyyy-MM-dd} 届满，申请人逾期未缴纳信息处理费，视为放弃申请。"),
            Lifecycle.ClosureReason.AbandonedNoFee, today, calendar);
        Record(at, "abandoned-no-fee", $"缴费期限 {request.Due:yyyy-MM-dd} 已届满未缴费，视为放弃申请，不再处理（年报：{Decision!.Outcome.Label()}）。", actor);
    }

    /// <summary>The other side's receipt date of the open letter or notice became known; its due date is recounted.</summary>
    public void RecordLetterReceived(DateOnly receivedOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.RecordLetterReceived);
        var request = OpenRequest ?? throw Rule("没有待回复的通知或函件。");
        if (receivedOn < request.SentOn)
            throw Rule($"送达日 {receivedOn:yyyy-MM-dd} 早于发出日 {request.SentOn:yyyy-MM-dd}。");
        request.MarkReceived(receivedOn, calendar);
        Record(at, "letter-received", $"{PendingRequest.Text(request.Kind)}通知/函件于 {receivedOn:yyyy-MM-dd} 送达 {request.Party}，期限至 {request.Due:yyyy-MM-dd}。", actor);
    }

    // ---- 延期 (Art. 33 para 2) and 合理延迟 (Art. 35) ---------------------------------------------

    /// <summary>Once per reply clock, at most 20 working days, approved by the head of the disclosure work unit.</summary>
    public void ExtendDeadline(string approver, int workingDays, string reason, DateOnly decidedOn, WorkingDayCalendar calendar,
        DateTimeOffset at, string actor)
    {
        Require(CaseAction.ExtendDeadline);
        OnClock(() => Clock.Extend(workingDays, decidedOn, approver, reason, calendar));
        Record(at, "deadline-extended", $"经{approver}同意，答复期限延长 {workingDays} 个工作日，至 {DueText()}；应书面告知申请人（延期答复告知书）。",
            actor, reason);
    }

    /// <summary>Art. 35: asks the applicant to explain an excessive request. The clock keeps running (see report).</summary>
    public void RequestExplanation(string why, int replyWithinWorkingDays, DateOnly sentOn, DateOnly? receivedOn,
        WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.RequestExplanation);
        if (replyWithinWorkingDays <= 0)
            throw Rule("说明理由的期限须大于零个工作日。");
        var request = PendingRequest.Create(RequestKind.Explanation, "申请人", why, sentOn, receivedOn, replyWithinWorkingDays, CountStartDay, calendar);
        _requests.Add(request);
        Wait(ExplainReasonsRequested);
        Record(at, "explanation-requested", $"{sentOn:yyyy-MM-dd} 依条例第三十五条要求申请人说明理由，期限至 {DueOf(request)}。", actor, why);
    }

    /// <summary>Records the explanation, or that none came by the end of the period; the handler then judges it.</summary>
    public void ReceiveExplanation(DateOnly on, string summary, DateTimeOffset at, string actor)
    {
        Require(CaseAction.ReceiveExplanation);
        var request = OpenRequestOf(RequestKind.Explanation);
        request.Close(on, summary);
        EndWait();
        Record(at, "explanation-received", $"{on:yyyy-MM-dd} 登记申请人理由说明情况。", actor, summary);
    }

    /// <summary>
    /// Art. 35: the reasons are reasonable but the deadline cannot be met, so the body sets a later due
    /// date and tells the applicant. From <see cref="ExplainReasonsRequested"/> this also ends the wait.
    /// </summary>
    public void SetReasonableDelay(DateOnly until, string reason, DateOnly decidedOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.SetReasonableDelay);
        OnClock(() => Clock.DelayUntil(until, decidedOn, reason, calendar));
        if (Status == ExplainReasonsRequested)
        {
            OpenRequestOf(RequestKind.Explanation).Close(decidedOn, "理由成立");
            EndWait();
        }
        Record(at, "reasonable-delay-set", $"依条例第三十五条确定延迟答复的合理期限至 {until:yyyy-MM-dd}，并告知申请人。", actor, reason);
    }

    // ---- 拟办、审查、签发、制作、送达 --------------------------------------------------------------

    public void DraftDecision(Decision decision, DateTimeOffset at, string actor)
    {
        Require(CaseAction.DraftDecision);
        CheckDecision(decision);
        Decision = decision;
        Status = DecisionDrafted;
        Record(at, "decision-drafted", $"拟办意见：{decision.ReplyType.Label()}（{decision.ReplyType.LegalBasis()}），年报计入“{decision.Outcome.Label()}”。",
            actor, NullIfEmpty(decision.Reasons));
    }

    public void RequestReview(DateTimeOffset at, string actor)
    {
        Require(CaseAction.RequestReview);
        Status = UnderReview;
        Record(at, "review-requested", "答复意见已提请审查审批（保密/合法性审查、负责人签发）。", actor);
    }

    public void Approve(DateTimeOffset at, string actor)
    {
        Require(CaseAction.Approve);
        ApprovedBy = actor;
        Status = Approved;
        Record(at, "approved", $"{actor} 审批同意答复意见。", actor);
    }

    /// <summary>The reviewer or the signing leader sends it back: the handler reworks it and must draft again.</summary>
    public void ReturnForRework(string reasons, DateTimeOffset at, string actor)
    {
        Require(CaseAction.ReturnForRework);
        if (string.IsNullOrWhiteSpace(reasons))
            throw Rule("退回重办须说明理由。");
        ApprovedBy = null;
        Status = Search;
        ReviewReturns++;
        Record(at, "returned-for-rework", "答复意见被退回重办。", actor, reasons);
    }

    public void IssueDocument(string documentNumber, DateOnly issuedOn, DateTimeOffset at, string actor)
    {
        Require(CaseAction.IssueDocument);
        if (string.IsNullOrWhiteSpace(documentNumber))
            throw Rule("答复文书须有文号。");
        DocumentNumber = documentNumber;
        DocumentIssuedOn = issuedOn;
        Status = DocumentIssued;
        Record(at, "document-issued", $"{issuedOn:yyyy-MM-dd} 制作答复文书 {documentNumber}。", actor);
    }

    /// <summary>Delivery is the reply in law: the clock stops that day, and a late reply is flagged.</summary>
    public void Deliver(DeliveryMethod method, DateOnly deliveredOn, string evidenceRef, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.Deliver);
        if (!Enum.IsDefined(method))
            throw Rule("送达方式不是规定的取值。");
        if (string.IsNullOrWhiteSpace(evidenceRef))
            throw Rule("请登记送达凭证（送达回证、邮寄单号、发送记录等）。");
        if (DocumentIssuedOn is { } issued && deliveredOn < issued)
            throw Rule($"送达日 {deliveredOn:yyyy-MM-dd} 早于文书制作日 {issued:yyyy-MM-dd}。");
        var late = Clock.IsOverdue(deliveredOn);
        OnClock(() => Clock.Stop(deliveredOn, calendar));
        Delivery = new Delivery(method, deliveredOn, evidenceRef, late);
        Status = Delivered;
        Record(at, "delivered", $"{deliveredOn:yyyy-MM-dd} 以{method.Label()}方式送达（凭证 {evidenceRef}）" +
            (late ? $"，已超过答复期限 {Clock.Due:yyyy-MM-dd}。" : "，在答复期限内。"), actor);
    }

    /// <summary>Only a delivered reply closes normally; without a decision there is nothing to count in the report.</summary>
    public void Close(DateOnly closedOn, DateTimeOffset at, string actor)
    {
        if (Decision is null)
            throw Rule("尚未作出答复决定（答复类型及年报办理结果），不能办结。");
        Require(CaseAction.Close);
        ClosedOn = closedOn;
        ClosureReason = Lifecycle.ClosureReason.Replied;
        Status = Closed;
        Record(at, "closed", $"{closedOn:yyyy-MM-dd} 办结，年报计入“{Decision.Outcome.Label()}”（{ApplicantCategory.Label()}）。", actor);
    }

    public void Archive(DateTimeOffset at, string actor)
    {
        Require(CaseAction.Archive);
        Status = Archived;
        Record(at, "archived", "案卷已归档（一案一档）。", actor);
    }

    // ---- 撤回、当场答复、重新办理 -------------------------------------------------------------------

    /// <summary>
    /// The applicant withdraws. The brief has no row for this; its "anything else" row is （六）3 其他, so
    /// that is where it counts.
    /// </summary>
    public void Withdraw(DateOnly withdrawnOn, string reason, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.Withdraw);
        OpenRequest?.Close(withdrawnOn, "申请人撤回");
        CloseWithoutReply(new Decision(ReplyType.Withdrawn, AnnualReportOutcome.Other, reason), Lifecycle.ClosureReason.Withdrawn, withdrawnOn, calendar);
        Record(at, "withdrawn", $"{withdrawnOn:yyyy-MM-dd} 申请人撤回申请，终止办理（年报：{Decision!.Outcome.Label()}）。", actor, NullIfEmpty(reason));
    }

    /// <summary>Art. 33 para 1: answered on the spot; decided, delivered in person and closed in one step.</summary>
    public void ReplyOnTheSpot(Decision decision, DateOnly repliedOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(CaseAction.ReplyOnTheSpot);
        CheckDecision(decision);
        OnClock(() => Clock.Stop(repliedOn, calendar));
        Decision = decision;
        Delivery = new Delivery(DeliveryMethod.InPerson, repliedOn, "当场答复", Late: false);
        ClosedOn = repliedOn;
        ClosureReason = Lifecycle.ClosureReason.RepliedOnTheSpot;
        Status = Closed;
        Record(at, "replied-on-the-spot", $"{repliedOn:yyyy-MM-dd} 当场答复：{decision.ReplyType.Label()}，年报计入“{decision.Outcome.Label()}”。",
            actor, NullIfEmpty(decision.Reasons));
    }

    /// <summary>
    /// A reconsideration decision or court ruling orders a new reply: back to triage with a fresh clock from
    /// the day the ruling was received (20 working days, or the period the ruling set).
    /// </summary>
    public void Reopen(DateOnly rulingReceivedOn, string reason, WorkingDayCalendar calendar, DateTimeOffset at, string actor,
        int replyWorkingDays = ReplyClock.StatutoryWorkingDays)
    {
        Require(CaseAction.Reopen);
        if (string.IsNullOrWhiteSpace(reason))
            throw Rule("请填写重新办理的依据（复议决定书或裁判文书及其要求）。");
        if (ClosedOn is { } closed && rulingReceivedOn < closed)
            throw Rule($"收到复议决定或裁判文书之日 {rulingReceivedOn:yyyy-MM-dd} 早于本案办结日 {closed:yyyy-MM-dd}。");
        var superseded = Decision;
        OnClock(() => Clock.Restart(rulingReceivedOn, ClockStartCause.RulingReceived, calendar, replyWorkingDays));
        // A result of an earlier year stays in that year's report, and the new reply is that year's new handling. A
        // result of the same year was never reported: the new one replaces it and the case keeps counting as before.
        if (ClosedOn is { } closedOn && superseded is not null && closedOn.Year < rulingReceivedOn.Year)
        {
            _earlierHandlings.Add(new CountedHandling(CountedFromRuling ?? ReceivedOn, closedOn, superseded.Outcome));
            CountedFromRuling = rulingReceivedOn;
        }
        Decision = null;
        ApprovedBy = null;
        DocumentNumber = null;
        DocumentIssuedOn = null;
        Delivery = null;
        ClosedOn = null;
        ClosureReason = null;
        ResumeTo = null;
        ReopenCount++;
        Status = Triage;
        Record(at, "reopened", $"{rulingReceivedOn:yyyy-MM-dd} 收到复议决定或裁判文书，重新办理；原答复“{superseded?.ReplyType.Label()}”" +
            $"（年报“{superseded?.Outcome.Label()}”）不再有效；答复期限 {replyWorkingDays} 个工作日，至 {DueText()}。", actor, reason);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void StartConsultation(CaseAction action, RequestKind kind, PauseCause cause, CaseStatus waiting, int answerDays,
        string party, DateOnly sentOn, DateOnly? receivedOn, WorkingDayCalendar calendar, DateTimeOffset at, string actor)
    {
        Require(action);
        if (string.IsNullOrWhiteSpace(party))
            throw Rule("请填写被征求意见的单位或个人。");
        var request = PendingRequest.Create(kind, party, "", sentOn, receivedOn, answerDays, CountStartDay, calendar);
        OnClock(() => Clock.Pause(sentOn, cause, party, calendar));
        _requests.Add(request);
        Wait(waiting);
        Record(at, kind == RequestKind.ThirdPartyOpinion ? "third-party-consultation-started" : "agency-consultation-started",
            $"{sentOn:yyyy-MM-dd} 书面征求 {party} 意见，请于 {DueOf(request)} 前答复；征求意见期间不计入答复期限（条例第三十三条第三款）。", actor);
    }

    private void CloseWithoutReply(Decision decision, ClosureReason reason, DateOnly on, WorkingDayCalendar calendar)
    {
        OnClock(() => Clock.Stop(on, calendar));
        Decision = decision;
        ClosedOn = on;
        ClosureReason = reason;
        ResumeTo = null;
        Status = Closed;
    }

    private void CheckDecision(Decision decision)
    {
        var problems = DecisionRules.Problems(decision).ToList();
        // The row means "still unclear after correction": there must have been one.
        if (decision.ReplyType == ReplyType.UnclearAfterCorrection &&
            !_requests.Any(r => r.Kind == RequestKind.Correction && r.Answer == "已补正"))
            problems.Add("本案未经补正，不能以“补正后申请内容仍不明确”答复。");
        // Art. 35 lets the body refuse only after judging the applicant's reasons.
        if (decision.ReplyType == ReplyType.ExcessiveRequests && !_requests.Any(r => r.Kind == RequestKind.Explanation && !r.IsOpen))
            problems.Add("须先依条例第三十五条要求申请人说明理由并作出判断，才能以“无正当理由大量反复申请”不予处理。");
        if (problems.Count > 0)
            throw Rule(string.Join(" ", problems));
    }

    private void Wait(CaseStatus waiting)
    {
        ResumeTo = Status;
        Status = waiting;
    }

    private void EndWait()
    {
        Status = ResumeTo ?? Search;
        ResumeTo = null;
    }

    private PendingRequest OpenRequestOf(RequestKind kind) =>
        OpenRequest is { } r && r.Kind == kind ? r : throw Rule($"没有待处理的{PendingRequest.Text(kind)}事项。");

    private void RequireLapsed(PendingRequest request, DateOnly today, string what)
    {
        if (request.ReceivedOn is null)
            throw Rule($"{what}通知的送达日期尚未确认，不能认定逾期；请先登记送达日期。");
        if (!request.HasLapsed(today))
            throw Rule($"{what}期限至 {request.Due:yyyy-MM-dd} 届满，届满前不能视为放弃申请。");
    }

    /// <summary>A rule that does not depend on the action's arguments, so <see cref="AvailableActions"/> can use it too.</summary>
    private string? Guard(CaseAction action) => action switch
    {
        CaseAction.RequestCorrection when _requests.Any(r => r.Kind == RequestKind.Correction) =>
            "补正通知应一次性告知（条例第三十条），本案已发出过补正通知。",
        CaseAction.ExtendDeadline when Clock.Extension is { } e =>
            $"答复期限已于 {e.DecidedOn:yyyy-MM-dd} 延长过一次，条例第三十三条只允许延长一次。",
        CaseAction.IssueFeeNotice when Fee is not null =>
            "本申请已发出过收费通知，每件申请只能按一种标准收费一次（国办函〔2020〕109号第三条）。",
        CaseAction.SetReasonableDelay when !_requests.Any(r => r.Kind == RequestKind.Explanation) =>
            "须先依条例第三十五条要求申请人说明理由，才能确定延迟答复的合理期限。",
        CaseAction.Close when Decision is null => "尚未作出答复决定（答复类型及年报办理结果），不能办结。",
        _ => null,
    };

    private void Require(CaseAction action)
    {
        var allowed = AllowedFrom[action];
        if (!allowed.Contains(Status))
            throw new IllegalTransitionException(Status, action,
                $"案件当前状态为“{Status.Label()}”，不能{action.Label()}（仅限：{string.Join("、", allowed.Select(s => s.Label()))}）。");
        if (Guard(action) is { } message)
            throw Rule(message);
    }

    /// <summary>Runs a clock change; the clock's own refusals come out with the case status attached.</summary>
    private void OnClock(Action change)
    {
        try
        {
            change();
        }
        catch (ClockRuleException ex)
        {
            throw Rule(ex.Message);
        }
    }

    private CaseRuleException Rule(string message) => new(Status, message);

    private string DueText() => Clock.Due is { } due
        ? due.ToString("yyyy-MM-dd") + (Clock.DueProvisional ? "（暂定）" : "")
        : "暂停中";

    private static string DueOf(PendingRequest request) =>
        request.Due.ToString("yyyy-MM-dd") + (request.DueIsEstimate ? "（按发出日估算，送达日确认后重算）" : "");

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private void Record(DateTimeOffset at, string kind, string description, string actor, string? reason = null)
    {
        Revision++;
        _timeline.Add(new TimelineEntry(at, kind, description, actor, reason));
    }
}
