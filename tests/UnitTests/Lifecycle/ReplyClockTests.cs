using Gongkai.Workflow.Domain.Lifecycle;
using static Gongkai.UnitTests.Lifecycle.LifecycleFixture;

namespace Gongkai.UnitTests.Lifecycle;

public class ReplyClockTests
{
    [Fact]
    public void Reply_is_due_20_working_days_after_receipt_and_correction_notice_7()
    {
        // Mon 03-30: 03-31..04-03 are days 1–4, 清明 04-04..06 skipped, 04-07 is day 5 … 04-28 day 20.
        var c = Open("2026-03-30");

        Assert.Equal(D("2026-04-28"), c.Clock.Due);
        Assert.Equal(D("2026-04-09"), c.CorrectionNoticeDue); // 03-31, 04-01, 02, 03, 07, 08, 09
        Assert.Equal(CaseStatus.Received, c.Status);
        Assert.Equal("opened", Assert.Single(c.Timeline).Kind);
    }

    [Fact]
    public void Counting_the_receipt_day_is_a_tenant_option()
    {
        // Mon 03-02 counted as day 1 → the 20th working day is Fri 03-27 (instead of Mon 03-30).
        Assert.Equal(D("2026-03-27"), Open("2026-03-02", countStartDay: true).Clock.Due);
        Assert.Equal(D("2026-03-30"), Open("2026-03-02").Clock.Due);
    }

    [Fact]
    public void Received_correction_restarts_the_full_20_days_from_its_receipt()
    {
        var c = Open("2026-03-30"); // originally due 04-28
        // Notice sent and received Thu 04-02, 10 working days: 04-03, 07 … 04-17.
        c.RequestCorrection("请写明所需信息的名称或文号", 10, D("2026-04-02"), D("2026-04-02"), Calendar, At, Handler);
        Assert.Equal(D("2026-04-17"), c.OpenRequest!.Due);
        Assert.Null(c.Clock.Due); // waiting for the correction: no due date to alert on
        Assert.Equal(17, c.RemainingWorkingDays(D("2026-04-10"), Calendar)); // 03-31, 04-01, 04-02 used
        Assert.Equal("结论：等待补正，暂无答复期限。", c.ExplainDeadline(Calendar)[^1]);

        // Corrected on Wed 04-15: 04-16 is day 1 … 04-30 day 11, 劳动节 05-01..05 skipped,
        // 05-06 day 12, 05-09 (adjusted Saturday) day 15, … 05-15 day 20.
        c.ReceiveCorrection(D("2026-04-15"), Calendar, At, Handler);

        Assert.Equal(D("2026-05-15"), c.Clock.Due);
        Assert.Equal(20, c.RemainingWorkingDays(D("2026-04-15"), Calendar));
        Assert.Equal(CaseStatus.Triage, c.Status);
        var explanation = c.ExplainDeadline(Calendar);
        Assert.Contains(explanation, l => l.Contains("2026-03-30") && l.Contains("重新起算"));
        Assert.Contains(explanation, l => l.StartsWith("起算：2026-04-15（收到补正后的申请）"));
        Assert.Contains(explanation, l => l.Contains("劳动节"));
        Assert.Contains(explanation, l => l.Contains("2026-05-09"));
    }

    [Fact]
    public void Third_party_pause_of_8_working_days_moves_the_due_date_by_exactly_8_working_days()
    {
        var c = InSearch("2026-03-02");
        Assert.Equal(D("2026-03-30"), c.Clock.Due);

        // Letter out Wed 03-11 (day 7, still counted), answer back Mon 03-23: 03-12, 13, 16, 17, 18, 19, 20, 23 = 8 not counted.
        c.StartThirdPartyConsultation("某某科技有限公司", D("2026-03-11"), D("2026-03-12"), Calendar, At, Handler);
        Assert.Equal(D("2026-04-02"), c.OpenRequest!.Due); // 15 working days from the letter's receipt on 03-12
        c.EndConsultation(D("2026-03-23"), "不同意公开，涉及商业秘密", Calendar, At, Handler);

        // 03-30 + 8 working days: 03-31, 04-01, 02, 03, (清明 04-04..06), 07, 08, 09, 10.
        Assert.Equal(D("2026-04-10"), c.Clock.Due);
        Assert.Equal(8, Calendar.WorkingDaysBetween(D("2026-03-30"), c.Clock.Due!.Value));
        Assert.Equal(CaseStatus.Search, c.Status);
        Assert.Contains(c.ExplainDeadline(Calendar),
            l => l == "暂停：2026-03-11 至 2026-03-23，征求第三方意见（某某科技有限公司），不计入 8 个工作日。");
        Assert.Contains(c.ExplainDeadline(Calendar), l => l.Contains("答复期限为 2026-04-10"));
    }

    [Fact]
    public void Remaining_working_days_freeze_while_paused_and_continue_after_resume()
    {
        var c = InSearch("2026-03-02");
        Assert.Equal(13, c.RemainingWorkingDays(D("2026-03-11"), Calendar)); // 03-03..03-11 = 7 used

        c.StartAgencyConsultation("区规划资源局", D("2026-03-11"), null, Calendar, At, Handler);
        Assert.Null(c.Clock.Due);
        Assert.Equal(13, c.RemainingWorkingDays(D("2026-03-18"), Calendar));
        Assert.Equal(13, c.RemainingWorkingDays(D("2026-04-30"), Calendar));
        Assert.Equal(D("2026-04-10"), c.Clock.DueIfResumedOn(D("2026-03-23"), Calendar));
        Assert.True(c.OpenRequest!.DueIsEstimate); // receipt of the letter not known yet
        Assert.False(c.IsOverdue(D("2026-04-30")));

        c.EndConsultation(D("2026-03-23"), "同意公开", Calendar, At, Handler);
        Assert.Equal(13, c.RemainingWorkingDays(D("2026-03-23"), Calendar));
        Assert.Equal(11, c.RemainingWorkingDays(D("2026-03-25"), Calendar)); // 03-24, 03-25 used
        Assert.Equal(0, c.RemainingWorkingDays(D("2026-04-10"), Calendar));
        Assert.Equal(-1, c.RemainingWorkingDays(D("2026-04-13"), Calendar)); // Monday after the Friday due date
        Assert.True(c.IsOverdue(D("2026-04-11")));
    }

    [Fact]
    public void Pausing_after_the_deadline_passed_keeps_the_missed_due_date()
    {
        var c = InSearch("2026-03-02"); // due 03-30

        c.StartThirdPartyConsultation("张某", D("2026-04-01"), D("2026-04-01"), Calendar, At, Handler);

        Assert.Equal(D("2026-03-30"), c.Clock.Due);
        Assert.True(c.IsOverdue(D("2026-04-02")));
        Assert.Equal(-2, c.RemainingWorkingDays(D("2026-04-20"), Calendar)); // 03-31, 04-01 beyond, then frozen
    }

    [Fact]
    public void Extension_adds_at_most_20_working_days_once()
    {
        // Mon 09-14: 09-20 (Sun) worked, 中秋 09-25..27 and 国庆 10-01..07 skipped, 10-10 (Sat) worked → due Fri 10-16.
        var c = InSearch("2026-09-14");
        Assert.Equal(D("2026-10-16"), c.Clock.Due);

        Assert.Throws<CaseRuleException>(() => c.ExtendDeadline("公开办主任王某", 21, "信息量大", D("2026-10-12"), Calendar, At, Handler));

        c.ExtendDeadline("公开办主任王某", 20, "涉及多个科室，检索量大", D("2026-10-12"), Calendar, At, Handler);
        // 10-16 + 20: 10-19..10-30 (10), 11-02..11-06 (15), 11-09..11-13 (20).
        Assert.Equal(D("2026-11-13"), c.Clock.Due);
        Assert.Contains(c.ExplainDeadline(Calendar), l => l.StartsWith("延长：2026-10-12 经公开办主任王某同意延长 20 个工作日"));

        var second = Assert.Throws<CaseRuleException>(() =>
            c.ExtendDeadline("公开办主任王某", 5, "仍未检索完毕", D("2026-11-02"), Calendar, At, Handler));
        Assert.Equal(CaseStatus.Search, second.Current);
        Assert.Contains("只允许延长一次", second.Message);
        Assert.Equal(D("2026-11-13"), c.Clock.Due);
        Assert.DoesNotContain(CaseAction.ExtendDeadline, c.AvailableActions());
    }

    [Fact]
    public void Extension_must_be_decided_before_the_deadline_passes()
    {
        var c = InSearch("2026-09-14"); // due 10-16

        var ex = Assert.Throws<CaseRuleException>(() => c.ExtendDeadline("公开办主任王某", 10, "来不及", D("2026-10-19"), Calendar, At, Handler));

        Assert.Contains("届满", ex.Message);
        Assert.Null(c.Clock.Extension);
    }

    [Fact]
    public void Fee_notice_pauses_the_clock_until_payment()
    {
        // Wed 05-06: 05-07, 08, 09 (adjusted Sat), 11 … 06-02 is day 20.
        var c = InSearch("2026-05-06");
        Assert.Equal(D("2026-06-02"), c.Clock.Due);

        c.IssueFeeNotice(FeeCalculator.PerVolume(120), D("2026-05-11"), D("2026-05-11"), Calendar, At, Handler);
        Assert.Equal(CaseStatus.FeeNoticeIssued, c.Status);
        Assert.Null(c.Clock.Due);

        // Paid Wed 05-20: 05-12..05-15, 05-18..05-20 = 7 working days not counted → 06-02 + 7 = 06-11.
        c.RecordPayment(D("2026-05-20"), Calendar, At, Handler);
        Assert.Equal(D("2026-06-11"), c.Clock.Due);
        Assert.Equal(CaseStatus.Search, c.Status);
        Assert.Equal(D("2026-05-20"), c.FeePaidOn);
    }

    [Fact]
    public void Art_35_reasonable_delay_sets_an_explicit_due_date_that_later_pauses_still_move()
    {
        var c = Open("2026-03-02"); // due 03-30
        c.StartTriage(At, Handler);
        Assert.Throws<CaseRuleException>(() => c.SetReasonableDelay(D("2026-04-20"), "x", D("2026-03-10"), Calendar, At, Handler));

        c.RequestExplanation("一个月内提交 60 件申请", 5, D("2026-03-04"), D("2026-03-04"), Calendar, At, Handler);
        Assert.Throws<CaseRuleException>(() => // Saturday: not a working day
            c.SetReasonableDelay(D("2026-04-04"), "理由正当，但信息量大", D("2026-03-10"), Calendar, At, Handler));
        c.SetReasonableDelay(D("2026-04-20"), "理由正当，但信息量大", D("2026-03-10"), Calendar, At, Handler);

        Assert.Equal(D("2026-04-20"), c.Clock.Due);
        // 03-31, 04-01, 02, 03, 07, 08, 09, 10, 13 … 17, 20 = 14 working days after 03-30 (清明 skipped).
        Assert.Equal(14, c.Clock.Delay!.AddedWorkingDays);
        Assert.Equal(CaseStatus.Triage, c.Status);

        // A later agency consultation of 3 working days (Wed 04-08 → Mon 04-13: 09, 10, 13) moves it to Thu 04-23.
        c.StartAgencyConsultation("区财政局", D("2026-04-08"), D("2026-04-08"), Calendar, At, Handler);
        c.EndConsultation(D("2026-04-13"), "同意公开", Calendar, At, Handler);
        Assert.Equal(D("2026-04-23"), c.Clock.Due);
    }

    [Fact]
    public void Explanation_lists_start_holidays_and_conclusion_in_chinese()
    {
        var c = Open("2026-09-28"); // the calendar tests' example: due 10-30

        var lines = c.ExplainDeadline(Calendar);

        Assert.Equal("起算：2026-09-28（法定收到申请日），起算日当日不计入；答复期限 20 个工作日（条例第三十三条）。", lines[0]);
        Assert.Contains(lines, l => l.Contains("国庆节假期 10-01 至 10-07"));
        Assert.Contains(lines, l => l.Contains("调休上班日（计入）：2026-10-10"));
        Assert.Equal("结论：共 20 个工作日，答复期限为 2026-10-30。", lines[^1]);
    }
}
