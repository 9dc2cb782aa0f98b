using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Art. 44 conversion (属性转换) through the gateway: applications registered in Intake for the same information raise one
/// suggestion in Publishing (by Intake's ApplicationFlagged events), which staff accept into a linked proactive draft or
/// decline with a reason; a decision is final and another unit sees nothing of it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConversionTests(PlatformFixture platform)
{
    private const string Api = "/api/publishing/conversions";

    [Fact]
    public async Task Three_applicants_asking_for_the_same_information_raise_one_suggestion_which_is_accepted_into_a_linked_draft()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        // Unique to this run (a random code in the middle), so Intake compares it with nothing other tests registered.
        var code = Guid.NewGuid().ToString("N")[..12];
        var subject = $"东升街道{code}片区雨污分流改造工程竣工验收报告及资金结算审计报告";
        var numbers = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
            numbers.Add(await RegisterApplicationAsync(registrar, subject));

        // The 2nd applicant opens the suggestion, the 3rd joins it (their flags may be consumed at the same moment).
        var suggestion = await PlatformFixture.EventuallyAsync(async () =>
        {
            var page = await registrar.GetFromJsonAsync<JsonElement>($"{Api}?state=Open&number={Uri.EscapeDataString(numbers[0])}");
            var found = page.GetProperty("items").EnumerateArray().ToList();
            return found.Count == 1 && Numbers(found[0]).Count == 3 ? new[] { found[0] } : null;
        }, PlatformFixture.EventWait, "one open suggestion naming the three applications");
        var conversion = suggestion[0];
        Assert.Equal(numbers.Order(StringComparer.Ordinal), Numbers(conversion).Order(StringComparer.Ordinal));
        Assert.Equal("SeveralApplicants", conversion.GetProperty("source").GetString());
        Assert.Contains("第四十四条", conversion.GetProperty("basis").GetString());
        Assert.True(conversion.GetProperty("similarity").GetDouble() >= 0.7);
        // Only numbers travel: no applicant, no description.
        Assert.DoesNotContain("张三", conversion.GetRawText());
        Assert.DoesNotContain(code, conversion.GetRawText());
        var id = conversion.GetProperty("id").GetGuid();
        foreach (var number in numbers.Skip(1))
        {
            var byNumber = await registrar.GetFromJsonAsync<JsonElement>($"{Api}?number={Uri.EscapeDataString(number)}");
            Assert.Equal([id], byNumber.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        }

        // Another unit sees neither the suggestion nor can it decide it.
        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync($"{Api}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsJsonAsync($"{Api}/{id}/accept", Draft("他人代为接受"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsJsonAsync($"{Api}/{id}/decline", new { reason = "不属于本单位" })).StatusCode);

        // The draft's content is checked like any item's, and a conversion is to proactive disclosure only.
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        await AssertRefusedAsync(await handler.PostAsJsonAsync($"{Api}/{id}/accept", Draft("标题") with { subjectCode = "99" }), "subjectCode");
        await AssertRefusedAsync(await handler.PostAsJsonAsync($"{Api}/{id}/accept", Draft("标题") with { mode = "NotPublic" }), "mode");
        Assert.Equal("Open", (await handler.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("state").GetString());

        var accept = await handler.PostAsJsonAsync($"{Api}/{id}/accept", Draft("东升街道雨污分流改造工程竣工验收及结算审计情况"));
        Assert.True(accept.StatusCode == HttpStatusCode.Created, await accept.Content.ReadAsStringAsync());
        var accepted = await accept.Content.ReadFromJsonAsync<JsonElement>();
        var decided = accepted.GetProperty("conversion");
        Assert.Equal("Accepted", decided.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(decided.GetProperty("decidedBy").GetString()));
        Assert.NotNull(decided.GetProperty("decidedAt").GetString());
        var itemId = accepted.GetProperty("item").GetProperty("id").GetGuid();
        Assert.Equal(itemId, decided.GetProperty("itemId").GetGuid());

        // The draft shows where it came from, is proactive and goes to review like any other draft.
        var item = await handler.GetFromJsonAsync<JsonElement>($"/api/publishing/items/{itemId}");
        Assert.Equal(("Draft", "Proactive"), (item.GetProperty("state").GetString(), item.GetProperty("mode").GetString()));
        var origin = item.GetProperty("convertedFrom");
        Assert.Equal(id, origin.GetProperty("conversionId").GetGuid());
        Assert.Equal(numbers.Order(StringComparer.Ordinal), origin.GetProperty("applicationNumbers").EnumerateArray().Select(n => n.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync($"/api/publishing/items/{itemId}")).StatusCode);

        // Decided once, for good: neither accepted again nor declined, and still listed as accepted.
        var again = await handler.PostAsJsonAsync($"{Api}/{id}/accept", Draft("再次接受"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Matches("[\u4e00-\u9fff]", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await handler.PostAsJsonAsync($"{Api}/{id}/decline", new { reason = "改变主意" })).StatusCode);
        var acceptedList = await handler.GetFromJsonAsync<JsonElement>($"{Api}?state=Accepted&number={Uri.EscapeDataString(numbers[0])}");
        Assert.Equal([id], acceptedList.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var items = await handler.GetFromJsonAsync<JsonElement>("/api/publishing/items?state=Draft");
        Assert.Equal(1, items.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("id").GetGuid() == itemId));
    }

    [Fact]
    public async Task A_suggestion_recorded_by_hand_needs_a_typed_source_and_is_declined_only_with_a_reason()
    {
        using var handler = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        var number = $"510116-xhg-2026-{Random.Shared.Next(10_000, 99_999)}";
        var before = (await handler.GetFromJsonAsync<JsonElement>(Api)).GetProperty("total").GetInt32();

        await AssertRefusedAsync(await handler.PostAsJsonAsync(Api, new { source = "Rumour", applicationNumbers = new[] { number }, note = "说明" }), "source");
        await AssertRefusedAsync(await handler.PostAsJsonAsync(Api, new { source = "SeveralApplicants", applicationNumbers = new[] { number }, note = "说明" }), "source");
        await AssertRefusedAsync(await handler.PostAsJsonAsync(Api, new { source = "ApplicantSuggested", applicationNumbers = Array.Empty<string>(), note = "说明" }),
            "applicationNumbers");
        await AssertRefusedAsync(await handler.PostAsJsonAsync(Api, new { source = "ApplicantSuggested", applicationNumbers = new[] { number }, note = " " }), "note");
        await AssertRefusedAsync(await handler.GetAsync($"{Api}?state=7"), "state");
        await AssertRefusedAsync(await handler.GetAsync($"{Api}?state=Pending"), "state");
        Assert.Equal(before, (await handler.GetFromJsonAsync<JsonElement>(Api)).GetProperty("total").GetInt32());

        var record = await handler.PostAsJsonAsync(Api, new
        {
            source = "ApplicantSuggested",
            applicationNumbers = new[] { number },
            note = "申请人收到答复后建议将西航港街道征收补偿标准主动公开",
        });
        Assert.True(record.StatusCode == HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
        var recorded = await record.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Open", "申请人建议主动公开"), (recorded.GetProperty("state").GetString(), recorded.GetProperty("sourceName").GetString()));
        var id = recorded.GetProperty("id").GetGuid();

        await AssertRefusedAsync(await handler.PostAsJsonAsync($"{Api}/{id}/decline", new { reason = "" }), "reason");
        await AssertRefusedAsync(await handler.PostAsJsonAsync($"{Api}/{id}/decline", new { }), "reason");
        Assert.Equal("Open", (await handler.GetFromJsonAsync<JsonElement>($"{Api}/{id}")).GetProperty("state").GetString());

        var decline = await handler.PostAsJsonAsync($"{Api}/{id}/decline", new { reason = "补偿标准已在征收公告中公开，无需另行公开" });
        Assert.True(decline.IsSuccessStatusCode, await decline.Content.ReadAsStringAsync());
        var declined = await handler.GetFromJsonAsync<JsonElement>($"{Api}/{id}");
        Assert.Equal(("Declined", "补偿标准已在征收公告中公开，无需另行公开"), (declined.GetProperty("state").GetString(), declined.GetProperty("declineReason").GetString()));
        Assert.NotNull(declined.GetProperty("decidedAt").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await handler.PostAsJsonAsync($"{Api}/{id}/accept", Draft("事后接受", "成都市双流区人民政府西航港街道办事处"))).StatusCode);
        var list = await handler.GetFromJsonAsync<JsonElement>($"{Api}?state=Declined&number={Uri.EscapeDataString(number)}");
        Assert.Equal([id], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        // The approver signs items off in the review chain; deciding suggestions is not theirs.
        using var approver = await platform.ClientAsync(PlatformFixture.TenantB, "approver");
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsJsonAsync(Api, new { source = "ApplicantSuggested", applicationNumbers = new[] { number }, note = "说明" })).StatusCode);
    }

    // ---- helpers ----

    private sealed record DraftBody(string title, string? summary, string subjectCode, string genre, string publisher, string writtenOn,
        string? documentNumber, string? mode, string? domainCode, string? bodyHtml, string[] keywords);

    private static DraftBody Draft(string title, string publisher = "成都市双流区人民政府东升街道办事处") =>
        new(title, "概述：" + title, "10", "Report", publisher, "2026-03-02", null, null, "09", "<p>现将有关情况公开如下。</p>", ["竣工验收"]);

    private static async Task<string> RegisterApplicationAsync(HttpClient registrar, string description)
    {
        var response = await registrar.PostAsJsonAsync("/api/intake/applications", IntakeTestData.Person(description: description));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("applicationNumber").GetString()!;
    }

    private static List<string> Numbers(JsonElement conversion) =>
        conversion.GetProperty("applicationNumbers").EnumerateArray().Select(n => n.GetString()!).ToList();
}
