using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class ItemInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static ItemInput Valid() => new("关于2026年度老旧小区改造资金拨付的通知", "拨付补助资金。", "0401", Genre.Notice,
        "成都市双流区人民政府东升街道办事处", new DateOnly(2026, 11, 20), null, DisclosureMode.Proactive, null, null, null, null, null, null);

    [Fact]
    public void A_complete_item_is_accepted_trimmed_and_defaults_to_society()
    {
        var (content, errors) = (Valid() with { Title = "  标题  ", Keywords = [" 资金 ", "资金"] }).Validate(Today);
        Assert.Empty(errors);
        Assert.Equal("标题", content!.Title);
        Assert.Equal(DisclosureScope.Society, content.Scope);
        Assert.Equal(new[] { "资金" }, content.Keywords);
        Assert.Equal("", content.BodyHtml);
    }

    public static TheoryData<ItemInput, string> BadInputs
    {
        get
        {
            var valid = Valid();
            return new()
            {
                { valid with { Title = " " }, "title" },
                { valid with { Title = new string('标', 201) }, "title" },
                { valid with { Summary = new string('述', 501) }, "summary" },
                { valid with { SubjectCode = "23" }, "subjectCode" },
                { valid with { SubjectCode = null }, "subjectCode" },
                { valid with { Genre = null }, "genre" },
                { valid with { Publisher = "街" }, "publisher" },
                { valid with { WrittenOn = null }, "writtenOn" },
                { valid with { WrittenOn = new DateOnly(2026, 12, 1) }, "writtenOn" },
                { valid with { WrittenOn = new DateOnly(1949, 9, 30) }, "writtenOn" },
                { valid with { DocumentNumber = new string('号', 51) }, "documentNumber" },
                { valid with { Mode = null }, "mode" },
                { valid with { Mode = DisclosureMode.NotPublic, NotPublicArticle = "第十五条" }, "notPublicReason" },
                { valid with { Mode = DisclosureMode.NotPublic, NotPublicReason = "涉及商业秘密" }, "notPublicArticle" },
                { valid with { DomainCode = "27" }, "domainCode" },
                { valid with { Keywords = Enumerable.Range(1, 11).Select(i => $"词{i}").ToList() }, "keywords" },
                { valid with { Keywords = [new string('词', 21)] }, "keywords" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Each_bad_field_is_named_with_a_Chinese_message(ItemInput input, string field)
    {
        var (content, errors) = input.Validate(Today);
        Assert.Null(content);
        Assert.Equal(new[] { field }, errors.Keys);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", errors[field][0]);
    }

    [Fact]
    public void The_1949_founding_date_and_today_are_both_allowed()
    {
        Assert.Empty((Valid() with { WrittenOn = new DateOnly(1949, 10, 1) }).Validate(Today).Errors);
        Assert.Empty((Valid() with { WrittenOn = Today }).Validate(Today).Errors);
    }

    [Fact]
    public void Not_public_keeps_its_reason_and_article_and_other_modes_drop_them()
    {
        var notPublic = (Valid() with { Mode = DisclosureMode.NotPublic, NotPublicReason = "涉及个人隐私", NotPublicArticle = "第十五条" }).Validate(Today).Content!;
        Assert.Equal(("涉及个人隐私", "第十五条"), (notPublic.NotPublicReason, notPublic.NotPublicArticle));
        var proactive = (Valid() with { NotPublicReason = "多余", NotPublicArticle = "多余" }).Validate(Today).Content!;
        Assert.Null(proactive.NotPublicReason);
        Assert.Null(proactive.NotPublicArticle);
    }

    [Theory]
    [InlineData("东街发[2026]12号", "东街发〔2026〕12号")]
    [InlineData("国办发［2017］47号", "国办发〔2017〕47号")]
    [InlineData("国办发〔2017〕47号", "国办发〔2017〕47号")]
    [InlineData("第[12]号", "第[12]号")]
    public void The_year_of_a_document_number_is_put_in_hexagonal_brackets(string number, string expected) =>
        Assert.Equal(expected, (Valid() with { DocumentNumber = number }).Validate(Today).Content!.DocumentNumber);

    [Fact]
    public void The_body_is_stored_sanitised()
    {
        var content = (Valid() with { BodyHtml = "<p onclick=\"x()\">正文</p><script>alert(1)</script>" }).Validate(Today).Content!;
        Assert.Equal("<p>正文</p>", content.BodyHtml);
    }
}
