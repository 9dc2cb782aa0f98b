using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class ChineseSearchTermsTests
{
    [Theory]
    [InlineData("《资金 拨付》，通知！", "资金拨付通知")]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("GDP 增长 5.2%", "gdp增长52")]
    [InlineData("  \t\n", "")]
    [InlineData(null, "")]
    public void Normalising_folds_width_and_case_and_drops_punctuation_and_spaces(string? text, string expected) =>
        Assert.Equal(expected, ChineseSearchTerms.Normalize(text));

    [Fact]
    public void Text_becomes_its_distinct_overlapping_bigrams() =>
        Assert.Equal(new[] { "资金", "金拨", "拨付", "付资" }, ChineseSearchTerms.Terms("资金拨付资金"));

    [Fact]
    public void A_single_character_is_its_own_term() =>
        Assert.Equal(new[] { "税" }, ChineseSearchTerms.Terms("税"));

    [Fact]
    public void Characters_outside_the_basic_plane_stay_whole() =>
        Assert.Equal(new[] { "𠀀字" }, ChineseSearchTerms.Terms("𠀀字"));

    [Fact]
    public void An_items_terms_cover_every_two_character_word_of_each_field_but_never_span_fields()
    {
        var terms = ChineseSearchTerms.ForItem("老旧小区改造", "资金拨付", null, "低保");
        Assert.Contains("资金", terms);
        Assert.Contains("低保", terms);
        Assert.Contains("改造", terms);
        Assert.DoesNotContain("造资", terms);
        Assert.True(ChineseSearchTerms.Terms("拨付").All(terms.Contains));
    }

    [Fact]
    public void The_search_text_confirms_adjacency()
    {
        var text = ChineseSearchTerms.SearchText("资金拨付", "金额");
        Assert.Contains(ChineseSearchTerms.Normalize("资金"), text);
        Assert.DoesNotContain("付金", text);
    }

    [Fact]
    public void Very_long_texts_are_capped()
    {
        var text = string.Concat(Enumerable.Range(0x4E00, 6000).Select(c => (char)c));
        Assert.Equal(ChineseSearchTerms.MaxTerms, ChineseSearchTerms.Terms(text).Count);
    }
}
