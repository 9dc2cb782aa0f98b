using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;

namespace Gongkai.UnitTests.LegalReview;

public class ReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Counsel = [StaffRoles.LegalCounsel];
    private static readonly string[] Approver = [StaffRoles.Approver];

    private static Dictionary<string, ChecklistAnswer> AllAnswered(ReviewStepKind kind) =>
        Checklists.For(kind).Keys.ToDictionary(k => k, _ => new ChecklistAnswer(true, null));

    private static Review Start(string? outcome, bool thirdParty = false) =>
        Review.Start(Guid.NewGuid(), "510116-dsj-2026-00001", 1, "Withhold", outcome, new DateOnly(2026, 12, 18),
            ReviewPolicy.Defaults("510116-dsj").ChainFor(outcome, thirdParty), Now);

    [Theory]
    [InlineData("Disclosed", false, new[] { ReviewStepKind.SignOff })]
    [InlineData("PartiallyDisclosed", false, new[] { ReviewStepKind.Legality, ReviewStepKind.SignOff })]
    [InlineData("WithheldStateSecret", false, new[] { ReviewStepKind.Legality, ReviewStepKind.SignOff })]
    [InlineData("NotHandledRepeated", false, new[] { ReviewStepKind.Legality, ReviewStepKind.SignOff })]
    [InlineData("Disclosed", true, new[] { ReviewStepKind.Confidentiality, ReviewStepKind.SignOff })]
    [InlineData("WithheldThirdPartyRights", true, new[] { ReviewStepKind.Confidentiality, ReviewStepKind.Legality, ReviewStepKind.SignOff })]
    public void Default_chain_depends_on_the_outcome_and_third_parties(string outcome, bool thirdParty, ReviewStepKind[] expected)
    {
        Assert.Equal(expected, ReviewPolicy.Defaults("u").ChainFor(outcome, thirdParty).Select(s => s.Kind));
    }

    [Fact]
    public void A_unit_can_require_legality_review_for_every_reply()
    {
        var policy = new ReviewPolicy { TenantId = "u", LegalityForEveryReply = true };
        Assert.Equal([ReviewStepKind.Legality, ReviewStepKind.SignOff], policy.ChainFor("Disclosed", false).Select(s => s.Kind));
    }

    [Fact]
    public void A_catalogue_item_gets_the_confidentiality_review_and_sign_off_and_three_reviews_when_the_unit_asks()
    {
        Assert.Equal([ReviewStepKind.Confidentiality, ReviewStepKind.SignOff], ReviewPolicy.Defaults("u").ChainForPublication().Select(s => s.Kind));
        var threeReviews = new ReviewPolicy { TenantId = "u", LegalityForPublications = true };
        Assert.Equal([ReviewStepKind.Confidentiality, ReviewStepKind.Legality, ReviewStepKind.SignOff], threeReviews.ChainForPublication().Select(s => s.Kind));
        var signOffOnly = new ReviewPolicy { TenantId = "u", ConfidentialityForPublications = false };
        Assert.Equal([ReviewStepKind.SignOff], signOffOnly.ChainForPublication().Select(s => s.Kind));
    }

    [Fact]
    public void A_review_keeps_its_subject_and_refuses_an_undefined_one()
    {
        var chain = ReviewPolicy.Defaults("u").ChainForPublication();
        var review = Review.Start(Guid.NewGuid(), "公开-关于老旧小区改造的公示", 1, null, null, new DateOnly(2026, 12, 28), chain, Now, ReviewSubject.Publication);
        Assert.Equal(ReviewSubject.Publication, review.Subject);
        Assert.Equal(ReviewSubject.Case, Start("Disclosed").Subject);
        Assert.Throws<ArgumentOutOfRangeException>(() => Review.Start(Guid.NewGuid(), "x", 1, null, null, new DateOnly(2026, 12, 28), chain, Now, (ReviewSubject)7));
    }

    [Fact]
    public void Steps_are_decided_in_order_by_their_role_with_every_checklist_question_answered()
    {
        var review = Start("PartiallyDisclosed");

        Assert.Throws<ReviewForbiddenException>(() => review.Decide(1, "a", "负责人", Approver, ReviewVerdict.Approve, null, null, Now));
        var missing = Assert.Throws<ReviewInputException>(() => review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Approve, null, null, Now));
        Assert.Contains("当不当", Checklists.Legality["reply"]);
        Assert.Contains("reply", missing.Message);
        Assert.Throws<ReviewRuleException>(() => review.Decide(2, "a", "负责人", Approver, ReviewVerdict.Approve, null, null, Now));

        review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Approve, "合法", AllAnswered(ReviewStepKind.Legality), Now);
        Assert.Equal(2, review.CurrentStep!.Number);
        Assert.Equal(ReviewState.InProgress, review.State);
        var opinion = review.Decide(2, "a", "负责人", Approver, ReviewVerdict.Approve, null, null, Now.AddHours(1));

        Assert.Equal(ReviewState.Approved, review.State);
        Assert.Equal("负责人", opinion.ReviewerName);
        Assert.Equal(Now.AddHours(1), opinion.At);
        Assert.Throws<ReviewRuleException>(() => review.Decide(2, "a", "负责人", Approver, ReviewVerdict.Return, "再看看", null, Now));
    }

    [Fact]
    public void A_return_needs_reasons_and_ends_the_round()
    {
        var review = Start("WithheldStateSecret");
        Assert.Throws<ReviewInputException>(() => review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Return, " ", AllAnswered(ReviewStepKind.Legality), Now));

        review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Return, "未说明定密依据", AllAnswered(ReviewStepKind.Legality), Now);

        Assert.Equal(ReviewState.Returned, review.State);
        Assert.Null(review.CurrentStep);
        Assert.Equal(ReviewStepState.Waiting, review.Steps[1].State);
    }

    [Fact]
    public void Escalation_inserts_the_approvers_decision_before_the_rest_of_the_chain()
    {
        var review = Start("WithheldThirdPartyRights", thirdParty: true);
        review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Escalate, "是否涉及商业秘密难以判断", AllAnswered(ReviewStepKind.Confidentiality), Now);

        Assert.Equal([ReviewStepKind.Confidentiality, ReviewStepKind.Escalated, ReviewStepKind.Legality, ReviewStepKind.SignOff], review.Steps.Select(s => s.Kind));
        Assert.Equal([1, 2, 3, 4], review.Steps.Select(s => s.Number));
        Assert.Equal(StaffRoles.Approver, review.CurrentStep!.Role);
        Assert.Throws<ReviewRuleException>(() => review.Decide(2, "a", "负责人", Approver, ReviewVerdict.Escalate, "再上报", null, Now));
        review.Decide(2, "a", "负责人", Approver, ReviewVerdict.Approve, "不属于商业秘密", null, Now);
        Assert.Equal(ReviewStepKind.Legality, review.CurrentStep!.Kind);
    }

    [Fact]
    public void An_empty_answer_answers_nothing_and_changes_nothing()
    {
        var review = Start("PartiallyDisclosed");
        var answers = AllAnswered(ReviewStepKind.Legality);
        answers["reply"] = new ChecklistAnswer(null, "稍后补充");

        var missing = Assert.Throws<ReviewInputException>(() => review.Decide(1, "c", "法律顾问", Counsel, ReviewVerdict.Approve, "合法", answers, Now));

        Assert.Equal("checklist", missing.Field);
        Assert.Contains("reply", missing.Message);
        Assert.Equal(ReviewStepState.Pending, review.Steps[0].State);
        Assert.Equal(ReviewState.InProgress, review.State);
    }

    [Fact]
    public void An_undefined_verdict_is_refused_and_changes_nothing()
    {
        var review = Start("Disclosed");

        Assert.Throws<ArgumentOutOfRangeException>(() => review.Decide(1, "a", "负责人", Approver, (ReviewVerdict)99, "同意", null, Now));

        Assert.Equal(ReviewState.InProgress, review.State);
        Assert.Single(review.Steps);
        Assert.Equal(ReviewStepState.Pending, review.Steps[0].State);
    }
}
