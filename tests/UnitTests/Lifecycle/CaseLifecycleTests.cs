using Gongkai.Contracts;
using Gongkai.Workflow.Domain.Lifecycle;
using static Gongkai.UnitTests.Lifecycle.LifecycleFixture;

namespace Gongkai.UnitTests.Lifecycle;

public class CaseLifecycleTests
{
    [Fact]
    public void Happy_path_from_receipt_to_archive_appends_one_timeline_entry_per_step()
    {
        var c = InSearch("2026-03-02");

        ReplyAndDeliver(c, "2026-03-20");
        c.Close(D("2026-03-20"), At, Handler);
        c.Archive(At, "档案员");

        Assert.Equal(CaseStatus.Archived, c.Status);
        Assert.Equal(ClosureReason.Replied, c.ClosureReason);
        Assert.Equal((AnnualReportOutcome.Disclosed, ApplicantCategory.NaturalPerson), c.AnnualReportCell);
        Assert.False(c.Delivery!.Late);
        Assert.Equal("分管领导王五", c.ApprovedBy);
        Assert.Equal(
            ["opened", "triage-started", "search-started", "decision-drafted", "review-requested", "approved",
             "document-issued", "delivered", "closed", "archived"],
            c.Timeline.Select(e => e.Kind));
        Assert.Equal(6, c.RemainingWorkingDays(D("2026-06-01"), Calendar)); // frozen at delivery: 03-03..03-20 = 14 used
    }

    [Fact]
    public void Approve_before_review_is_requested_is_an_illegal_transition_carrying_the_current_status()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);
        var entries = c.Timeline.Count;

        var ex = Assert.Throws<IllegalTransitionException>(() => c.Approve(At, "分管领导王五"));

        Assert.Equal(CaseStatus.DecisionDrafted, ex.Current);
        Assert.Equal(CaseAction.Approve, ex.Action);
        Assert.Equal("案件当前状态为“已拟办”，不能审批签发（仅限：审查审批中）。", ex.Message);
        Assert.Equal(CaseStatus.DecisionDrafted, c.Status);
        Assert.Equal(entries, c.Timeline.Count);
        Assert.Null(c.ApprovedBy);
    }

    [Theory]
    [InlineData(CaseAction.StartSearch)]
    [InlineData(CaseAction.RequestReview)]
    [InlineData(CaseAction.Deliver)]
    [InlineData(CaseAction.Archive)]
    [InlineData(CaseAction.Reopen)]
    public void Actions_outside_their_allowed_statuses_are_refused_on_a_freshly_received_case(CaseAction action)
    {
        var c = Open("2026-03-02");
        Action act = action switch
        {
            CaseAction.StartSearch => () => c.StartSearch(At, Handler),
            CaseAction.RequestReview => () => c.RequestReview(At, Handler),
            CaseAction.Deliver => () => c.Deliver(DeliveryMethod.Email, D("2026-03-03"), "邮件记录", Calendar, At, Handler),
            CaseAction.Archive => () => c.Archive(At, Handler),
            _ => () => c.Reopen(D("2026-03-03"), "复议决定", Calendar, At, Handler),
        };

        var ex = Assert.Throws<IllegalTransitionException>(act);

        Assert.Equal(CaseStatus.Received, ex.Current);
        Assert.DoesNotContain(action, c.AvailableActions());
    }

    [Fact]
    public void Closing_without_a_decision_is_refused()
    {
        var c = InSearch("2026-03-02");

        var ex = Assert.Throws<CaseRuleException>(() => c.Close(D("2026-03-10"), At, Handler));

        Assert.Equal(CaseStatus.Search, ex.Current);
        Assert.Contains("答复决定", ex.Message);
        Assert.False(c.IsClosed);
        Assert.Null(c.AnnualReportCell);
        Assert.DoesNotContain(CaseAction.Close, c.AvailableActions());
    }

    [Fact]
    public void A_drafted_decision_is_not_enough_to_close_before_delivery()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);

        var ex = Assert.Throws<IllegalTransitionException>(() => c.Close(D("2026-03-10"), At, Handler));
        Assert.Equal(CaseStatus.DecisionDrafted, ex.Current);
    }

    [Fact]
    public void Missed_correction_period_closes_as_deemed_abandoned_under_row_six_1()
    {
        var c = Open("2026-03-02", applicant: ApplicantCategory.CommercialEnterprise);
        // Sent and received Wed 03-04, 5 working days: 03-05, 06, 09, 10, 11.
        c.RequestCorrection("请提供营业执照复印件", 5, D("2026-03-04"), D("2026-03-04"), Calendar, At, Handler);

        var early = Assert.Throws<CaseRuleException>(() => c.AbandonForNoCorrection(D("2026-03-11"), Calendar, At, Handler));
        Assert.Equal(CaseStatus.CorrectionRequested, early.Current);

        c.AbandonForNoCorrection(D("2026-03-12"), Calendar, At, Handler);

        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.Equal(ClosureReason.AbandonedNoCorrection, c.ClosureReason);
        Assert.Equal(ReplyType.AbandonedNoCorrection, c.Decision!.ReplyType);
        Assert.Equal((AnnualReportOutcome.OtherNoCorrection, ApplicantCategory.CommercialEnterprise), c.AnnualReportCell);
        Assert.Equal("（六）其他处理 / 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            c.Decision.Outcome.Label());
        Assert.Null(c.OpenRequest);
    }

    [Fact]
    public void Deemed_abandonment_needs_the_notice_receipt_date()
    {
        var c = Open("2026-03-02");
        c.RequestCorrection("请写明信息名称", 5, D("2026-03-04"), null, Calendar, At, Handler);

        var ex = Assert.Throws<CaseRuleException>(() => c.AbandonForNoCorrection(D("2026-04-30"), Calendar, At, Handler));
        Assert.Contains("送达日期尚未确认", ex.Message);

        c.RecordLetterReceived(D("2026-03-09"), Calendar, At, Handler); // posted; 03-10..03-16 → due 03-16
        Assert.Equal(D("2026-03-16"), c.OpenRequest!.Due);
        c.AbandonForNoCorrection(D("2026-03-17"), Calendar, At, Handler);
        Assert.Equal(ClosureReason.AbandonedNoCorrection, c.ClosureReason);
    }

    [Fact]
    public void Correction_may_be_requested_only_once()
    {
        var c = Open("2026-03-02");
        c.RequestCorrection("请写明信息名称", 5, D("2026-03-04"), D("2026-03-04"), Calendar, At, Handler);
        c.ReceiveCorrection(D("2026-03-06"), Calendar, At, Handler);

        var ex = Assert.Throws<CaseRuleException>(() =>
            c.RequestCorrection("请再补充", 5, D("2026-03-09"), D("2026-03-09"), Calendar, At, Handler));
        Assert.Equal(CaseStatus.Triage, ex.Current);
        Assert.Contains("一次性告知", ex.Message);
    }

    [Fact]
    public void Unpaid_fee_closes_as_deemed_abandoned_under_row_six_2_counting_from_the_day_after_receipt()
    {
        // The tenant counts receipt days, but the fee rule says "次日起": the notice's receipt day never counts.
        var c = CaseLifecycle.Open(D("2026-05-06"), ApplicantCategory.LegalServiceInstitution, countStartDay: true, Calendar, At, "系统");
        c.StartTriage(At, Handler);
        c.StartSearch(At, Handler);
        var fee = FeeCalculator.PerItem(earlierItemsThisMonth: 12, newItems: 1);
        c.IssueFeeNotice(fee, D("2026-05-11"), D("2026-05-11"), Calendar, At, Handler);
        // 05-12 is day 1 … 05-29 day 14, 06-01..06-05 days 15–19, 06-08 day 20.
        Assert.Equal(D("2026-06-08"), c.OpenRequest!.Due);
        Assert.Equal(100m, c.Fee!.Amount);

        Assert.Throws<CaseRuleException>(() => c.AbandonForNoFee(D("2026-06-08"), Calendar, At, Handler));
        c.AbandonForNoFee(D("2026-06-09"), Calendar, At, Handler);

        Assert.Equal(ClosureReason.AbandonedNoFee, c.ClosureReason);
        Assert.Equal((AnnualReportOutcome.OtherNoFee, ApplicantCategory.LegalServiceInstitution), c.AnnualReportCell);
        Assert.Equal("abandoned-no-fee", c.Timeline[^1].Kind);
    }

    [Fact]
    public void Withdrawal_counts_as_row_six_3_other()
    {
        var c = InSearch("2026-03-02");
        c.StartThirdPartyConsultation("王某", D("2026-03-05"), null, Calendar, At, Handler);

        c.Withdraw(D("2026-03-09"), "申请人书面撤回", Calendar, At, Handler);

        Assert.Equal(ClosureReason.Withdrawn, c.ClosureReason);
        Assert.Equal(AnnualReportOutcome.Other, c.Decision!.Outcome);
        Assert.Equal("（六）其他处理 / 3.其他", c.Decision.Outcome.Label());
        Assert.False(c.Clock.IsPaused);
        Assert.Null(c.OpenRequest);
    }

    [Fact]
    public void Withdrawal_after_the_reply_document_exists_is_refused()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);
        c.RequestReview(At, Handler);
        c.Approve(At, "分管领导王五");
        c.IssueDocument("某街依申〔2026〕2号", D("2026-03-10"), At, Handler);

        var ex = Assert.Throws<IllegalTransitionException>(() => c.Withdraw(D("2026-03-11"), "", Calendar, At, Handler));
        Assert.Equal(CaseStatus.DocumentIssued, ex.Current);
    }

    [Theory]
    [InlineData(ReplyType.Withhold, AnnualReportOutcome.Disclosed, "理由")]          // wrong row for the type
    [InlineData(ReplyType.Withhold, AnnualReportOutcome.WithheldStateSecret, "")]   // Art. 36(3) requires reasons
    [InlineData(ReplyType.PartiallyDisclose, AnnualReportOutcome.Disclosed, "理由")] // counted only as 部分公开
    [InlineData(ReplyType.AbandonedNoFee, AnnualReportOutcome.OtherNoFee, "")]      // set by the lifecycle only
    [InlineData(ReplyType.UnclearAfterCorrection, AnnualReportOutcome.UnavailableUnclearAfterCorrection, "")] // no correction happened
    [InlineData(ReplyType.ExcessiveRequests, AnnualReportOutcome.NotHandledExcessive, "理由")]  // no Art. 35 explanation asked
    public void Inconsistent_decisions_are_refused(ReplyType type, AnnualReportOutcome outcome, string reasons)
    {
        var c = InSearch("2026-03-02");

        var ex = Assert.Throws<CaseRuleException>(() => c.DraftDecision(new Decision(type, outcome, reasons), At, Handler));

        Assert.Equal(CaseStatus.Search, ex.Current);
        Assert.Null(c.Decision);
    }

    [Fact]
    public void Not_handled_as_excessive_after_the_applicant_was_asked_to_explain()
    {
        var c = Open("2026-03-02");
        c.StartTriage(At, Handler);
        c.RequestExplanation("一个月内提交 60 件申请", 5, D("2026-03-04"), D("2026-03-04"), Calendar, At, Handler);
        c.ReceiveExplanation(D("2026-03-11"), "期限内未说明理由", At, Handler);

        c.DraftDecision(new Decision(ReplyType.ExcessiveRequests, AnnualReportOutcome.NotHandledExcessive, "无正当理由"), At, Handler);

        Assert.Equal(CaseStatus.DecisionDrafted, c.Status);
    }

    [Fact]
    public void Rework_sends_the_case_back_to_search_and_requires_a_new_draft()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);
        c.RequestReview(At, Handler);

        c.ReturnForRework("涉及第三方个人信息，应征求意见", At, "法制审核员");

        Assert.Equal(CaseStatus.Search, c.Status);
        Assert.Throws<IllegalTransitionException>(() => c.RequestReview(At, Handler));
        Assert.Equal("涉及第三方个人信息，应征求意见", c.Timeline[^1].Reason);
    }

    [Fact]
    public void Reply_on_the_spot_closes_at_once()
    {
        var c = Open("2026-03-02");

        c.ReplyOnTheSpot(new Decision(ReplyType.AlreadyPublic, AnnualReportOutcome.Disclosed), D("2026-03-02"), Calendar, At, "窗口人员");

        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.Equal(ClosureReason.RepliedOnTheSpot, c.ClosureReason);
        Assert.Equal(20, c.RemainingWorkingDays(D("2026-03-20"), Calendar));
    }

    [Fact]
    public void Reopen_after_a_ruling_returns_to_triage_with_a_new_clock_from_the_rulings_receipt()
    {
        var c = InSearch("2026-03-02");
        c.ExtendDeadline("公开办主任王某", 10, "检索量大", D("2026-03-20"), Calendar, At, Handler);
        ReplyAndDeliver(c, "2026-04-08", new Decision(ReplyType.Withhold, AnnualReportOutcome.WithheldProcessInformation, "属于过程性信息"));
        c.Close(D("2026-04-08"), At, Handler);
        c.Archive(At, "档案员");

        // Ruling received Mon 06-15: 06-16, 17, 18 (端午 06-19..21), 06-22 … 07-14 is day 20.
        c.Reopen(D("2026-06-15"), "区政府行政复议决定书责令重新答复", Calendar, At, Handler);

        Assert.Equal(CaseStatus.Triage, c.Status);
        Assert.Equal(D("2026-07-14"), c.Clock.Due);
        Assert.Equal(ClockStartCause.RulingReceived, c.Clock.StartCause);
        Assert.Null(c.Decision);
        Assert.Null(c.ClosureReason);
        Assert.Null(c.Delivery);
        Assert.Equal(1, c.ReopenCount);
        Assert.Null(c.Clock.Extension); // a new clock may be extended once again
        Assert.Contains(CaseAction.ExtendDeadline, c.AvailableActions());
        Assert.Contains("属于四类过程性信息", c.Timeline[^1].Description);
    }

    [Fact]
    public void A_case_counts_one_handling_from_its_receipt_and_its_result_once_closed()
    {
        var c = InSearch("2026-03-02");
        Assert.Equal([new CountedHandling(D("2026-03-02"), null, null)], c.CountedHandlings);

        ReplyAndDeliver(c, "2026-03-20");
        Assert.Equal([new CountedHandling(D("2026-03-02"), null, null)], c.CountedHandlings); // delivered is not yet closed
        c.Close(D("2026-03-20"), At, Handler);

        Assert.Equal([new CountedHandling(D("2026-03-02"), D("2026-03-20"), AnnualReportOutcome.Disclosed)], c.CountedHandlings);
    }

    [Fact]
    public void Reopened_in_the_year_it_closed_the_new_result_replaces_the_unreported_one()
    {
        var c = InSearch("2026-03-02");
        ReplyAndDeliver(c, "2026-03-20", new Decision(ReplyType.NotHeld, AnnualReportOutcome.UnavailableNotHeld));
        c.Close(D("2026-03-20"), At, Handler);

        c.Reopen(D("2026-06-15"), "复议决定责令重新答复", Calendar, At, Handler);

        Assert.Equal([new CountedHandling(D("2026-03-02"), null, null)], c.CountedHandlings);
    }

    [Fact]
    public void Reopened_in_a_later_year_the_reported_result_stays_and_the_new_reply_counts_from_the_ruling()
    {
        var c = InSearch("2025-11-03");
        ReplyAndDeliver(c, "2025-11-20", new Decision(ReplyType.NotHeld, AnnualReportOutcome.UnavailableNotHeld));
        c.Close(D("2025-11-20"), At, Handler);

        c.Reopen(D("2026-02-10"), "判决责令重新答复", Calendar, At, Handler);
        ReplyAndDeliver(c, "2026-03-02");
        c.Close(D("2026-03-02"), At, Handler);

        Assert.Equal(
            [
                new CountedHandling(D("2025-11-03"), D("2025-11-20"), AnnualReportOutcome.UnavailableNotHeld),
                new CountedHandling(D("2026-02-10"), D("2026-03-02"), AnnualReportOutcome.Disclosed),
            ], c.CountedHandlings);
    }

    [Fact]
    public void A_ruling_cannot_be_received_before_the_case_closed()
    {
        var c = InSearch("2026-03-02");
        ReplyAndDeliver(c, "2026-03-20");
        c.Close(D("2026-03-20"), At, Handler);

        var refused = Assert.Throws<CaseRuleException>(() => c.Reopen(D("2026-03-19"), "复议决定", Calendar, At, Handler));

        Assert.Contains("早于本案办结日", refused.Message);
        Assert.Equal(CaseStatus.Closed, c.Status);
    }

    [Fact]
    public void Every_recorded_action_raises_the_revision()
    {
        var c = Open("2026-03-02");
        var opened = c.Revision;
        c.StartTriage(At, Handler);
        Assert.True(c.Revision > opened);
    }

    [Fact]
    public void A_ruling_may_order_its_own_reply_period()
    {
        var c = InSearch("2026-03-02");
        ReplyAndDeliver(c, "2026-03-20");
        c.Close(D("2026-03-20"), At, Handler);

        // 15 working days from Mon 06-15: 06-16, 17, 18 (端午 06-19..21), 06-22 … 07-07 is day 15.
        c.Reopen(D("2026-06-15"), "判决责令十五个工作日内重新答复", Calendar, At, Handler, replyWorkingDays: 15);

        Assert.Equal(D("2026-07-07"), c.Clock.Due);
    }

    [Fact]
    public void Late_delivery_is_flagged()
    {
        var c = InSearch("2026-03-02"); // due 03-30

        ReplyAndDeliver(c, "2026-03-31");

        Assert.True(c.Delivery!.Late);
        Assert.Contains("已超过答复期限 2026-03-30", c.Timeline[^1].Description);
    }

    [Fact]
    public void Second_fee_notice_is_refused()
    {
        var c = InSearch("2026-05-06");
        c.IssueFeeNotice(FeeCalculator.PerVolume(40), D("2026-05-11"), D("2026-05-11"), Calendar, At, Handler);
        c.RecordPayment(D("2026-05-12"), Calendar, At, Handler);

        Assert.Throws<CaseRuleException>(() =>
            c.IssueFeeNotice(FeeCalculator.PerVolume(40), D("2026-05-13"), D("2026-05-13"), Calendar, At, Handler));
    }

    [Fact]
    public void Every_result_leaf_row_has_its_exact_label_and_there_are_21()
    {
        Assert.Equal(21, AnnualReportLabels.Rows.Count);
        Assert.Equal(Enum.GetValues<AnnualReportOutcome>(), AnnualReportLabels.Rows.Select(r => r.Outcome));
        Assert.Equal(21, AnnualReportLabels.Rows.Select(r => r.FullLabel).Distinct().Count());
        Assert.Equal("（三）不予公开 / 3.危及“三安全一稳定”", AnnualReportOutcome.WithheldSecurityOrStability.Label());
        Assert.Equal("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", AnnualReportOutcome.PartiallyDisclosed.Label());
        Assert.Equal(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
            Enum.GetValues<ApplicantCategory>().Select(a => a.Label()));
    }

    [Fact]
    public void Every_reply_type_maps_to_at_least_one_row_and_every_row_is_reachable()
    {
        var reachable = Enum.GetValues<ReplyType>().SelectMany(t => t.AllowedOutcomes()).ToHashSet();
        Assert.Equal(Enum.GetValues<AnnualReportOutcome>().ToHashSet(), reachable);
    }
}
