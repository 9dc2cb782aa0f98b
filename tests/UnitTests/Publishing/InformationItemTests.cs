using Gongkai.Publishing.Domain.Conversion;
using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class InformationItemTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    internal static ItemContent Content(string title = "关于2026年度老旧小区改造资金拨付的通知", DisclosureMode mode = DisclosureMode.Proactive) =>
        new ItemInput(title, "拨付老旧小区改造补助资金。", "10", Genre.Notice, "成都市双流区人民政府东升街道办事处", new DateOnly(2026, 11, 20),
            "东街发[2026]12号", mode, mode == DisclosureMode.NotPublic ? "涉及个人隐私" : null, mode == DisclosureMode.NotPublic ? "第十五条" : null,
            null, "01", "<p>正文</p>", ["资金"]).Validate(Today).Content!;

    private static InformationItem Draft(DisclosureMode mode = DisclosureMode.Proactive) =>
        InformationItem.Draft(Guid.NewGuid(), Content(mode: mode), new DateOnly(2026, 12, 18), "登记员", Now);

    private static InformationItem Published(string number = "510116-dsj/2026-00001")
    {
        var item = Draft();
        var round = item.Submit("登记员", Now);
        Assert.NotNull(item.Publish(round, number, "负责人", Today, Now));
        return item;
    }

    [Fact]
    public void A_proactive_draft_goes_to_review_and_is_published_with_its_index_number()
    {
        var item = Draft();
        Assert.Equal(ItemState.Draft, item.State);
        Assert.Equal(new DateOnly(2026, 11, 20), item.FormedOrChangedOn);
        var round = item.Submit("登记员", Now);
        Assert.Equal(1, round);
        Assert.Equal(ItemState.UnderReview, item.State);

        var version = item.Publish(round, "510116-dsj/2026-00001", "负责人", Today, Now);

        Assert.NotNull(version);
        Assert.Equal(ItemState.Published, item.State);
        Assert.Equal("510116-dsj/2026-00001", item.IndexNumber);
        Assert.Equal(Today, item.PublishedOn);
        Assert.Equal(Today, item.FirstPublishedOn);
        Assert.Equal(1, version!.Version);
        Assert.Equal(item.Title, version.Content.Title);
        Assert.Equal(Today, item.CurrentVersionPublishedOn);
    }

    [Fact]
    public void Only_proactive_drafts_can_be_submitted()
    {
        Assert.Throws<ItemRuleException>(() => Draft(DisclosureMode.OnApplication).Submit("登记员", Now));
        Assert.Throws<ItemRuleException>(() => Draft(DisclosureMode.NotPublic).Submit("登记员", Now));
        var item = Draft();
        item.Submit("登记员", Now);
        Assert.Throws<ItemRuleException>(() => item.Submit("登记员", Now));
    }

    [Fact]
    public void A_returned_item_goes_back_to_draft_with_the_reasons_and_a_new_round_follows()
    {
        var item = Draft();
        var first = item.Submit("登记员", Now);
        Assert.True(item.ReturnFromReview(first, "概述重复了标题", "法律顾问", Now));
        Assert.Equal(ItemState.Draft, item.State);
        Assert.Equal("概述重复了标题", item.ReturnReasons);
        var second = item.Submit("登记员", Now);
        Assert.Equal(2, second);
        // A late result of the first round changes nothing.
        Assert.Null(item.Publish(first, "X/2026-00001", "负责人", Today, Now));
        Assert.False(item.ReturnFromReview(first, "旧意见", "法律顾问", Now));
        Assert.Equal(ItemState.UnderReview, item.State);
        Assert.NotNull(item.Publish(second, "X/2026-00001", "负责人", Today, Now));
    }

    [Fact]
    public void A_redelivered_approval_publishes_nothing_twice()
    {
        var item = Published();
        Assert.Null(item.Publish(item.ReviewRound, null, "负责人", Today, Now));
        Assert.Equal(1, item.Version);
    }

    [Fact]
    public void Editing_a_published_item_starts_a_new_version_that_keeps_the_index_number()
    {
        var item = Published();
        var changedOn = Today.AddDays(1);
        item.Edit(Content("关于2026年度老旧小区改造资金拨付的通知（修订）"), changedOn, new DateOnly(2026, 12, 18), new DateOnly(2026, 12, 29), "承办人", Now);

        Assert.Equal(ItemState.Draft, item.State);
        Assert.Equal(2, item.Version);
        Assert.Equal(1, item.PublishedVersion);
        Assert.Equal(changedOn, item.FormedOrChangedOn);
        Assert.Equal(new DateOnly(2026, 12, 29), item.DueOn);
        Assert.Null(item.CurrentVersionPublishedOn);
        Assert.False(item.NeedsIndexNumber);

        var round = item.Submit("承办人", Now);
        // The number never changes: a second number is refused outright.
        Assert.Throws<InvalidOperationException>(() => item.Publish(round, "510116-dsj/2026-00002", "负责人", changedOn, Now));
        var version = item.Publish(round, null, "负责人", changedOn, Now);
        Assert.Equal(2, version!.Version);
        Assert.Equal("510116-dsj/2026-00001", version.IndexNumber);
        Assert.Equal(Today, item.FirstPublishedOn);
        Assert.Equal(changedOn, item.PublishedOn);
    }

    [Fact]
    public void A_first_publication_needs_a_number()
    {
        var item = Draft();
        var round = item.Submit("登记员", Now);
        Assert.Throws<InvalidOperationException>(() => item.Publish(round, null, "负责人", Today, Now));
    }

    [Fact]
    public void An_item_under_review_or_withdrawn_cannot_be_edited()
    {
        var item = Draft();
        item.Submit("登记员", Now);
        Assert.Throws<ItemRuleException>(() => item.Edit(Content(), Today, Today, Today, "承办人", Now));
        var withdrawn = Published();
        withdrawn.Withdraw("内容有误，重新制作", "承办人", Now);
        Assert.Throws<ItemRuleException>(() => withdrawn.Edit(Content(), Today, Today, Today, "承办人", Now));
    }

    [Fact]
    public void Withdrawal_needs_a_published_item_and_a_reason_and_records_who()
    {
        Assert.Throws<ItemRuleException>(() => Draft().Withdraw("理由", "承办人", Now));
        var item = Published();
        Assert.Throws<ItemRuleException>(() => item.Withdraw(" ", "承办人", Now));
        item.Withdraw("内容有误，重新制作", "承办人", Now);
        Assert.Equal(ItemState.Withdrawn, item.State);
        Assert.Equal("内容有误，重新制作", item.WithdrawnReason);
        Assert.Equal("承办人", item.WithdrawnBy);
        Assert.Equal("510116-dsj/2026-00001", item.IndexNumber);
        Assert.Throws<ItemRuleException>(() => item.Withdraw("再撤一次", "承办人", Now));
    }

    [Fact]
    public void A_published_item_can_be_withdrawn_while_its_next_version_is_in_review_and_the_late_approval_is_ignored()
    {
        var item = Published();
        item.Edit(Content(), Today, Today, Today, "承办人", Now);
        var round = item.Submit("承办人", Now);
        item.Withdraw("政策已调整，暂停公开", "承办人", Now);
        Assert.Equal(ItemState.Withdrawn, item.State);
        Assert.Null(item.Publish(round, null, "负责人", Today, Now));
        Assert.Equal(ItemState.Withdrawn, item.State);
    }

    [Fact]
    public void Only_a_never_published_draft_can_be_discarded()
    {
        Draft().EnsureDiscardable();
        var underReview = Draft();
        underReview.Submit("登记员", Now);
        Assert.Throws<ItemRuleException>(underReview.EnsureDiscardable);
        var revised = Published();
        revised.Edit(Content(), Today, Today, Today, "承办人", Now);
        Assert.Equal(ItemState.Draft, revised.State);
        Assert.Throws<ItemRuleException>(revised.EnsureDiscardable);
    }

    [Fact]
    public void A_draft_that_records_an_accepted_conversion_or_a_re_review_cannot_be_discarded()
    {
        var converted = InformationItem.FromConversion(Guid.NewGuid(), Content(),
            new ConversionOrigin(Guid.NewGuid(), ConversionSource.SeveralApplicants, ["510116-dsj-2026-00001"]), Today, Today.AddDays(28), "承办人", Now);
        Assert.Throws<ItemRuleException>(converted.EnsureDiscardable);

        var reReviewed = Draft(DisclosureMode.NotPublic);
        reReviewed.ReReview(ReReviewOutcome.KeepNotPublic, "涉及个人隐私", "第十五条", null, Today, Today, "承办人", Now);
        Assert.Throws<ItemRuleException>(reReviewed.EnsureDiscardable);
    }

    [Fact]
    public void Editing_a_held_interpretation_sends_it_back_to_draft_counting_from_its_corrected_date()
    {
        var policyId = Guid.NewGuid();
        ItemContent Interpretation(DateOnly writtenOn) => new ItemInput("《关于老旧小区改造资金拨付的通知》解读", null, "10", Genre.Interpretation,
            "成都市双流区人民政府东升街道办事处", writtenOn, null, DisclosureMode.Proactive, null, null, null, "01", "<p>解读</p>", [],
            Interprets: policyId).Validate(Today).Content!;
        var item = InformationItem.Draft(Guid.NewGuid(), Interpretation(new DateOnly(2026, 11, 20)), new DateOnly(2026, 12, 18), "登记员", Now);
        Assert.True(item.HoldForPolicy(item.Submit("登记员", Now), "负责人", Now));
        Assert.Equal(ItemState.AwaitingPolicy, item.State);
        var refused = Assert.Throws<ItemRuleException>(() => item.Attach(Guid.NewGuid(), "解读.pdf", AttachmentType.Pdf, 10, new string('0', 64), "登记员", Now));
        Assert.Contains("待随政策文件", refused.Message);

        var corrected = new DateOnly(2026, 11, 25);
        item.Edit(Interpretation(corrected), Today, dueForFormed: new DateOnly(2026, 12, 23), dueForChange: Today, "承办人", Now);
        Assert.Equal((ItemState.Draft, corrected, new DateOnly(2026, 12, 23)), (item.State, item.FormedOrChangedOn, item.DueOn));
    }

    [Fact]
    public void Validity_changes_are_recorded_on_published_items_only_and_dated_sensibly()
    {
        Assert.Throws<ItemRuleException>(() => Draft().ChangeValidity(Validity.Repealed, Today, Today, "承办人", Now));
        var item = Published();
        Assert.Throws<ItemRuleException>(() => item.ChangeValidity(Validity.Valid, Today, Today, "承办人", Now));
        Assert.Throws<ItemRuleException>(() => item.ChangeValidity(Validity.Repealed, Today.AddDays(1), Today, "承办人", Now));
        Assert.Throws<ItemRuleException>(() => item.ChangeValidity(Validity.Repealed, new DateOnly(2026, 11, 19), Today, "承办人", Now));

        var change = item.ChangeValidity(Validity.Repealed, Today, Today, "承办人", Now);

        Assert.Equal((Validity.Valid, Validity.Repealed, Today), (change.From, change.To, change.On));
        Assert.Equal(Validity.Repealed, item.Validity);
        Assert.Equal(Today, item.ValidityChangedOn);
        Assert.Equal(ItemState.Published, item.State);
    }
}
