using Gongkai.Document.Rendering;

namespace Gongkai.UnitTests.Document;

public class LineBreakerTests
{
    // Every character one unit wide, so a width of 5 holds five characters.
    private static IReadOnlyList<string> Break(string text, double width = 5, double indent = 0) => LineBreaker.Break(text, width, indent, _ => 1);

    [Fact]
    public void Chinese_breaks_between_any_two_characters_and_the_first_line_is_indented()
    {
        Assert.Equal(["一二三四五", "六七八九十", "甲"], Break("一二三四五六七八九十甲"));
        Assert.Equal(["一二三", "四五六七八"], Break("一二三四五六七八", indent: 2));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line_the_character_before_goes_with_it()
    {
        Assert.Equal(["一二三四", "五，六"], Break("一二三四五，六"));
        Assert.Equal(["一二三四", "五。"], Break("一二三四五。"));
        Assert.Equal(["一二三四", "五）"], Break("一二三四五）"));
    }

    [Fact]
    public void Opening_punctuation_never_ends_a_line()
    {
        Assert.Equal(["一二三四", "（五）"], Break("一二三四（五）"));
        Assert.Equal(["一二三", "《“五》"], Break("一二三《“五》"));
    }

    [Fact]
    public void A_number_or_latin_word_stays_whole_unless_longer_than_a_line()
    {
        Assert.Equal(["一二三", "2026年"], Break("一二三2026年"));
        Assert.Equal(["ABCD", "EFGH", "IJ"], Break("ABCDEFGHIJ", width: 4));
        Assert.Equal(["at", "one"], Break("at one", width: 4));
    }

    [Fact]
    public void A_line_feed_starts_a_new_line_and_a_surrogate_pair_is_one_character()
    {
        Assert.Equal(["一二", "三"], Break("一二\n三"));
        Assert.Equal(["𠈌𠈌𠈌𠈌𠈌", "𠈌"], Break("𠈌𠈌𠈌𠈌𠈌𠈌"));
    }
}
