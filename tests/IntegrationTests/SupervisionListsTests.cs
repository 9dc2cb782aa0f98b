using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The district supervisor's two lists (两张清单) in Intake: key applicants matched across townships by the blind index,
/// key subjects clustered across townships, the alerts — never the applicant's identity, every read audited per unit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SupervisionListsTests(PlatformFixture platform)
{
    private const string Applications = "/api/intake/applications";
    private const string Supervision = "/api/intake/supervision";

    [Fact]
    public async Task The_supervisor_sees_an_applicant_across_two_townships_and_a_subject_asked_in_both_but_never_who_the_applicant_is()
    {
        var townA = await NewTownshipAsync("sa");
        var townB = await NewTownshipAsync("sb");
        using var registrarA = await platform.ClientAsync(townA, "admin");
        using var registrarB = await platform.ClientAsync(townB, "admin");

        // One person, five unrelated requests: three in township A, two in township B.
        var idNumber = IntakeTestData.NewIdNumber();
        var phone = IntakeTestData.NewPhone();
        string Unique(string subject) => $"{IntakeTestData.Token()}{subject}";
        var own = new List<(string Unit, JsonElement Receipt)>
        {
            (townA, await RegisterAsync(registrarA, IntakeTestData.Person(description: Unique("年度部门决算公开表"), idNumber: idNumber, phone: phone))),
            (townA, await RegisterAsync(registrarA, IntakeTestData.Person(description: Unique("号道路改造工程招标文件"), idNumber: idNumber, phone: phone))),
            (townA, await RegisterAsync(registrarA, IntakeTestData.Person(description: Unique("批次低保对象名单审核材料"), idNumber: idNumber, phone: phone))),
            (townB, await RegisterAsync(registrarB, IntakeTestData.Person(description: Unique("号地块控制性详细规划调整批复"), idNumber: idNumber.ToLowerInvariant(), phone: phone))),
            (townB, await RegisterAsync(registrarB, IntakeTestData.Person(description: Unique("年高龄津贴发放明细"), idNumber: idNumber, phone: phone))),
        };
        // Two other people ask the two townships for the same information.
        var subject = $"双流区{IntakeTestData.Token()}片区老旧小区改造资金拨付文件";
        var asked = new[]
        {
            await RegisterAsync(registrarA, IntakeTestData.Person(description: subject)),
            await RegisterAsync(registrarB, IntakeTestData.Person(description: subject + "及附件")),
        };

        // Township A's staff judge the information it released belongs in the catalogue (Art. 44): a conversion, still open.
        var conversion = await registrarA.PostAsJsonAsync("/api/publishing/conversions", new
        {
            source = "ReleasedOnApplication", applicationNumbers = new[] { asked[0].GetProperty("applicationNumber").GetString() }, note = "多人关注",
        });
        Assert.True(conversion.IsSuccessStatusCode, await conversion.Content.ReadAsStringAsync());

        using var supervisor = await platform.ClientAsync(PlatformFixture.District, "supervisor", fresh: true); // the new townships in its token
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var range = $"from={today.AddDays(-7):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";

        // 重点人群: five applications, two units, case links to each — and nothing that identifies the person.
        var response = await supervisor.GetAsync($"{Supervision}/key-applicants?{range}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var index = (string)(await IntakeTestData.ScalarAsync(platform, "SELECT applicant_index FROM applications WHERE id = @id",
            ("id", own[0].Receipt.GetProperty("id").GetGuid())))!;
        foreach (var secret in new[] { idNumber, phone, "张三", "棠湖路", index })
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        var list = JsonDocument.Parse(body).RootElement;
        Assert.Contains(townA, list.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        var key = Assert.Single(list.GetProperty("applicants").EnumerateArray(), a => a.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("unit").GetString() == townA));
        Assert.StartsWith("申请人-", key.GetProperty("label").GetString());
        Assert.Equal(5, key.GetProperty("total").GetInt32());
        Assert.Equal(2, key.GetProperty("unitCount").GetInt32());
        Assert.Equal([(townA, 3), (townB, 2)], key.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("unit").GetString(), u.GetProperty("count").GetInt32())));
        Assert.Equal(own.Select(o => (o.Unit, o.Receipt.GetProperty("id").GetGuid(), o.Receipt.GetProperty("applicationNumber").GetString())).Order(),
            key.GetProperty("applications").EnumerateArray()
                .Select(l => (l.GetProperty("unit").GetString()!, l.GetProperty("applicationId").GetGuid(), l.GetProperty("number").GetString())).Order());
        // The label is stable: the same person under the same name on the next read.
        var again = await supervisor.GetFromJsonAsync<JsonElement>($"{Supervision}/key-applicants?{range}&min=5");
        Assert.Contains(again.GetProperty("applicants").EnumerateArray(), a => a.GetProperty("label").GetString() == key.GetProperty("label").GetString());

        // 重点事项: the subject asked by two people in two townships (the person's five requests are all different).
        var subjects = await supervisor.GetFromJsonAsync<JsonElement>($"{Supervision}/key-subjects?{range}");
        Assert.False(subjects.GetProperty("truncated").GetBoolean());
        var ours = subjects.GetProperty("subjects").EnumerateArray()
            .Where(s => s.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("unit").GetString() == townA)).ToList();
        var same = Assert.Single(ours);
        Assert.Equal(subject, same.GetProperty("description").GetString()); // the earliest request stands for the subject
        Assert.Equal(2, same.GetProperty("unitCount").GetInt32());
        Assert.Equal(2, same.GetProperty("applicants").GetInt32());
        Assert.False(same.GetProperty("flagged").GetBoolean()); // one request per township: neither unit's registration flagged Art. 44
        // What each township did about it (Publishing's): A has an open conversion, B none.
        var conversions = same.GetProperty("conversions").EnumerateArray().ToDictionary(c => c.GetProperty("unit").GetString()!, c => c.GetProperty("stateLabel").GetString());
        Assert.Equal("待处理", conversions[townA]);
        Assert.Equal("未提出", conversions[townB]);
        Assert.Equal(asked.Select(a => a.GetProperty("id").GetGuid()).Order(),
            same.GetProperty("applications").EnumerateArray().Select(l => l.GetProperty("applicationId").GetGuid()).Order());

        // 预警: the key applicant, five requests within 30 days, the key subject — in Chinese, still without the ID number.
        var alertsResponse = await supervisor.GetAsync($"{Supervision}/alerts?{range}");
        var alertsBody = await alertsResponse.Content.ReadAsStringAsync();
        Assert.True(alertsResponse.StatusCode == HttpStatusCode.OK, alertsBody);
        Assert.DoesNotContain(idNumber, alertsBody, StringComparison.OrdinalIgnoreCase);
        var alerts = JsonDocument.Parse(alertsBody).RootElement.GetProperty("alerts").EnumerateArray().ToList();
        var label = key.GetProperty("label").GetString();
        Assert.Contains(alerts, a => a.GetProperty("kind").GetString() == "KeyApplicant" && a.GetProperty("kindLabel").GetString() == "重点人群"
            && a.GetProperty("subject").GetString() == label && a.GetProperty("count").GetInt32() == 5);
        Assert.Contains(alerts, a => a.GetProperty("kind").GetString() == "RepeatedByApplicant" && a.GetProperty("subject").GetString() == label
            && a.GetProperty("message").GetString()!.Contains("30日内"));
        Assert.Contains(alerts, a => a.GetProperty("kind").GetString() == "KeySubject" && a.GetProperty("subject").GetString() == subject);

        // Each township's audit chain records the supervisor's read of it.
        foreach (var unit in new[] { townA, townB })
        {
            using var admin = await platform.ClientAsync(unit, "admin");
            await PlatformFixture.EventuallyAsync(async () =>
            {
                var log = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{unit}?take=200");
                return log!.Any(e => e.GetProperty("action").GetString() == "supervisor-viewed-key-applicants" && e.GetProperty("target").GetString() == $"unit:{unit}")
                    && log!.Any(e => e.GetProperty("action").GetString() == "supervisor-viewed-key-subjects")
                    ? log : null;
            }, PlatformFixture.EventWait, $"the supervisor's reads in {unit}'s audit log");
        }

        // A township's staff may not read the lists.
        Assert.Equal(HttpStatusCode.Forbidden, (await registrarA.GetAsync($"{Supervision}/key-applicants?{range}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrarA.GetAsync($"{Supervision}/alerts")).StatusCode);
    }

    [Fact]
    public async Task Bad_dates_and_thresholds_are_refused_naming_the_field()
    {
        using var supervisor = await platform.ClientAsync(PlatformFixture.District, "supervisor");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/key-applicants?from=2026-13-01"), "from");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/key-applicants?from=1999-12-31&to=2000-06-30"), "from");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/key-subjects?from=2026-03-01&to=2026-02-01"), "to");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/alerts?from=2020-01-01&to=2023-01-01"), "to");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/key-applicants?min=1"), "min");
        await AssertRefusedAsync(await supervisor.GetAsync($"{Supervision}/key-subjects?minApplicants=many"), "minApplicants");
        // Three years to the day before is still within the limit.
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"{Supervision}/key-applicants?from=2020-01-01&to=2022-12-31")).StatusCode);
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync(Applications, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>A new township under the demo district with an admin who registers (as in AnnualReportTests), so the lists see only this test's data.</summary>
    private async Task<string> NewTownshipAsync(string prefix)
    {
        var code = $"{PlatformFixture.District}-{prefix}{Random.Shared.Next(100000, 999999)}";
        using var districtAdmin = await platform.ClientAsync(PlatformFixture.District, "admin");
        var created = await districtAdmin.PostAsJsonAsync("/api/identity/units",
            new { code, name = $"清单测试{code[^6..]}街道办事处", kind = "Township", parentCode = PlatformFixture.District });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{code}/users",
            new { userName = "admin", displayName = "清单admin", password = PlatformFixture.DemoPassword, roles = new[] { "unit_admin", "handler", "registrar" } });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        return code;
    }
}
