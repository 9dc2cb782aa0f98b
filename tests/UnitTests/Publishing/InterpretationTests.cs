using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class InterpretationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly Genre[] NoneRequired = [];

    private static ItemInput PolicyInput(Genre genre = Genre.Opinion, DisclosureMode mode = DisclosureMode.Proactive) =>
        new("关于促进东升街道养老服务发展的实施意见", "养老服务补贴与设施建设。", "17", genre, "成都市双流区人民政府东升街道办事处", new DateOnly(2026, 11, 20),
            "东街发〔2026〕15号", mode, mode == DisclosureMode.NotPublic ? "涉及个人隐私" : null, mode == DisclosureMode.NotPublic ? "第十五条" : null,
            null, "17", "<p>正文</p>", ["养老"]);

    private static ItemInput InterpretationInput(Guid policyId) =>
        PolicyInput(Genre.Interpretation) with { Title = "《关于促进东升街道养老服务发展的实施意见》政策解读", DocumentNumber = null, Interprets = policyId };

    private static InformationItem Policy(Genre genre = Genre.Opinion, DisclosureMode mode = DisclosureMode.Proactive) =>
        InformationItem.Draft(Guid.NewGuid(), PolicyInput(genre, mode).Validate(Today).Content!, new DateOnly(2026, 12, 18), "登记员", Now);

    private static InformationItem InterpretationOf(InformationItem policy) =>
        InformationItem.Draft(Guid.NewGuid(), InterpretationInput(policy.Id).Validate(Today).Content!, new DateOnly(2026, 12, 18), "登记员", Now);

    private static void Publish(InformationItem item, string number) => Assert.NotNull(item.Publish(item.Submit("登记员", Now), number, "负责人", Today, Now));

    [Fact]
    public void An_interpretation_has_the_interpretation_genre_and_is_proactive()
    {
        var policyId = Guid.NewGuid();
        var (content, errors) = InterpretationInput(policyId).Validate(Today);
        Assert.Empty(errors);
        Assert.Equal(policyId, content!.InterpretsId);

        (_, errors) = (InterpretationInput(policyId) with { Genre = Genre.Notice }).Validate(Today);
        Assert.Contains("解读", Assert.Single(errors, e => e.Key == "genre").Value[0]);
        (_, errors) = (InterpretationInput(policyId) with { Mode = DisclosureMode.OnApplication }).Validate(Today);
        Assert.Contains("mode", errors.Keys);
        // A 解读 of a superior's document (not in this catalogue) names no policy: that is allowed.
        Assert.Empty((InterpretationInput(policyId) with { Interprets = null }).Validate(Today).Errors);
    }

    [Fact]
    public void The_policy_must_exist_be_proactive_not_withdrawn_and_not_itself_an_interpretation()
    {
        var policy = Policy();
        Assert.Null(Interpretations.LinkProblem(null, policy, selfHasInterpretations: false));
        Assert.NotNull(Interpretations.LinkProblem(null, null, false));                                   // not in this unit
        Assert.NotNull(Interpretations.LinkProblem(policy.Id, policy, false));                            // itself
        Assert.NotNull(Interpretations.LinkProblem(null, InterpretationOf(policy), false));               // an interpretation
        Assert.NotNull(Interpretations.LinkProblem(null, Policy(Genre.Interpretation), false));           // genre 解读
        Assert.NotNull(Interpretations.LinkProblem(null, Policy(mode: DisclosureMode.NotPublic), false)); // never public
        Assert.NotNull(Interpretations.LinkProblem(Guid.NewGuid(), policy, selfHasInterpretations: true)); // is interpreted itself

        Publish(policy, "510116-dsj/2026-00001");
        policy.Withdraw("文件已被替代", "登记员", Now);
        Assert.Contains("撤回", Interpretations.LinkProblem(null, policy, false));
    }

    [Fact]
    public void An_interpretation_goes_to_review_no_earlier_than_its_policy()
    {
        var policy = Policy();
        var interpretation = InterpretationOf(policy);
        var refused = Assert.Throws<ItemRuleException>(() => Interpretations.EnsureSubmittable(interpretation, policy, false, NoneRequired));
        Assert.Contains(policy.Title, refused.Message);

        policy.Submit("登记员", Now);
        Interpretations.EnsureSubmittable(interpretation, policy, false, NoneRequired);

        Assert.Throws<ItemRuleException>(() => Interpretations.EnsureSubmittable(interpretation, null, false, NoneRequired));
    }

    [Fact]
    public void Submitting_a_policy_takes_only_its_interpretation_drafts_along()
    {
        var policy = Policy();
        var draft = InterpretationOf(policy);
        var inReview = InterpretationOf(policy);
        inReview.Submit("登记员", Now);
        Assert.Equal([draft], Interpretations.SubmittedWith([draft, inReview]));
    }

    [Fact]
    public void A_genre_the_unit_requires_an_interpretation_for_cannot_be_submitted_without_one()
    {
        Genre[] required = [Genre.Opinion];
        var refused = Assert.Throws<ItemRuleException>(() => Interpretations.EnsureSubmittable(Policy(), null, hasLiveInterpretation: false, required));
        Assert.Contains("意见", refused.Message);
        Interpretations.EnsureSubmittable(Policy(), null, hasLiveInterpretation: true, required);
        Interpretations.EnsureSubmittable(Policy(Genre.Notice), null, hasLiveInterpretation: false, required);
        // Off by default.
        Interpretations.EnsureSubmittable(Policy(), null, hasLiveInterpretation: false, new PublishingSettings().InterpretationRequiredForOrNone);
    }

    [Fact]
    public void An_interpretation_approved_first_waits_and_is_published_with_its_policy()
    {
        var policy = Policy();
        var interpretation = InterpretationOf(policy);
        var policyRound = policy.Submit("登记员", Now);
        var round = interpretation.Submit("登记员", Now);

        Assert.Equal(InterpretationOutcome.WaitForPolicy, Interpretations.OnApproval(policy));
        Assert.True(interpretation.HoldForPolicy(round, "保密审查员", Now));
        Assert.Equal(ItemState.AwaitingPolicy, interpretation.State);
        Assert.False(interpretation.HoldForPolicy(round, "保密审查员", Now));  // a redelivered approval changes nothing
        Assert.Null(interpretation.IndexNumber);

        Assert.NotNull(policy.Publish(policyRound, "510116-dsj/2026-00001", "负责人", Today, Now));
        var version = interpretation.PublishHeld("510116-dsj/2026-00002", Today, Now);
        Assert.Equal(ItemState.Published, interpretation.State);
        Assert.Equal(Today, interpretation.PublishedOn);
        Assert.Equal("保密审查员", version.ApprovedBy);
        Assert.Equal(policy.Id, version.Content.InterpretsId);
        Assert.Throws<InvalidOperationException>(() => interpretation.PublishHeld(null, Today, Now));
    }

    [Fact]
    public void Once_the_policy_was_published_its_interpretations_publish_on_approval_and_after_withdrawal_never()
    {
        var policy = Policy();
        Publish(policy, "510116-dsj/2026-00001");
        Assert.Equal(InterpretationOutcome.PublishNow, Interpretations.OnApproval(policy));
        // Also while the policy's next version is in review: the public sees the last published one.
        policy.Edit(PolicyInput().Validate(Today).Content!, Today, Today, Today, "登记员", Now);
        policy.Submit("登记员", Now);
        Assert.Equal(InterpretationOutcome.PublishNow, Interpretations.OnApproval(policy));

        policy.Withdraw("文件已被替代", "登记员", Now);
        Assert.Equal(InterpretationOutcome.Return, Interpretations.OnApproval(policy));
        Assert.Equal(InterpretationOutcome.Return, Interpretations.OnApproval(null));
    }

    [Fact]
    public void Editing_a_held_interpretation_sends_it_back_to_review_and_a_published_one_keeps_its_policy()
    {
        var policy = Policy();
        var interpretation = InterpretationOf(policy);
        policy.Submit("登记员", Now);
        interpretation.HoldForPolicy(interpretation.Submit("登记员", Now), "负责人", Now);

        var content = InterpretationInput(policy.Id).Validate(Today).Content!;
        interpretation.Edit(content, Today, Today, Today, "登记员", Now);
        Assert.Equal(ItemState.Draft, interpretation.State);
        Assert.Null(interpretation.HeldApprovedBy);

        Publish(interpretation, "510116-dsj/2026-00002");
        var elsewhere = InterpretationInput(Guid.NewGuid()).Validate(Today).Content!;
        Assert.Throws<ItemRuleException>(() => interpretation.Edit(elsewhere, Today, Today, Today, "登记员", Now));
        interpretation.Edit(content, Today, Today, Today, "登记员", Now);
        Assert.Equal(2, interpretation.Version);
    }
}
