using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using static Gongkai.UnitTests.Lifecycle.LifecycleFixture;

namespace Gongkai.UnitTests.Lifecycle;

/// <summary>What a case records for the district's supervision: its key domain, review returns and reply figures.</summary>
public class CaseSupervisionFactsTests
{
    // ---- 所属领域 -------------------------------------------------------------------------------

    [Fact]
    public void Confirming_a_domain_records_it_with_a_timeline_entry_and_a_new_revision()
    {
        var c = Open("2026-03-02");
        var revision = c.Revision;

        c.ConfirmDomain("07", At, Handler);

        Assert.Equal(("07", true), (c.DomainCode, c.DomainConfirmed));
        Assert.Equal(revision + 1, c.Revision);
        var entry = c.Timeline[^1];
        Assert.Equal(("domain-confirmed", Handler), (entry.Kind, entry.Actor));
        Assert.Contains("国有土地上房屋征收与补偿", entry.Description);
        Assert.Equal(("07", true), (c.SupervisionFacts.DomainCode, c.SupervisionFacts.DomainConfirmed));
    }

    [Fact]
    public void Confirming_the_same_domain_again_records_nothing_and_a_correction_is_recorded()
    {
        var c = Open("2026-03-02");
        c.ConfirmDomain("07", At, Handler);
        var (revision, entries) = (c.Revision, c.Timeline.Count);

        c.ConfirmDomain("07", At, Handler);
        Assert.Equal((revision, entries), (c.Revision, c.Timeline.Count));

        c.ConfirmDomain("08", At, Handler);
        Assert.Equal("08", c.DomainCode);
        Assert.Equal((revision + 1, entries + 1), (c.Revision, c.Timeline.Count));
    }

    [Theory]
    [InlineData("27")]
    [InlineData("00")]
    [InlineData("7")]
    [InlineData("")]
    public void An_unknown_domain_is_refused_and_changes_nothing(string code)
    {
        var c = Open("2026-03-02");
        c.SuggestDomain("04");
        var (revision, entries) = (c.Revision, c.Timeline.Count);

        var ex = Assert.Throws<CaseRuleException>(() => c.ConfirmDomain(code, At, Handler));

        Assert.Equal(CaseStatus.Received, ex.Current);
        Assert.Contains("重点领域", ex.Message);
        Assert.Equal(("04", false), (c.DomainCode, c.DomainConfirmed));
        Assert.Equal((revision, entries), (c.Revision, c.Timeline.Count));
    }

    [Fact]
    public void A_domain_may_be_confirmed_on_a_closed_case()
    {
        var c = InSearch("2026-03-02");
        ReplyAndDeliver(c, "2026-03-20");
        c.Close(D("2026-03-20"), At, Handler);
        c.Archive(At, "档案员");

        c.ConfirmDomain("16", At, "督查员");

        Assert.Equal(("16", true, CaseStatus.Archived), (c.DomainCode, c.DomainConfirmed, c.Status));
    }

    [Fact]
    public void A_suggestion_sets_an_unconfirmed_domain_without_a_timeline_entry()
    {
        var c = Open("2026-03-02");
        var (revision, entries) = (c.Revision, c.Timeline.Count);

        c.SuggestDomain("04");
        Assert.Equal(("04", false), (c.DomainCode, c.DomainConfirmed));

        c.SuggestDomain("99");
        c.SuggestDomain(null);
        Assert.Equal("04", c.DomainCode); // an unknown or missing suggestion keeps what there is
        Assert.Equal((revision, entries), (c.Revision, c.Timeline.Count));
    }

    [Fact]
    public void A_suggestion_never_overrides_a_confirmed_domain()
    {
        var c = Open("2026-03-02");
        c.SuggestDomain("04");
        c.ConfirmDomain("07", At, Handler);

        c.SuggestDomain("04");

        Assert.Equal(("07", true), (c.DomainCode, c.DomainConfirmed));
    }

    [Fact]
    public void A_case_opened_from_a_registration_carries_the_suggested_domain()
    {
        var @case = Case.Open(Guid.NewGuid(), "510116-2026-00001", "张三", D("2026-03-02"), ApplicantCategory.NaturalPerson, countStartDay: false,
            Calendar, At, "trace", suggestedDomain: "07");

        Assert.Equal(("07", false), (@case.Lifecycle.DomainCode, @case.Lifecycle.DomainConfirmed));
        Assert.Equal("opened", Assert.Single(@case.Timeline).Kind);
    }

    // ---- 审核退回 -------------------------------------------------------------------------------

    [Fact]
    public void Every_return_for_rework_is_counted()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);
        c.RequestReview(At, Handler);
        c.ReturnForRework("答复依据引用有误", At, "法制审核员");
        c.DraftDecision(Disclose, At, Handler);
        c.RequestReview(At, Handler);
        c.Approve(At, "分管领导王五");
        c.ReturnForRework("文号有误", At, "分管领导王五");

        Assert.Equal(2, c.ReviewReturns);
        Assert.Equal(2, c.SupervisionFacts.ReviewReturns);
    }

    [Fact]
    public void A_return_without_reasons_is_refused_and_not_counted()
    {
        var c = InSearch("2026-03-02");
        c.DraftDecision(Disclose, At, Handler);
        c.RequestReview(At, Handler);

        Assert.Throws<CaseRuleException>(() => c.ReturnForRework(" ", At, "法制审核员"));

        Assert.Equal(0, c.ReviewReturns);
        Assert.Equal(CaseStatus.UnderReview, c.Status);
    }

    // ---- 答复用时 -------------------------------------------------------------------------------

    [Fact]
    public void An_open_case_has_a_due_date_but_no_reply_yet()
    {
        var facts = InSearch("2026-03-02").SupervisionFacts;

        Assert.Equal(D("2026-03-02"), facts.ReceivedOn);
        Assert.Equal(D("2026-03-30"), facts.DueOn);
        Assert.Null(facts.RepliedOn);
        Assert.Null(facts.WorkingDaysUsed);
        Assert.Null(facts.Late);
        Assert.False(facts.Extended);
        Assert.Equal((0, 0, null, false), (facts.CorrectionsRequested, facts.ReviewReturns, facts.DomainCode, facts.DomainConfirmed));
    }

    [Fact]
    public void A_reply_on_the_spot_on_the_day_of_receipt_took_no_working_day()
    {
        var c = Open("2026-03-02");

        c.ReplyOnTheSpot(new Decision(ReplyType.AlreadyPublic, AnnualReportOutcome.Disclosed), D("2026-03-02"), Calendar, At, "窗口人员");

        var facts = c.SupervisionFacts;
        Assert.Equal(D("2026-03-02"), facts.RepliedOn);
        Assert.Equal(0, facts.WorkingDaysUsed); // the day of receipt is not counted
        Assert.False(facts.Late);
        Assert.False(facts.Extended);
    }

    [Fact]
    public void A_reply_on_the_spot_after_triage_counts_the_working_days_since_receipt()
    {
        var c = Open("2026-03-06"); // Friday
        c.StartTriage(At, Handler);

        c.ReplyOnTheSpot(new Decision(ReplyType.AlreadyPublic, AnnualReportOutcome.Disclosed), D("2026-03-10"), Calendar, At, "窗口人员");

        Assert.Equal(D("2026-03-10"), c.SupervisionFacts.RepliedOn);
        Assert.Equal(2, c.SupervisionFacts.WorkingDaysUsed); // Mon 03-09, Tue 03-10; the weekend does not count
    }

    [Fact]
    public void Working_days_used_leave_out_a_consultation_pause()
    {
        var c = InSearch("2026-03-02");
        // 03-03..03-11 = 7 counted; the letter goes out 03-11 and the answer comes back 03-23 (8 working days not counted).
        c.StartThirdPartyConsultation("某某科技有限公司", D("2026-03-11"), D("2026-03-12"), Calendar, At, Handler);
        c.EndConsultation(D("2026-03-23"), "同意公开", Calendar, At, Handler);

        ReplyAndDeliver(c, "2026-03-25"); // 03-24, 03-25 counted

        var facts = c.SupervisionFacts;
        Assert.Equal(9, facts.WorkingDaysUsed);
        Assert.Equal(c.Clock.WorkingDaysTaken, facts.WorkingDaysUsed);
        Assert.Equal((D("2026-04-10"), D("2026-03-25")), (facts.DueOn!.Value, facts.RepliedOn!.Value));
        Assert.False(facts.Late);
    }

    [Fact]
    public void A_reply_after_the_due_date_is_late()
    {
        var c = InSearch("2026-03-02"); // due Mon 03-30

        ReplyAndDeliver(c, "2026-04-02");

        var facts = c.SupervisionFacts;
        Assert.True(facts.Late);
        Assert.Equal(23, facts.WorkingDaysUsed); // 20 to 03-30, then 03-31, 04-01, 04-02
    }

    [Fact]
    public void An_extension_is_a_supervision_fact_and_moves_the_due_date()
    {
        var c = InSearch("2026-03-02");
        Assert.False(c.SupervisionFacts.Extended);

        c.ExtendDeadline("公开办主任王某", 10, "检索量大", D("2026-03-20"), Calendar, At, Handler);

        Assert.True(c.SupervisionFacts.Extended);
        Assert.Equal(c.Clock.Due, c.SupervisionFacts.DueOn);
        Assert.NotEqual(D("2026-03-30"), c.SupervisionFacts.DueOn);
    }

    [Fact]
    public void A_correction_notice_is_counted_and_leaves_no_due_date_while_awaited()
    {
        var c = Open("2026-03-02");

        c.RequestCorrection("请写明信息名称", 5, D("2026-03-04"), D("2026-03-04"), Calendar, At, Handler);

        var facts = c.SupervisionFacts;
        Assert.Equal(1, facts.CorrectionsRequested);
        Assert.Null(facts.DueOn);
        Assert.Null(facts.Late);
    }

    [Fact]
    public void A_reopened_case_has_no_reply_on_its_new_clock()
    {
        var c = InSearch("2026-03-02");
        ReplyAndDeliver(c, "2026-03-20");
        c.Close(D("2026-03-20"), At, Handler);
        Assert.NotNull(c.SupervisionFacts.WorkingDaysUsed);

        c.Reopen(D("2026-06-15"), "区政府行政复议决定书责令重新答复", Calendar, At, Handler);

        var facts = c.SupervisionFacts;
        Assert.Null(facts.RepliedOn);
        Assert.Null(facts.WorkingDaysUsed);
        Assert.Equal(D("2026-07-14"), facts.DueOn);
    }
}
