using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class NonPublicReReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateOnly DueFromToday = new(2026, 12, 28);

    private static InformationItem Draft(DisclosureMode mode) =>
        InformationItem.Draft(Guid.NewGuid(), InformationItemTests.Content(mode: mode), new DateOnly(2026, 12, 18), "登记员", Now);

    [Theory]
    [InlineData("2025-11-30", 12, "2026-11-30")]
    [InlineData("2026-01-31", 1, "2026-02-28")]  // clamped to the month's end
    [InlineData("2024-02-29", 12, "2025-02-28")] // leap day
    [InlineData("2026-08-31", 6, "2027-02-28")]
    [InlineData("2021-03-15", 60, "2026-03-15")]
    public void The_next_re_review_falls_the_interval_in_months_after_the_date_the_marking_counts_from(string from, int months, string next) =>
        Assert.Equal(DateOnly.Parse(next), NonPublicReReview.NextOn(DateOnly.Parse(from), months));

    [Fact]
    public void Due_on_the_anniversary_not_the_day_before()
    {
        var from = new DateOnly(2025, 11, 30);
        Assert.False(NonPublicReReview.IsDue(from, 12, new DateOnly(2026, 11, 29)));
        Assert.True(NonPublicReReview.IsDue(from, 12, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void The_database_cutoff_agrees_with_the_anniversary_rule_on_every_day_of_four_years()
    {
        // Month ends, leap years and every interval's clamping: the one-comparison filter must select exactly the due items.
        foreach (var months in new[] { 1, 2, 6, 12, 13, 60 })
        {
            for (var today = new DateOnly(2025, 1, 1); today <= new DateOnly(2028, 12, 31); today = today.AddDays(1))
            {
                var cutoff = NonPublicReReview.DueIfOnOrBefore(today, months);
                for (var from = cutoff.AddDays(-3); from <= cutoff.AddDays(3); from = from.AddDays(1))
                    Assert.True(NonPublicReReview.IsDue(from, months, today) == (from <= cutoff), $"{from} + {months} months on {today}, cutoff {cutoff}");
            }
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void The_interval_is_one_to_sixty_months(int months, bool valid) => Assert.Equal(valid, NonPublicReReview.IsValidInterval(months));

    [Fact]
    public void A_non_public_item_counts_from_its_written_date_and_a_proactive_one_is_never_re_reviewed()
    {
        Assert.Equal(new DateOnly(2026, 11, 20), Draft(DisclosureMode.NotPublic).ReReviewFrom);
        Assert.Equal(new DateOnly(2026, 11, 20), Draft(DisclosureMode.OnApplication).ReReviewFrom);
        var proactive = Draft(DisclosureMode.Proactive);
        Assert.Null(proactive.ReReviewFrom);
        Assert.Throws<ItemRuleException>(() => proactive.ReReview(ReReviewOutcome.ChangeToOnApplication, null, null, null, Today, DueFromToday, "承办人", Now));
    }

    [Fact]
    public void Keeping_it_not_public_confirms_the_reason_and_article_and_moves_the_next_date_on()
    {
        var item = Draft(DisclosureMode.NotPublic);
        Assert.Throws<ItemRuleException>(() => item.ReReview(ReReviewOutcome.KeepNotPublic, " ", "第十五条", null, Today, DueFromToday, "承办人", Now));

        var record = item.ReReview(ReReviewOutcome.KeepNotPublic, "仍涉及个人隐私", "《政府信息公开条例》第十五条", "权利人不同意公开", Today, DueFromToday, "承办人", Now);

        Assert.Equal((DisclosureMode.NotPublic, DisclosureMode.NotPublic), (record.ModeBefore, record.ModeAfter));
        Assert.Equal(("仍涉及个人隐私", "《政府信息公开条例》第十五条"), (record.NotPublicReason, record.NotPublicArticle));
        Assert.Equal(("仍涉及个人隐私", "《政府信息公开条例》第十五条"), (item.NotPublicReason, item.NotPublicArticle));
        Assert.Equal(("承办人", Today, "权利人不同意公开"), (record.ReviewedBy, record.ReviewedOn, record.Note));
        Assert.Equal(Today, item.ReReviewFrom);
        Assert.Equal(Today, item.LastReReviewedOn);
        Assert.Equal(new DateOnly(2027, 11, 30), NonPublicReReview.NextOn(item.ReReviewFrom!.Value, 12));
    }

    [Fact]
    public void An_on_application_item_cannot_be_kept_not_public_but_stays_on_application()
    {
        var item = Draft(DisclosureMode.OnApplication);
        Assert.Throws<ItemRuleException>(() => item.ReReview(ReReviewOutcome.KeepNotPublic, "理由", "第十四条", null, Today, DueFromToday, "承办人", Now));
        var record = item.ReReview(ReReviewOutcome.ChangeToOnApplication, null, null, null, Today, DueFromToday, "承办人", Now);
        Assert.Equal("维持依申请公开", NonPublicReReview.OutcomeName(record.Outcome, record.ModeBefore));
        Assert.Equal(DisclosureMode.OnApplication, item.Mode);
        Assert.Equal(Today, item.ReReviewFrom);
    }

    [Fact]
    public void Changing_to_on_application_drops_the_withholding_reason()
    {
        var item = Draft(DisclosureMode.NotPublic);
        var record = item.ReReview(ReReviewOutcome.ChangeToOnApplication, "忽略", "忽略", null, Today, DueFromToday, "承办人", Now);
        Assert.Equal((DisclosureMode.OnApplication, null, null), (item.Mode, item.NotPublicReason, item.NotPublicArticle));
        Assert.Equal("改为依申请公开", NonPublicReReview.OutcomeName(record.Outcome, record.ModeBefore));
        Assert.Null(record.NotPublicReason);
    }

    [Fact]
    public void Changing_to_proactive_makes_a_draft_ready_for_submission_whose_clock_runs_from_the_change()
    {
        var item = Draft(DisclosureMode.NotPublic);
        item.ReReview(ReReviewOutcome.ChangeToProactive, null, null, "保密期限已过", Today, DueFromToday, "承办人", Now);

        Assert.Equal((DisclosureMode.Proactive, ItemState.Draft), (item.Mode, item.State));
        Assert.Null(item.NotPublicReason);
        Assert.Null(item.ReReviewFrom);
        Assert.Equal((Today, DueFromToday), (item.FormedOrChangedOn, item.DueOn));
        // An edit of the draft keeps the clock of the change, not the long-past 成文日期.
        item.Edit(InformationItemTests.Content("改为主动公开后修改标题"), Today.AddDays(1), new DateOnly(2026, 12, 18), new DateOnly(2026, 12, 29), "承办人", Now);
        Assert.Equal((Today, DueFromToday), (item.FormedOrChangedOn, item.DueOn));
        Assert.Equal(1, item.Submit("承办人", Now));
        Assert.Throws<ItemRuleException>(() => item.ReReview(ReReviewOutcome.KeepNotPublic, "理由", "条款", null, Today, DueFromToday, "承办人", Now));
    }

    [Fact]
    public void A_draft_being_registered_counts_from_its_corrected_written_date_and_a_later_marking_from_the_day_it_changed()
    {
        var item = Draft(DisclosureMode.NotPublic);
        var earlier = InformationItemTests.Content(mode: DisclosureMode.NotPublic) with { WrittenOn = new DateOnly(2024, 5, 6) };
        item.Edit(earlier, Today, Today, Today, "承办人", Now);
        Assert.Equal(new DateOnly(2024, 5, 6), item.ReReviewFrom);

        // Re-reviewed, then edited again: the re-review's date stays; marked proactive, nothing to re-review.
        item.ReReview(ReReviewOutcome.ChangeToOnApplication, null, null, null, Today, DueFromToday, "承办人", Now);
        item.Edit(InformationItemTests.Content(mode: DisclosureMode.NotPublic), Today.AddDays(5), Today, Today, "承办人", Now);
        Assert.Equal(Today, item.ReReviewFrom);
        item.Edit(InformationItemTests.Content(), Today.AddDays(6), Today, Today, "承办人", Now);
        Assert.Null(item.ReReviewFrom);
        // Marked non-public again later: from the day of that change.
        item.Edit(InformationItemTests.Content(mode: DisclosureMode.NotPublic), Today.AddDays(7), Today, Today, "承办人", Now);
        Assert.Equal(Today.AddDays(7), item.ReReviewFrom);
    }

    [Fact]
    public void A_published_item_cannot_be_re_marked_not_public_and_once_withdrawn_is_not_re_reviewed()
    {
        var item = InformationItem.Draft(Guid.NewGuid(), InformationItemTests.Content(), Today, "登记员", Now);
        item.Publish(item.Submit("登记员", Now), "X/2026-00001", "负责人", Today, Now);
        Assert.Throws<ItemRuleException>(() => item.Edit(InformationItemTests.Content(mode: DisclosureMode.NotPublic), Today.AddDays(3), Today, Today, "承办人", Now));
        Assert.Null(item.ReReviewFrom);

        item.Withdraw("不再公开", "承办人", Now);
        Assert.Throws<ItemRuleException>(() => item.ReReview(ReReviewOutcome.KeepNotPublic, "理由", "条款", null, Today, DueFromToday, "承办人", Now));
    }
}
