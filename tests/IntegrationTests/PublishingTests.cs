using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongkai.Contracts;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The information catalogue (政府信息公开目录) through the gateway: drafting, review, publication with a 索引号, the
/// district's public list, search, history and withdrawal.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PublishingTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_township_item_is_reviewed_published_with_an_index_number_and_listed_by_its_district()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await CreateDraftAsync(registrar, "关于东升街道老旧小区改造资金拨付的公示");
        var round = await SubmitAsync(registrar, id);
        Assert.Equal("UnderReview", (await GetItemAsync(registrar, id)).GetProperty("state").GetString());

        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, round);
        var item = await WaitForStateAsync(registrar, id, "Published");

        var number = item.GetProperty("indexNumber").GetString()!;
        Assert.Matches($"^{Regex.Escape(PlatformFixture.TenantA)}/{item.GetProperty("publishedOn").GetString()![..4]}-\\d{{5}}$", number);
        Assert.Equal("PublishedOnTime", item.GetProperty("deadline").GetProperty("state").GetString());

        // The district's public catalogue lists its township's item (the unit tree in Identity is the rule).
        using var anonymous = platform.Anonymous();
        var query = $"/api/publishing/public/{PlatformFixture.District}/items?genre=Publicity&q={Uri.EscapeDataString("东升街道老旧小区改造")}";
        var list = await anonymous.GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("public, max-age=60", list.Headers.CacheControl?.ToString());
        var etag = list.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>();
        var listed = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(number, listed.GetProperty("indexNumber").GetString());
        Assert.Equal(PlatformFixture.TenantA, listed.GetProperty("unitCode").GetString());

        // Unchanged since: 304 without a body.
        using var again = new HttpRequestMessage(HttpMethod.Get, query);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var detail = await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.District}/items/{id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.NotNull(detail.Headers.ETag);
        Assert.Equal("<p>为方便群众监督，现将资金拨付情况公示如下。</p>", (await detail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bodyHtml").GetString());
        // A sibling township's catalogue does not show it.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantB}/items/{id}")).StatusCode);
    }

    [Fact]
    public async Task Twenty_parallel_publications_get_distinct_gapless_index_numbers()
    {
        // A series of its own (a prefix no other test uses), so the numbers must be exactly 1 to 20.
        var prefix = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var admin = await platform.ClientAsync(PlatformFixture.Department, "admin");
        var scheme = await admin.PutAsJsonAsync("/api/publishing/index-scheme", new
        {
            segments = new object[]
            {
                new { kind = "UnitCode", value = prefix, separator = "/" },
                new { kind = "Year", separator = "-" },
                new { kind = "Sequence", width = 5 },
            },
        });
        Assert.True(scheme.IsSuccessStatusCode, await scheme.Content.ReadAsStringAsync());

        using var registrar = await platform.ClientAsync(PlatformFixture.Department, "registrar");
        var drafts = new List<(Guid Id, int Round)>();
        for (var i = 1; i <= 20; i++)
        {
            var id = await CreateDraftAsync(registrar, $"发展和改革局并发公开测试第{i}号", publisher: "成都市双流区发展和改革局");
            drafts.Add((id, await SubmitAsync(registrar, id)));
        }

        await Task.WhenAll(drafts.Select(d => ReviewChain.ApproveAsync(platform, PlatformFixture.Department, d.Id, d.Round)));

        var numbers = new List<string>();
        foreach (var (id, _) in drafts)
            numbers.Add((await WaitForStateAsync(registrar, id, "Published")).GetProperty("indexNumber").GetString()!);
        var year = numbers[0].Split('/')[1][..4];
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"{prefix}/{year}-{n:D5}"), numbers.Order());
    }

    [Fact]
    public async Task Another_unit_cannot_see_a_draft_and_the_public_never_does()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await CreateDraftAsync(registrar, "东升街道尚未公开的草稿");
        using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync($"/api/publishing/items/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsync($"/api/publishing/items/{id}/submit", null)).StatusCode);
        var theirs = await otherUnit.GetFromJsonAsync<JsonElement>("/api/publishing/items?state=Draft");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        // The approver approves only through the review chain: no drafting, submitting or withdrawing of their own.
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsync($"/api/publishing/items/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsJsonAsync("/api/publishing/items", Draft("负责人自行起草"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync($"/api/publishing/items/{id}")).StatusCode);

        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}")).StatusCode);
        // Staff routes need a token, whatever the gateway's public routes allow.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/publishing/items/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_in_Chinese_and_nothing_is_stored()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var before = (await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/items")).GetProperty("total").GetInt32();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);

        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { writtenOn = tomorrow.ToString("yyyy-MM-dd") }), "writtenOn");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { writtenOn = "1949-09-30" }), "writtenOn");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { summary = new string('述', 501) }), "summary");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { subjectCode = "99" }), "subjectCode");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { publisher = "" }), "publisher");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { mode = "NotPublic" }), "notPublicReason");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { domainCode = "27" }), "domainCode");
        await AssertRefusedAsync(await registrar.PostAsJsonAsync("/api/publishing/items", Draft("标题") with { genre = "Poem" }), "genre");
        await AssertRefusedAsync(await registrar.GetAsync("/api/publishing/items?state=99"), "state");
        using var anonymous = platform.Anonymous();
        await AssertRefusedAsync(await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.District}/items?q={new string('词', 51)}"), "q");

        var after = (await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/items")).GetProperty("total").GetInt32();
        Assert.Equal(before, after);

        using var admin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        await AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/index-scheme", new
        {
            segments = new object[] { new { kind = "UnitCode", value = "XHG", separator = "/" }, new { kind = "Year", separator = "-" }, new { kind = "Sequence", width = 2 } },
        }), "segments[2].width");
        Assert.False((await admin.GetFromJsonAsync<JsonElement>("/api/publishing/index-scheme")).GetProperty("configured").GetBoolean());
    }

    [Fact]
    public async Task A_revised_item_keeps_its_number_and_history_and_withdrawal_takes_it_off_the_public_catalogue()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var id = await CreateDraftAsync(registrar, "东升街道2026年低保对象名单的公示");
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, await SubmitAsync(registrar, id));
        var number = (await WaitForStateAsync(registrar, id, "Published")).GetProperty("indexNumber").GetString()!;

        // Editing the published item starts version 2, reviewed again; the public keeps version 1 meanwhile.
        var edit = await registrar.PutAsJsonAsync($"/api/publishing/items/{id}", Draft("东升街道2026年低保对象名单的公示（更正）"));
        Assert.True(edit.IsSuccessStatusCode, await edit.Content.ReadAsStringAsync());
        var revised = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Draft", 2, number), (revised.GetProperty("state").GetString(), revised.GetProperty("version").GetInt32(), revised.GetProperty("indexNumber").GetString()));
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantA, id, await SubmitAsync(registrar, id));
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var item = await GetItemAsync(registrar, id);
            return item.GetProperty("state").GetString() == "Published" && item.GetProperty("publishedVersion").GetInt32() == 2 ? "v2" : null;
        }, PlatformFixture.EventWait, "version 2 published");

        var repeal = await registrar.PostAsJsonAsync($"/api/publishing/items/{id}/validity", new { validity = "Repealed", on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd") });
        Assert.True(repeal.IsSuccessStatusCode, await repeal.Content.ReadAsStringAsync());
        using var anonymous = platform.Anonymous();
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}");
        Assert.Equal(("Repealed", "（更正）"), (shown.GetProperty("validity").GetString(), shown.GetProperty("title").GetString()![^4..]));
        Assert.Contains("废止", shown.GetProperty("validityNotice").GetString());

        await AssertRefusedAsync(await registrar.PostAsJsonAsync($"/api/publishing/items/{id}/withdraw", new { reason = "" }), "reason");
        var withdraw = await registrar.PostAsJsonAsync($"/api/publishing/items/{id}/withdraw", new { reason = "名单有误，核实后重新公示" });
        Assert.True(withdraw.IsSuccessStatusCode, await withdraw.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantA}/items/{id}")).StatusCode);
        var history = await registrar.GetFromJsonAsync<JsonElement>($"/api/publishing/items/{id}/versions");
        Assert.Equal(number, history.GetProperty("indexNumber").GetString());
        Assert.Equal(new[] { 1, 2 }, history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(history.GetProperty("versions").EnumerateArray(), v => Assert.Equal(number, v.GetProperty("indexNumber").GetString()));
        Assert.Equal("Repealed", history.GetProperty("validityChanges")[0].GetProperty("to").GetString());
        Assert.Equal("名单有误，核实后重新公示", history.GetProperty("withdrawnReason").GetString());
        // Nothing published is deleted.
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.DeleteAsync($"/api/publishing/items/{id}")).StatusCode);
        Assert.Equal("Withdrawn", (await GetItemAsync(registrar, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Public_search_finds_a_two_character_word_and_only_as_a_run()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        // 翀犇 occurs as a word; 犇翀 never does, and 翀犇犇 only as two separate bigrams (翀犇社…, …犇犇广场).
        var id = await CreateDraftAsync(registrar, "西航港街道翀犇社区便民服务站设置的通知", "成都市双流区人民政府西航港街道办事处",
            "<p>翀犇社区、犇犇广场和翀翀路口均设服务点。</p>");
        await ReviewChain.ApproveAsync(platform, PlatformFixture.TenantB, id, await SubmitAsync(registrar, id));
        await WaitForStateAsync(registrar, id, "Published");

        using var anonymous = platform.Anonymous();
        async Task<bool> FindsAsync(string unit, string q)
        {
            var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{unit}/items?q={Uri.EscapeDataString(q)}");
            return page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == id);
        }

        Assert.True(await FindsAsync(PlatformFixture.District, "翀犇"));
        Assert.True(await FindsAsync(PlatformFixture.TenantB, "“翀犇”"));    // punctuation is ignored
        Assert.True(await FindsAsync(PlatformFixture.TenantB, "翀"));        // one character: a scan
        Assert.True(await FindsAsync(PlatformFixture.TenantB, "服务点"));    // the body is searched too
        Assert.False(await FindsAsync(PlatformFixture.TenantB, "犇翀"));
        Assert.False(await FindsAsync(PlatformFixture.TenantB, "翀犇犇"));   // both bigrams occur, but not as one run
        Assert.False(await FindsAsync(PlatformFixture.TenantA, "翀犇"));     // another township's catalogue
    }

    [Fact]
    public async Task An_overdue_draft_is_listed_as_overdue_and_alerted_once()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var response = await registrar.PostAsJsonAsync("/api/publishing/items",
            Draft("西航港街道2026年1月会议纪要", "成都市双流区人民政府西航港街道办事处") with { writtenOn = "2026-01-05" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        // 20 working days after Monday 2026-01-05 (元旦 is before it; Sunday 01-04 was a 调休 working day, also before it).
        Assert.Equal("2026-02-02", item.GetProperty("deadline").GetProperty("due").GetString());
        Assert.Equal("Overdue", item.GetProperty("deadline").GetProperty("state").GetString());
        var id = item.GetProperty("id").GetGuid();
        var overdue = await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/items?overdue=true");
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        using var admin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var first = await admin.PostAsync("/api/publishing/alerts/scan", null);
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.True((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raised").GetInt32() >= 1);
        var second = await admin.PostAsync("/api/publishing/alerts/scan", null);
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raised").GetInt32());
    }

    // ---- helpers ----

    internal sealed record DraftBody(string title, string? summary, string subjectCode, string genre, string publisher, string writtenOn,
        string? documentNumber, string mode, string? domainCode, string? bodyHtml, string[] keywords);

    internal static DraftBody Draft(string title, string publisher = "成都市双流区人民政府东升街道办事处", string? body = null) =>
        new(title, "概述：" + title, "10", "Publicity", publisher, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
            null, "Proactive", "09", body ?? "<p onclick=\"x()\">为方便群众监督，现将资金拨付情况公示如下。</p><script>alert(1)</script>", ["公示"]);

    internal static async Task<Guid> CreateDraftAsync(HttpClient client, string title, string publisher = "成都市双流区人民政府东升街道办事处", string? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/publishing/items", Draft(title, publisher, body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<int> SubmitAsync(HttpClient client, Guid id)
    {
        var response = await client.PostAsync($"/api/publishing/items/{id}/submit", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewRound").GetInt32();
    }

    internal static Task<JsonElement> GetItemAsync(HttpClient client, Guid id) =>
        client.GetFromJsonAsync<JsonElement>($"/api/publishing/items/{id}");

    internal static async Task<JsonElement> WaitForStateAsync(HttpClient client, Guid id, string state)
    {
        var found = await PlatformFixture.EventuallyAsync(async () =>
        {
            var item = await GetItemAsync(client, id);
            return item.GetProperty("state").GetString() == state ? new[] { item } : null;
        }, PlatformFixture.EventWait, $"item {id} to become {state}");
        return found[0];
    }
}
