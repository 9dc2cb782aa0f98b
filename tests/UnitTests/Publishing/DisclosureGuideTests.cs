using Gongkai.Publishing.Domain.Guide;

namespace Gongkai.UnitTests.Publishing;

public class DisclosureGuideTests
{
    internal static GuideInput Filled() => GuideTemplate.For("成都市双流区人民政府东升街道办事处") with
    {
        Address = "成都市双流区东升街道棠湖西路 1 号",
        Postcode = "610200",
        Phone = "028-85801234、12345",
        Fax = "（028）85801235",
        Email = "gongkai@shuangliu.gov.cn",
        OnlineApplicationUrl = "https://www.shuangliu.gov.cn/ysqgk",
        RemediesHtml = "<p>可以依法向成都市双流区人民政府申请行政复议，或者向人民法院提起行政诉讼。</p>",
    };

    [Fact]
    public void A_filled_in_template_is_a_valid_guide_with_the_unit_named()
    {
        var (content, errors) = Filled().Validate();
        Assert.Empty(errors);
        Assert.Equal("成都市双流区人民政府东升街道办事处办公室", content!.OfficeName);
        Assert.Contains("东升街道办事处", content.ClassificationHtml);
        Assert.Contains("不收取费用", content.FeesHtml);
    }

    [Fact]
    public void The_unfilled_template_is_refused_where_the_unit_must_fill_it_in()
    {
        var (content, errors) = GuideTemplate.For("东升街道办事处").Validate();
        Assert.Null(content);
        Assert.Contains("address", errors.Keys);
        Assert.Contains("phone", errors.Keys);
        Assert.Contains("remediesHtml", errors.Keys);
        Assert.Contains("email", errors.Keys);      // an internet contact (Art. 12)
        Assert.DoesNotContain("classificationHtml", errors.Keys);
    }

    [Theory]
    [InlineData("028-85801234")]
    [InlineData("02885801234")]
    [InlineData("(028)85801234")]
    [InlineData("（0838）2201234")]
    [InlineData("028-85801234转8012")]
    [InlineData("13800138000")]
    [InlineData("12345")]
    [InlineData("400-123-4567")]
    [InlineData("028-85801234，13800138000")]
    public void Telephone_numbers_people_write_are_accepted(string phone) =>
        Assert.Empty((Filled() with { Phone = phone }).Validate().Errors);

    [Theory]
    [InlineData("85801234")]            // no area code
    [InlineData("028-8580")]
    [InlineData("1380013800")]          // one digit short
    [InlineData("028-85801234、")]      // an empty number
    [InlineData("电话028-85801234")]
    [InlineData("０２８-８５８０１２３４")] // full-width digits
    public void Malformed_telephone_numbers_are_refused_naming_the_field(string phone)
    {
        var errors = (Filled() with { Phone = phone }).Validate().Errors;
        Assert.Contains("联系电话", Assert.Single(errors).Value[0]);
        Assert.Equal("phone", errors.Keys.Single());
    }

    [Fact]
    public void Fax_postcode_email_and_address_formats_are_checked()
    {
        Assert.Equal("fax", Assert.Single((Filled() with { Fax = "13800138000" }).Validate().Errors).Key);
        Assert.Equal("postcode", Assert.Single((Filled() with { Postcode = "61020" }).Validate().Errors).Key);
        Assert.Equal("postcode", Assert.Single((Filled() with { Postcode = "6102000" }).Validate().Errors).Key);
        Assert.Equal("email", Assert.Single((Filled() with { Email = "gongkai@shuangliu" }).Validate().Errors).Key);
        Assert.Equal("onlineApplicationUrl", Assert.Single((Filled() with { OnlineApplicationUrl = "javascript:alert(1)" }).Validate().Errors).Key);
        Assert.Equal("onlineApplicationUrl", Assert.Single((Filled() with { OnlineApplicationUrl = "ftp://shuangliu.gov.cn/" }).Validate().Errors).Key);
        Assert.Equal("onlineApplicationUrl", Assert.Single((Filled() with { OnlineApplicationUrl = "/ysqgk" }).Validate().Errors).Key);
        // One internet contact is enough.
        Assert.Empty((Filled() with { Email = null }).Validate().Errors);
        Assert.Empty((Filled() with { OnlineApplicationUrl = null, Fax = null, Postcode = null }).Validate().Errors);
    }

    [Fact]
    public void Single_line_fields_refuse_control_characters_line_breaks_and_excess_length()
    {
        Assert.Equal("officeName", Assert.Single((Filled() with { OfficeName = "东升街道\u0000办公室" }).Validate().Errors).Key);
        Assert.Equal("address", Assert.Single((Filled() with { Address = "棠湖西路\n1 号" }).Validate().Errors).Key);
        Assert.Equal("officeHours", Assert.Single((Filled() with { OfficeHours = new string('时', 201) }).Validate().Errors).Key);
        Assert.Equal("officeName", Assert.Single((Filled() with { OfficeName = "办公室\u202E" }).Validate().Errors).Key);
        Assert.Equal("officeName", Assert.Single((Filled() with { OfficeName = " " }).Validate().Errors).Key);
    }

    [Fact]
    public void Sections_are_sanitised_and_must_say_something()
    {
        var (content, errors) = (Filled() with { FeesHtml = "<p onclick=\"x()\">不收费。</p><script>alert(1)</script>" }).Validate();
        Assert.Empty(errors);
        Assert.Equal("<p>不收费。</p>", content!.FeesHtml);
        Assert.Equal("feesHtml", Assert.Single((Filled() with { FeesHtml = "<script>alert(1)</script><p> </p>" }).Validate().Errors).Key);
        Assert.Equal("howToObtainHtml", Assert.Single((Filled() with { HowToObtainHtml = new string('文', GuideInput.MaxSection + 1) }).Validate().Errors).Key);
        Assert.Equal("classificationHtml", Assert.Single((Filled() with { ClassificationHtml = "<p>分类\u0007</p>" }).Validate().Errors).Key);
    }
}
