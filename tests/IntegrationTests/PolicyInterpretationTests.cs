using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>
/// 政策解读 through the gateway: an interpretation is linked to its policy, reviewed with it through LegalReview's real
/// chain, public no earlier than it, and shown beside it on both the staff and the public pages.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PolicyInterpretationTests(PlatformFixture platform)
{
    private const string Publisher = "成都市双流区人民政府东升街道办事处";

    [Fact]
    public async Task Submitting_a_policy_sends_its_interpretation_to_review_and_both_are_published_linked()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var policyId = await CreateAsync(registrar, Policy("关于促进东升街道养老服务发展的实施意见"));
        var interpretationId = await CreateAsync(registrar, Interpretation("《关于促进东升街道养老服务发展的实施意见》政策解读", policyId));

        // Reviewed with its policy: not on its own before the policy goes to review.
        var alone = await registrar.PostAsync($"/api/publishing/items/{interpretationId}/submit", null);
        Assert.Equal(HttpStatusCode.Conflict, alone.StatusCode);
        Assert.Contains("政策文件", await alone.Content.ReadAsStringAsync());

        var submit = await registrar.PostAsync($"/api/publishing/items/{policyId}/submit", null);
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        var policy = await submit.Content.ReadFromJsonAsync<JsonElement>();
        var listed = Assert.Single(policy.GetProperty("interpretations").EnumerateArray());
        Assert.Equal((interpretationId, "UnderReview"), (listed.GetProperty("id").GetGuid(), listed.GetProperty("state").GetString()));
        var policyRound = policy.GetProperty("reviewRound").GetInt32();
        var interpretationRound = listed.GetProperty("reviewRound").GetInt32();

        // The interpretation's review is approved first: it waits for its policy, unpublished.
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, interpretationId, interpretationRound);
        await PublishingTests.WaitForStateAsync(registrar, interpretationId, "AwaitingPolicy");
        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantA}/items/{interpretationId}")).StatusCode);

        // The policy's approval publishes both in one transaction.
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, policyId, policyRound);
        var publishedPolicy = await PublishingTests.WaitForStateAsync(registrar, policyId, "Published");
        var publishedInterpretation = await PublishingTests.GetItemAsync(registrar, interpretationId);
        Assert.Equal("Published", publishedInterpretation.GetProperty("state").GetString());
        Assert.Equal(publishedPolicy.GetProperty("publishedOn").GetString(), publishedInterpretation.GetProperty("publishedOn").GetString());
        var interpretationNumber = publishedInterpretation.GetProperty("indexNumber").GetString()!;
        Assert.NotEqual(publishedPolicy.GetProperty("indexNumber").GetString(), interpretationNumber);

        // Staff see the link both ways.
        Assert.Equal(policyId, publishedInterpretation.GetProperty("interprets").GetProperty("id").GetGuid());
        Assert.Equal(interpretationNumber, Assert.Single(publishedPolicy.GetProperty("interpretations").EnumerateArray()).GetProperty("indexNumber").GetString());

        // The public see the interpretation beside the policy, and the policy from the interpretation (also on the district's portal).
        var publicPolicy = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.District}/items/{policyId}");
        var shown = Assert.Single(publicPolicy.GetProperty("interpretations").EnumerateArray());
        Assert.Equal((interpretationId, interpretationNumber, "《关于促进东升街道养老服务发展的实施意见》政策解读"),
            (shown.GetProperty("id").GetGuid(), shown.GetProperty("indexNumber").GetString(), shown.GetProperty("title").GetString()));
        var publicInterpretation = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.TenantA}/items/{interpretationId}");
        Assert.Equal(policyId, publicInterpretation.GetProperty("interprets").GetProperty("id").GetGuid());
        Assert.Equal("Interpretation", publicInterpretation.GetProperty("genre").GetString());

        // Withdrawing the policy takes its interpretation off the public catalogue with it.
        var withdraw = await registrar.PostAsJsonAsync($"/api/publishing/items/{policyId}/withdraw", new { reason = "已被新的实施意见替代" });
        Assert.True(withdraw.IsSuccessStatusCode, await withdraw.Content.ReadAsStringAsync());
        Assert.Equal("Withdrawn", (await PublishingTests.GetItemAsync(registrar, interpretationId)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantA}/items/{interpretationId}")).StatusCode);
        // A withdrawn policy cannot be interpreted any more.
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("迟到的解读", policyId)), "interprets");
    }

    [Fact]
    public async Task An_interpretation_must_name_a_proactive_policy_of_its_own_unit()
    {
        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var theirs = await CreateAsync(otherUnit, Policy("西航港街道关于加强河道管理的通告", "成都市双流区人民政府西航港街道办事处"));

        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var before = (await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/items")).GetProperty("total").GetInt32();
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("解读另一单位的文件", theirs)), "interprets");
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("解读不存在的文件", Guid.NewGuid())), "interprets");
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("体裁不是解读", Guid.NewGuid()) with { genre = "Notice" }), "genre");

        var own = await CreateAsync(registrar, Policy("东升街道关于规范农村宅基地审批的意见"));
        var interpretation = await CreateAsync(registrar, Interpretation("宅基地审批意见的解读", own));
        // An interpretation is not a policy that can be interpreted in turn.
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("解读的解读", interpretation)), "interprets");
        var notPublic = await CreateAsync(registrar, Policy("东升街道内部工作纪要") with { mode = "OnApplication" });
        await Problems.AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Interpretation("依申请公开文件的解读", notPublic)), "interprets");
        Assert.Equal(before + 3, (await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/items")).GetProperty("total").GetInt32());

        // A policy with an interpretation linked to it is not discarded from under it.
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.DeleteAsync($"/api/publishing/items/{own}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_that_requires_an_interpretation_for_a_genre_refuses_a_policy_without_one()
    {
        using var admin = await platform.ClientAsync(PlatformFixture.Department, "admin");
        using var registrar = await platform.ClientAsync(PlatformFixture.Department, "registrar");
        // Off by default; registrars cannot change it; 解读 itself cannot be required to have one.
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/publishing/interpretation-settings")).GetProperty("requiredFor").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PutAsJsonAsync("/api/publishing/interpretation-settings", new { requiredFor = new[] { "Decision" } })).StatusCode);
        await Problems.AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/interpretation-settings", new { requiredFor = new[] { "Interpretation" } }), "requiredFor");
        var set = await admin.PutAsJsonAsync("/api/publishing/interpretation-settings", new { requiredFor = new[] { "Decision" } });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        try
        {
            const string publisher = "成都市双流区发展和改革局";
            var policy = await CreateAsync(registrar, Policy("双流区发展和改革局关于印发价格监测办法的决定", publisher) with { genre = "Decision" });
            var refused = await registrar.PostAsync($"/api/publishing/items/{policy}/submit", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("决定", await refused.Content.ReadAsStringAsync());
            Assert.Equal("Draft", (await PublishingTests.GetItemAsync(registrar, policy)).GetProperty("state").GetString());

            var interpretation = await CreateAsync(registrar, Interpretation("价格监测办法的图文解读", policy, publisher));
            var submit = await registrar.PostAsync($"/api/publishing/items/{policy}/submit", null);
            Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
            Assert.Equal("UnderReview", (await PublishingTests.GetItemAsync(registrar, interpretation)).GetProperty("state").GetString());
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/publishing/interpretation-settings", new { requiredFor = Array.Empty<string>() });
        }
    }

    // ---- helpers ----

    private sealed record DraftBody(string title, string? summary, string subjectCode, string genre, string publisher, string writtenOn,
        string? documentNumber, string mode, string? bodyHtml, string[] keywords, Guid? interprets);

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private static DraftBody Policy(string title, string publisher = Publisher) =>
        new(title, "概述：" + title, "17", "Opinion", publisher, Today, null, "Proactive", "<p>各社区、各部门：现提出如下意见。</p>", ["养老"], null);

    private static DraftBody Interpretation(string title, Guid policy, string publisher = Publisher) =>
        new(title, "解读：" + title, "17", "Interpretation", publisher, Today, null, "Proactive", "<p>一、起草背景。二、主要内容。</p>", ["解读"], policy);

    private static async Task<Guid> CreateAsync(HttpClient client, DraftBody body)
    {
        var response = await client.PostAsJsonAsync("/api/publishing/items", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
