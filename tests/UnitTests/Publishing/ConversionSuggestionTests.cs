using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Conversion;

namespace Gongkai.UnitTests.Publishing;

public class ConversionSuggestionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static ConversionSuggestion Flagged() =>
        ConversionSuggestion.FromFlag("A-0002", ["A-0001"], 0.82, "《政府信息公开条例》第四十四条", null, Now);

    [Fact]
    public void A_flag_opens_a_suggestion_naming_the_earlier_applications_first()
    {
        var suggestion = Flagged();
        Assert.Equal((ConversionSource.SeveralApplicants, ConversionState.Open), (suggestion.Source, suggestion.State));
        Assert.Equal(["A-0001", "A-0002"], suggestion.ApplicationNumbers);
        Assert.Equal(0.82, suggestion.Similarity);
        Assert.Equal("《政府信息公开条例》第四十四条", suggestion.Basis);
        Assert.Equal(ConversionSuggestion.FlagRaiser, suggestion.RaisedBy);
    }

    [Fact]
    public void The_third_applicant_joins_the_open_suggestion_once()
    {
        var suggestion = Flagged();
        Assert.True(suggestion.Concerns(["A-0003", "A-0001", "A-0002"]));
        Assert.True(suggestion.Join("A-0003", ["A-0001", "A-0002"], 0.9, Now.AddHours(1)));
        Assert.Equal(["A-0001", "A-0002", "A-0003"], suggestion.ApplicationNumbers);
        Assert.Equal(0.9, suggestion.Similarity);
        Assert.Equal(Now.AddHours(1), suggestion.UpdatedAt);
        // The same flag again adds nothing.
        Assert.False(suggestion.Join("A-0003", ["A-0001", "A-0002"], 0.9, Now.AddHours(2)));
        Assert.False(suggestion.Concerns(["B-0001"]));
    }

    [Fact]
    public void Accepting_links_the_draft_and_records_who_and_when_and_a_decision_is_final()
    {
        var suggestion = Flagged();
        var itemId = Guid.NewGuid();
        suggestion.Accept(itemId, "承办人", Now);
        Assert.Equal((ConversionState.Accepted, itemId, "承办人", Now), (suggestion.State, suggestion.ItemId, suggestion.DecidedBy, suggestion.DecidedAt));
        var again = Assert.Throws<ConversionRuleException>(() => suggestion.Decline("不属于主动公开范围", "登记员", Now));
        Assert.Contains("不能再次处理", again.Message);
        Assert.Throws<ConversionRuleException>(() => suggestion.Accept(Guid.NewGuid(), "登记员", Now));
        Assert.Throws<ConversionRuleException>(() => suggestion.Join("A-0009", ["A-0001"], 1, Now));
    }

    [Fact]
    public void Declining_needs_a_reason_which_is_kept()
    {
        var suggestion = Flagged();
        Assert.Throws<ConversionRuleException>(() => suggestion.Decline("  ", "承办人", Now));
        Assert.Throws<ConversionRuleException>(() => suggestion.Decline(new string('理', 501), "承办人", Now));
        Assert.Equal(ConversionState.Open, suggestion.State);
        suggestion.Decline(" 涉及第三方商业秘密，仅向申请人公开 ", "承办人", Now);
        Assert.Equal((ConversionState.Declined, "涉及第三方商业秘密，仅向申请人公开"), (suggestion.State, suggestion.DeclineReason));
    }

    [Fact]
    public void Staff_record_only_the_two_sources_a_person_brings()
    {
        var suggestion = ConversionSuggestion.Record(ConversionSource.ApplicantSuggested, [" 510116-dsj-2026-00007 ", "510116-dsj-2026-00007"],
            "申请人建议公开征收补偿标准", "登记员", Now);
        Assert.Equal(["510116-dsj-2026-00007"], suggestion.ApplicationNumbers);
        Assert.Equal("《政府信息公开条例》第四十四条第二款", suggestion.Basis);
        Assert.Null(suggestion.Similarity);
        Assert.Throws<ConversionRuleException>(() => ConversionSuggestion.Record(ConversionSource.SeveralApplicants, ["X"], "说明", "登记员", Now));
    }

    [Fact]
    public void An_accepted_suggestion_becomes_a_proactive_draft_whose_clock_runs_from_today()
    {
        var today = new DateOnly(2026, 11, 30);
        var origin = new ConversionOrigin(Guid.NewGuid(), ConversionSource.SeveralApplicants, ["A-0001", "A-0002"]);
        var content = InformationItemTests.Content() with { WrittenOn = new DateOnly(2025, 3, 1) };
        var item = InformationItem.FromConversion(Guid.NewGuid(), content, origin, today, new DateOnly(2026, 12, 28), "承办人", Now);
        Assert.Equal((ItemState.Draft, DisclosureMode.Proactive), (item.State, item.Mode));
        Assert.Equal(origin, item.ConvertedFrom);
        Assert.Equal((today, new DateOnly(2026, 12, 28)), (item.FormedOrChangedOn, item.DueOn));
        Assert.Throws<ItemRuleException>(() => InformationItem.FromConversion(Guid.NewGuid(), InformationItemTests.Content(mode: DisclosureMode.OnApplication),
            origin, today, today, "承办人", Now));
    }
}
