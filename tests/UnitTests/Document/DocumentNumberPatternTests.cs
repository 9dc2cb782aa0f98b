using Gongkai.Document.Domain.Numbering;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.UnitTests.Document;

public class DocumentNumberPatternTests
{
    [Theory]
    [InlineData("双府公复〔{year}〕{seq}号", 2026, 12, "双府公复〔2026〕12号")]
    [InlineData("双府公复〔{year}〕{seq:3}号", 2026, 7, "双府公复〔2026〕007号")]
    [InlineData("东街告字第{seq:4}号", 2027, 1234, "东街告字第1234号")]
    [InlineData("{year}-{seq:2}", 2026, 123, "2026-123")]
    public void Number_is_the_pattern_with_year_and_sequence(string pattern, int year, int sequence, string expected) =>
        Assert.Equal(expected, DocumentNumberPattern.Format(pattern, year, sequence));

    [Fact]
    public void Sequences_start_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumberPattern.Format("{seq}", 2026, 0));

    [Fact]
    public void Every_family_has_a_valid_default_pattern()
    {
        foreach (var family in NumberFamilies.All)
            Assert.Empty(DocumentNumberPattern.Problems(DocumentNumberPattern.Defaults[family]));
        Assert.Equal("公开复〔2026〕1号", DocumentNumberPattern.Format(DocumentNumberPattern.Defaults[NumberFamilies.Reply], 2026, 1));
    }

    [Theory]
    [InlineData("双府公复〔{year}〕号", "序号占位符")]
    [InlineData("{seq}-{seq}", "序号占位符")]
    [InlineData("{year}{year}{seq}", "最多出现一次")]
    [InlineData("{year:4}{seq}", "不能指定位数")]
    [InlineData("{unit}〔{year}〕{seq}号", "只能使用")]
    [InlineData("{seq}号}", "只能使用")]
    public void Bad_patterns_are_refused_in_Chinese(string pattern, string expected) =>
        Assert.Contains(DocumentNumberPattern.Problems(pattern), p => p.Contains(expected));

    [Fact]
    public void Empty_pattern_means_unnumbered_and_is_allowed() => Assert.Empty(DocumentNumberPattern.Problems(""));

    [Fact]
    public void Too_long_patterns_are_refused() =>
        Assert.Contains(DocumentNumberPattern.Problems(new string('字', 60) + "{seq}"), p => p.Contains("60"));
}
