using Gongkai.Contracts;

namespace Gongkai.UnitTests.Contracts;

public class KeyDomainsTests
{
    [Fact]
    public void There_are_26_domains_coded_01_to_26_in_order_with_distinct_names()
    {
        Assert.Equal(Enumerable.Range(1, 26).Select(i => i.ToString("D2")), KeyDomains.All.Select(d => d.Code));
        Assert.Equal(26, KeyDomains.All.Select(d => d.Name).Distinct().Count());
        Assert.All(KeyDomains.All, d => Assert.NotEmpty(d.Keywords));
    }

    [Fact]
    public void A_code_finds_its_domain_and_anything_else_is_unclassified()
    {
        Assert.Equal("国有土地上房屋征收与补偿", KeyDomains.Find("07")!.Name);
        Assert.Null(KeyDomains.Find("27"));
        Assert.Null(KeyDomains.Find("7"));
        Assert.Null(KeyDomains.Find(null));
        Assert.Equal("财政预决算", KeyDomains.Label("04"));
        Assert.Equal("未分类", KeyDomains.Label(""));
        Assert.Equal("未分类", KeyDomains.Label(null));
    }

    [Theory]
    [InlineData("关于东升街道房屋征收补偿安置方案的公开申请", "07")]
    [InlineData("2025年度部门预算和三公经费", "04")]
    [InlineData("本村最低生活保障对象名单", "16")]
    public void The_description_suggests_a_domain(string description, string code) =>
        Assert.Equal(code, KeyDomains.Suggest(description)?.Code);

    [Theory]
    [InlineData("请提供某某事项")]
    [InlineData("")]
    [InlineData("   ")]
    public void No_keyword_suggests_nothing(string description) =>
        Assert.Null(KeyDomains.Suggest(description));

    [Fact]
    public void A_longer_keyword_outweighs_a_shorter_one_of_an_earlier_domain()
    {
        // 养老 (17 养老服务, 2 characters) and 养老保险 (21 社会保险, 4 characters) both occur: the longer one says more.
        Assert.Equal("21", KeyDomains.Suggest("本人养老保险缴费记录")!.Code);
        Assert.Equal("17", KeyDomains.Suggest("本街道养老机构名单")!.Code);
    }

    [Fact]
    public void Equal_weights_go_to_the_earlier_domain()
    {
        // 税收 (06) and 低保 (16): two characters each.
        Assert.Equal("06", KeyDomains.Suggest("低保和税收")!.Code);
    }
}
