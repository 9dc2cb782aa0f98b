using Gongkai.Publishing.Domain.Standard;

namespace Gongkai.UnitTests.Publishing;

/// <summary>Obligations as a district's catalogue holds them (锡林浩特-style codes under 卫生健康).</summary>
internal static class StandardCatalogueTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    public static ObligationInput Input(string code = "2305", string level1 = "公共卫生服务", string? deadline = "信息形成或者变更之日起20个工作日内") =>
        new(code, "23", level1, "基本公共卫生服务项目", "服务项目、服务对象、服务内容", "《国家基本公共卫生服务规范（第三版）》", deadline,
            "成都市双流区卫生健康局", [PublicationChannels.GovernmentWebsite, PublicationChannels.NoticeBoard], ObligationAudience.Public,
            ObligationMode.Proactive, [DisclosureLevels.District, DisclosureLevels.Township]);

    public static ObligationContent Content(string code = "2305", string level1 = "公共卫生服务", string? deadline = "信息形成或者变更之日起20个工作日内")
    {
        var (content, errors) = Input(code, level1, deadline).Validate();
        Assert.Empty(errors);
        return content!;
    }

    public static PublishedCatalogue District(int version, params ObligationContent[] obligations) =>
        District(version, obligations.Select(c => (Guid.NewGuid(), c)).ToArray());

    public static PublishedCatalogue District(int version, params (Guid Id, ObligationContent Content)[] obligations) => new()
    {
        Id = Guid.NewGuid(),
        UnitCode = "510116",
        Version = version,
        PublishedOn = new DateOnly(2026, 11, 30),
        PublishedAt = Now,
        Obligations = obligations.Select(o => new PublishedObligation(o.Id, o.Content)).ToList(),
    };
}
