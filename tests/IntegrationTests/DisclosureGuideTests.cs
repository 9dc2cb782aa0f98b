using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

/// <summary>The unit's 政府信息公开指南 (Art. 12) through the gateway: saved by the unit admin, read by anyone, one per unit.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DisclosureGuideTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_admin_publishes_the_guide_the_public_reads_it_with_an_etag_and_each_unit_has_its_own()
    {
        using var admin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        using var anonymous = platform.Anonymous();
        var publicUrl = $"/api/publishing/public/{PlatformFixture.TenantA}/guide";
        var before = await anonymous.GetAsync(publicUrl);
        var firstSave = before.StatusCode == HttpStatusCode.NotFound;
        if (firstSave)
            Assert.Matches("[\u4e00-\u9fff]", await before.Content.ReadAsStringAsync());

        // The template names the unit (from Identity) and leaves what only the unit knows to fill in.
        var template = await admin.GetFromJsonAsync<JsonElement>("/api/publishing/guide/template");
        var officeName = template.GetProperty("officeName").GetString()!;
        Assert.EndsWith("办公室", officeName);
        Assert.Contains("不收取费用", template.GetProperty("feesHtml").GetString());
        await Problems.AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/guide", template), "address");

        var guide = Filled(template, "成都市双流区东升街道棠湖西路 1 号", "028-85801234");
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PutAsJsonAsync("/api/publishing/guide", guide)).StatusCode);
        await Problems.AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/guide", Filled(template, "棠湖西路 1 号", "8580-1234")), "phone");
        await Problems.AssertRefusedAsync(await admin.PutAsJsonAsync("/api/publishing/guide",
            With(guide, "onlineApplicationUrl", "javascript:alert(1)")), "onlineApplicationUrl");
        if (firstSave)
        {
            // Nothing was stored by the refused saves.
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/publishing/guide")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(publicUrl)).StatusCode);
        }

        var saved = await admin.PutAsJsonAsync("/api/publishing/guide", guide);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var read = await anonymous.GetAsync(publicUrl);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("public, max-age=60", read.Headers.CacheControl?.ToString());
        var etag = read.Headers.ETag;
        Assert.NotNull(etag);
        var shown = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version, shown.GetProperty("version").GetInt32());
        var updatedOn = DateOnly.Parse(shown.GetProperty("updatedOn").GetString()!);
        Assert.InRange(updatedOn, today.AddDays(-1), today.AddDays(1));   // China's date; the test machine's clock may straddle midnight
        Assert.Equal(("成都市双流区东升街道棠湖西路 1 号", "028-85801234", officeName),
            (shown.GetProperty("content").GetProperty("address").GetString(), shown.GetProperty("content").GetProperty("phone").GetString(),
             shown.GetProperty("content").GetProperty("officeName").GetString()));
        Assert.False(shown.TryGetProperty("savedBy", out _));   // who saved it is for staff only

        using (var again = new HttpRequestMessage(HttpMethod.Get, publicUrl))
        {
            again.Headers.IfNoneMatch.Add(etag!);
            Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);
        }

        // Another unit's guide is its own, and a unit without one answers 404 in Chinese.
        using var otherAdmin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var otherTemplate = await otherAdmin.GetFromJsonAsync<JsonElement>("/api/publishing/guide/template");
        Assert.NotEqual(officeName, otherTemplate.GetProperty("officeName").GetString());
        var other = await otherAdmin.PutAsJsonAsync("/api/publishing/guide", Filled(otherTemplate, "成都市双流区西航港街道航港路 8 号", "028-85802222"));
        Assert.True(other.IsSuccessStatusCode, await other.Content.ReadAsStringAsync());
        var otherShown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/publishing/public/{PlatformFixture.TenantB}/guide");
        Assert.Equal("028-85802222", otherShown.GetProperty("content").GetProperty("phone").GetString());
        Assert.Equal("028-85801234", (await anonymous.GetFromJsonAsync<JsonElement>(publicUrl)).GetProperty("content").GetProperty("phone").GetString());
        Assert.Equal("028-85801234", (await admin.GetFromJsonAsync<JsonElement>("/api/publishing/guide")).GetProperty("content").GetProperty("phone").GetString());
        var missing = await anonymous.GetAsync($"/api/publishing/public/{PlatformFixture.TenantA}-none/guide");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("尚未发布", await missing.Content.ReadAsStringAsync());

        // A new save is a new dated version; the old one is kept with who saved it, and the public ETag changes.
        var resaved = await admin.PutAsJsonAsync("/api/publishing/guide", With(guide, "officeHours", "法定工作日 9:00—17:00") with { baseVersion = version });
        Assert.True(resaved.IsSuccessStatusCode, await resaved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/publishing/guide", guide with { baseVersion = version })).StatusCode);
        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/publishing/guide/versions");
        Assert.Equal(new[] { version + 1, version }, versions.EnumerateArray().Take(2).Select(v => v.GetProperty("version").GetInt32()));
        Assert.All(versions.EnumerateArray(), v => Assert.False(string.IsNullOrEmpty(v.GetProperty("savedBy").GetString())));
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/api/publishing/guide/versions/{version}");
        Assert.NotEqual("法定工作日 9:00—17:00", kept.GetProperty("content").GetProperty("officeHours").GetString());
        using (var stale = new HttpRequestMessage(HttpMethod.Get, publicUrl))
        {
            stale.Headers.IfNoneMatch.Add(etag!);
            var fresh = await anonymous.SendAsync(stale);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Equal("法定工作日 9:00—17:00", (await fresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("content").GetProperty("officeHours").GetString());
        }
    }

    internal sealed record GuideBody(string? officeName, string? address, string? postcode, string? officeHours, string? phone, string? fax,
        string? email, string? onlineApplicationUrl, string? classificationHtml, string? howToObtainHtml, string? applicationProcedureHtml,
        string? feesHtml, string? remediesHtml, int? baseVersion = null);

    internal static GuideBody Filled(JsonElement template, string address, string phone)
    {
        string? Get(string name) => template.GetProperty(name).GetString();
        return new GuideBody(Get("officeName"), address, "610200", Get("officeHours"), phone, "028-85809999", "gongkai@shuangliu.gov.cn",
            "https://www.shuangliu.gov.cn/ysqgk", Get("classificationHtml"), Get("howToObtainHtml"), Get("applicationProcedureHtml"),
            Get("feesHtml"), "<p>可以依法向成都市双流区人民政府申请行政复议，或者向人民法院提起行政诉讼。</p>");
    }

    private static GuideBody With(GuideBody body, string field, string value) => field switch
    {
        "onlineApplicationUrl" => body with { onlineApplicationUrl = value },
        "officeHours" => body with { officeHours = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
