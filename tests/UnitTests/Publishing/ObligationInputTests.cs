using Gongkai.Publishing.Domain.Standard;

namespace Gongkai.UnitTests.Publishing;

public class ObligationInputTests
{
    [Fact]
    public void A_complete_obligation_is_accepted_with_its_channels_and_levels_combined()
    {
        var content = StandardCatalogueTestData.Content();
        Assert.Equal(PublicationChannels.GovernmentWebsite | PublicationChannels.NoticeBoard, content.Channels);
        Assert.Equal(DisclosureLevels.District | DisclosureLevels.Township, content.Levels);
        Assert.Equal(new ObligationDeadline(DeadlineKind.WorkingDays, 20), content.Deadline);
    }

    public static TheoryData<ObligationInput, string> BadInputs
    {
        get
        {
            var valid = StandardCatalogueTestData.Input();
            return new()
            {
                { valid with { Code = "" }, "code" },
                { valid with { Code = "05 05" }, "code" },
                { valid with { DomainCode = "27" }, "domainCode" },
                { valid with { Level1 = "一级\n事项" }, "level1" },
                { valid with { Content = null }, "content" },
                { valid with { Basis = " " }, "basis" },
                { valid with { DeadlineText = null }, "deadlineText" },
                { valid with { DeadlineText = "121个工作日内" }, "deadlineText" },
                { valid with { Responsible = "" }, "responsible" },
                { valid with { Channels = [] }, "channels" },
                { valid with { Channels = [PublicationChannels.GovernmentWebsite | PublicationChannels.Gazette] }, "channels" },
                { valid with { Channels = [PublicationChannels.None] }, "channels" },
                { valid with { Audience = null }, "audience" },
                { valid with { Mode = null }, "mode" },
                { valid with { Levels = [] }, "levels" },
                { valid with { Levels = [DisclosureLevels.None] }, "levels" },
                { valid with { Content = "内容\u202E" }, "content" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Each_problem_is_named_by_its_field_in_Chinese(ObligationInput input, string field)
    {
        var (content, errors) = input.Validate();
        Assert.Null(content);
        Assert.Matches("[\u4e00-\u9fff]", Assert.Single(errors, e => e.Key == field).Value[0]);
    }

    [Fact]
    public void Changed_columns_are_named_as_in_the_sheet()
    {
        var before = StandardCatalogueTestData.Content();
        var after = before with { DeadlineText = "及时公开", Channels = PublicationChannels.GovernmentWebsite };
        Assert.Equal(new[] { "公开时限", "公开渠道和载体" }, before.ChangedColumns(after));
        Assert.Empty(before.ChangedColumns(before with { }));
    }
}
