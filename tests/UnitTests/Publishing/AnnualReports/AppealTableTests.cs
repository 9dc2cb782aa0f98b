using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class AppealTableTests
{
    private static readonly DateTimeOffset At = new(2027, 2, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static Appeal Filed(AppealKind kind, string filedOn, AppealOutcome outcome = AppealOutcome.Pending, string? decidedOn = null) =>
        Appeal.Import(Guid.NewGuid(), "2026-0001", kind, DateOnly.Parse(filedOn), outcome, decidedOn is null ? null : DateOnly.Parse(decidedOn), At, "导入");

    private static readonly Appeal[] Appeals =
    [
        Filed(AppealKind.Reconsideration, "2026-02-01", AppealOutcome.Upheld, "2026-04-01"),
        Filed(AppealKind.Reconsideration, "2026-05-01", AppealOutcome.Corrected, "2026-07-01"),
        Filed(AppealKind.Reconsideration, "2026-11-20", AppealOutcome.Corrected, "2027-01-15"), // decided next year: pending at year end
        Filed(AppealKind.Reconsideration, "2026-12-01"),                                          // not decided at all
        Filed(AppealKind.LitigationDirect, "2026-03-01", AppealOutcome.Other, "2026-09-01"),
        Filed(AppealKind.LitigationAfterReconsideration, "2026-08-01", AppealOutcome.Upheld, "2026-12-31"),
        Filed(AppealKind.Reconsideration, "2025-12-20", AppealOutcome.Upheld, "2026-02-10"),     // filed last year: that year's report
        Filed(AppealKind.LitigationDirect, "2027-01-05"),                                         // filed next year
    ];

    [Fact]
    public void Appeals_count_in_the_year_filed_with_their_outcome_at_the_years_end()
    {
        var t = AppealTable.Count(2026, Appeals);

        Assert.Equal([1, 1, 0, 2, 4], Enumerable.Range(0, 5).Select(c => t[AppealKind.Reconsideration, c]));
        Assert.Equal([0, 0, 1, 0, 1], Enumerable.Range(0, 5).Select(c => t[AppealKind.LitigationDirect, c]));
        Assert.Equal([1, 0, 0, 0, 1], Enumerable.Range(0, 5).Select(c => t[AppealKind.LitigationAfterReconsideration, c]));
        Assert.Equal(4, t.Total(AppealKind.Reconsideration));
    }

    [Fact]
    public void The_year_before_keeps_its_appeal_pending_if_it_was_decided_later()
    {
        var t = AppealTable.Count(2025, Appeals);
        Assert.Equal(1, t[AppealKind.Reconsideration, (int)AppealOutcome.Pending]);
        Assert.Equal(0, t[AppealKind.Reconsideration, (int)AppealOutcome.Upheld]);
        Assert.Equal(1, t.Total(AppealKind.Reconsideration));
        Assert.Equal(0, t.Total(AppealKind.LitigationDirect));

        var next = AppealTable.Count(2027, Appeals);
        Assert.Equal(1, next[AppealKind.LitigationDirect, (int)AppealOutcome.Pending]);
        Assert.Equal(0, next.Total(AppealKind.Reconsideration)); // decided in 2027, but filed in 2026
    }

    [Fact]
    public void The_outcome_at_a_years_end_is_pending_until_the_decision_date()
    {
        var appeal = Filed(AppealKind.Reconsideration, "2026-11-20", AppealOutcome.Corrected, "2027-01-15");
        Assert.Equal(AppealOutcome.Pending, AppealTable.OutcomeAtYearEnd(appeal, 2026));
        Assert.Equal(AppealOutcome.Corrected, AppealTable.OutcomeAtYearEnd(appeal, 2027));
        Assert.Equal(AppealOutcome.Pending, AppealTable.OutcomeAtYearEnd(Filed(AppealKind.Reconsideration, "2026-12-01"), 2030));
    }

    [Fact]
    public void A_decision_is_recorded_once()
    {
        var appeal = Filed(AppealKind.LitigationDirect, "2026-03-01");
        Assert.False(appeal.Decide(AppealOutcome.Pending, new DateOnly(2026, 4, 1), null, null, false, null, At, "法制员"));
        Assert.True(appeal.Decide(AppealOutcome.Corrected, new DateOnly(2026, 4, 1), "（2026）京0101行初1号", "责令重新答复", true, null, At, "法制员"));
        Assert.Equal(new DateOnly(2026, 4, 1), appeal.RulingReceivedOn); // defaults to the decision date
        Assert.False(appeal.Decide(AppealOutcome.Upheld, new DateOnly(2026, 5, 1), null, null, false, null, At, "法制员"));
        Assert.Equal(AppealOutcome.Corrected, appeal.Outcome);
    }

    [Fact]
    public void Labels_are_the_forms()
    {
        Assert.Equal(["行政复议", "未经复议直接起诉", "复议后起诉"], Enum.GetValues<AppealKind>().Select(AppealTable.KindLabel));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "尚未审结"], Enum.GetValues<AppealOutcome>().Select(AppealTable.OutcomeLabel));
    }
}
