using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Periodic re-review of items marked 不予公开 or 依申请公开, through the gateway: due by the unit's interval, each
/// re-review recorded and listed, the next date moved on, a proactive outcome ready for submission.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReReviewTests(PlatformFixture platform)
{
    private const string Items = "/api/publishing/items";
    private const string Due = "/api/publishing/re-reviews/due";

    [Fact]
    public async Task A_not_public_item_falls_due_by_the_units_interval_and_a_recorded_re_review_moves_the_next_date_on()
    {
        // The department's interval is changed here only, and put back at the end.
        using var admin = await platform.ClientAsync(PlatformFixture.Department, "admin");
        using var registrar = await platform.ClientAsync(PlatformFixture.Department, "registrar");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var writtenOn = today.AddMonths(-3);
        var id = await CreateAsync(registrar, "发展和改革局涉及企业商业秘密的项目核准材料", "NotPublic", writtenOn);

        // 成文 three months ago, re-reviewed every 12 months (the default): not due.
        Assert.Equal(12, (await registrar.GetFromJsonAsync<JsonElement>("/api/publishing/re-reviews/settings")).GetProperty("nonPublicReReviewMonths").GetInt32());
        Assert.False(await IsDueAsync(registrar, id));
        var history = await registrar.GetFromJsonAsync<JsonElement>($"{Items}/{id}/re-reviews");
        Assert.Equal((writtenOn.AddMonths(12).ToString("yyyy-MM-dd"), false), (history.GetProperty("nextReReviewOn").GetString(), history.GetProperty("due").GetBoolean()));

        // The interval is validated, then set to two months: due now.
        await AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/re-reviews/settings", new { nonPublicReReviewMonths = 0 }), "nonPublicReReviewMonths");
        await AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/re-reviews/settings", new { nonPublicReReviewMonths = 61 }), "nonPublicReReviewMonths");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PutAsJsonAsync("/api/publishing/re-reviews/settings", new { nonPublicReReviewMonths = 2 })).StatusCode);
        try
        {
            var set = await admin.PutAsJsonAsync("/api/publishing/re-reviews/settings", new { nonPublicReReviewMonths = 2 });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            Assert.True(await IsDueAsync(registrar, id));

            // Bad input: nothing recorded.
            await AssertRefusedAsync(await registrar.PostAsJsonAsync($"{Items}/{id}/re-reviews", new { outcome = "Forget" }), "outcome");
            await AssertRefusedAsync(await registrar.PostAsJsonAsync($"{Items}/{id}/re-reviews", new { outcome = 0 }), "outcome");
            await AssertRefusedAsync(await registrar.PostAsJsonAsync($"{Items}/{id}/re-reviews", new { outcome = "KeepNotPublic", notPublicArticle = "第十四条" }),
                "notPublicReason");
            Assert.Empty((await registrar.GetFromJsonAsync<JsonElement>($"{Items}/{id}/re-reviews")).GetProperty("reReviews").EnumerateArray());
            // Another unit sees nothing of it.
            using var otherUnit = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
            Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.GetAsync($"{Items}/{id}/re-reviews")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherUnit.PostAsJsonAsync($"{Items}/{id}/re-reviews",
                new { outcome = "ChangeToProactive" })).StatusCode);

            var record = await registrar.PostAsJsonAsync($"{Items}/{id}/re-reviews", new
            {
                outcome = "KeepNotPublic",
                notPublicReason = "仍涉及企业商业秘密，权利人不同意公开",
                notPublicArticle = "《政府信息公开条例》第十五条",
                note = "已征求权利人意见",
            });
            Assert.True(record.StatusCode == HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
            var after = await registrar.GetFromJsonAsync<JsonElement>($"{Items}/{id}/re-reviews");
            var kept = Assert.Single(after.GetProperty("reReviews").EnumerateArray());
            Assert.Equal(("KeepNotPublic", "维持不予公开", "《政府信息公开条例》第十五条", today.ToString("yyyy-MM-dd")),
                (kept.GetProperty("outcome").GetString(), kept.GetProperty("outcomeName").GetString(), kept.GetProperty("notPublicArticle").GetString(),
                 kept.GetProperty("reviewedOn").GetString()));
            Assert.False(string.IsNullOrEmpty(kept.GetProperty("reviewedBy").GetString()));
            Assert.Equal((today.AddMonths(2).ToString("yyyy-MM-dd"), false), (after.GetProperty("nextReReviewOn").GetString(), after.GetProperty("due").GetBoolean()));
            Assert.False(await IsDueAsync(registrar, id));
            Assert.Equal("仍涉及企业商业秘密，权利人不同意公开", (await registrar.GetFromJsonAsync<JsonElement>($"{Items}/{id}")).GetProperty("notPublicReason").GetString());

            // An on-application item re-reviewed into proactive disclosure becomes a draft ready for submission.
            var other = await CreateAsync(registrar, "发展和改革局2025年度价格监测分析报告", "OnApplication", writtenOn);
            Assert.True(await IsDueAsync(registrar, other));
            Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsJsonAsync($"{Items}/{other}/re-reviews",
                new { outcome = "KeepNotPublic", notPublicReason = "理由", notPublicArticle = "第十四条" })).StatusCode);
            var change = await registrar.PostAsJsonAsync($"{Items}/{other}/re-reviews", new { outcome = "ChangeToProactive", note = "报告已无需保密" });
            Assert.True(change.StatusCode == HttpStatusCode.Created, await change.Content.ReadAsStringAsync());
            var proactive = await registrar.GetFromJsonAsync<JsonElement>($"{Items}/{other}");
            Assert.Equal(("Proactive", "Draft"), (proactive.GetProperty("mode").GetString(), proactive.GetProperty("state").GetString()));
            Assert.Equal(today.ToString("yyyy-MM-dd"), proactive.GetProperty("formedOrChangedOn").GetString());
            Assert.Equal("NotDue", proactive.GetProperty("deadline").GetProperty("state").GetString());
            Assert.False(await IsDueAsync(registrar, other));
            var submit = await registrar.PostAsync($"{Items}/{other}/submit", null);
            Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/publishing/re-reviews/settings", new { nonPublicReReviewMonths = 12 });
        }
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string title, string mode, DateOnly writtenOn)
    {
        var response = await client.PostAsJsonAsync(Items, new
        {
            title,
            summary = "概述：" + title,
            subjectCode = "03",
            genre = "Report",
            publisher = "成都市双流区发展和改革局",
            writtenOn = writtenOn.ToString("yyyy-MM-dd"),
            mode,
            notPublicReason = mode == "NotPublic" ? "涉及企业商业秘密" : null,
            notPublicArticle = mode == "NotPublic" ? "《政府信息公开条例》第十五条" : null,
            bodyHtml = "<p>内容</p>",
            keywords = Array.Empty<string>(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Whether the item is on the due list (every page: other tests may leave due items in the unit).</summary>
    private static async Task<bool> IsDueAsync(HttpClient client, Guid id)
    {
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"{Due}?page={page}");
            var items = list.GetProperty("items").EnumerateArray().ToList();
            if (items.Any(i => i.GetProperty("id").GetGuid() == id))
                return true;
            if (page * list.GetProperty("pageSize").GetInt32() >= list.GetProperty("total").GetInt32())
                return false;
        }
    }
}
