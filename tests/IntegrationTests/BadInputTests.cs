using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Gongkai.IntegrationTests.Problems;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Malformed input, class by class, through the gateway: each is a 400 (or 415) problem details in Chinese that names
/// the field, and nothing changes. The defects an outsider found (undefined enums approving a case, deadlines wrapping
/// around, impossible dates, NUL and control characters, endless text, a wrong content type) stay fixed here.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    private static readonly Dictionary<string, object> LegalityChecklist = new[] { "correction", "responsibility", "existence", "disclosure", "reply" }
        .ToDictionary(k => k, _ => (object)new { answer = true });

    [Fact]
    public async Task Undefined_enum_values_are_refused_naming_the_field_on_every_service()
    {
        var (handler, caseId) = await OpenCaseAsync();
        await Act(handler, caseId, "triage", new { });
        await Act(handler, caseId, "search", new { });
        var before = await Cases.GetAsync(handler, caseId);

        foreach (var body in new[] { """{"replyType":99,"outcome":"Disclosed"}""", """{"replyType":"Disclose","outcome":-1}""", """{"replyType":"Disclose","outcome":"7"}""" })
            await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/decision", body), body.Contains("99") ? "replyType" : "outcome");
        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/on-the-spot-reply", """{"replyType":99,"outcome":99}"""), "replyType");
        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/deliveries", """{"method":99,"evidence":"挂号信 XA123"}"""), "method");
        await AssertRefusedAsync(await handler.GetAsync("/api/workflow/cases?state=99"), "state");
        // A name that is no value, or a number that is no number, fails to bind at all: still named, still in Chinese.
        await AssertRefusedAsync(await handler.GetAsync("/api/workflow/cases?state=Pending"), "state");
        await AssertRefusedAsync(await handler.GetAsync("/api/publishing/items?state=Pending"), "state");
        await AssertRefusedAsync(await handler.GetAsync("/api/publishing/items?page=abc"), "page");
        await AssertUnchangedAsync(handler, before);

        using var platformAdmin = await platform.ClientAsync("platform", "admin");
        foreach (var kind in new[] { "99", "-1", "\"7\"" })
            await AssertRefusedAsync(await PostRaw(platformAdmin, "/api/identity/units", $$"""{"code":"519999","name":"不应创建的单位","kind":{{kind}},"parentCode":"5101"}"""), "kind");
        var units = await platformAdmin.GetFromJsonAsync<List<JsonElement>>("/api/identity/units");
        Assert.DoesNotContain(units!, u => u.GetProperty("code").GetString() == "519999");
    }

    [Fact]
    public async Task Working_day_counts_outside_their_legal_range_are_refused_and_no_deadline_wraps_around()
    {
        var (handler, caseId) = await OpenCaseAsync();
        var before = await Cases.GetAsync(handler, caseId);

        foreach (var days in new[] { int.MaxValue, 0, -1, 61 })
        {
            await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/explanation-requests", new { why = "申请数量明显超出合理范围", replyWithinWorkingDays = days }), "replyWithinWorkingDays");
            await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/correction-requests", new { items = "请写明文件名称", periodWorkingDays = days }), "periodWorkingDays");
            await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/assist-requests", new { unit = "区住建局", question = "是否掌握", answerWithinWorkingDays = days }), "answerWithinWorkingDays");
        }
        await AssertUnchangedAsync(handler, before);

        using var anonymous = platform.Anonymous();
        await AssertRefusedAsync(await anonymous.GetAsync("/api/workflow/calendar/deadline?from=9999-12-31&workingDays=1"), "from");
        await AssertRefusedAsync(await anonymous.GetAsync("/api/workflow/calendar/deadline?from=2026-12-01&workingDays=2147483647"), "workingDays");
        using var platformAdmin = await platform.ClientAsync("platform", "admin");
        var year = await platformAdmin.PutAsync("/api/workflow/calendar-admin/years/2101", Json("""{"source":"测试","holidays":[null]}"""));
        await AssertRefusedAsync(year, "schedule");
    }

    [Fact]
    public async Task Impossible_dates_are_refused_and_change_nothing()
    {
        var (handler, caseId) = await OpenCaseAsync();
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        var before = await Cases.GetAsync(handler, caseId);

        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/withdrawal", """{"withdrawnOn":"9999-12-31","reason":"不再需要"}"""), "withdrawnOn");
        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/third-party-consultations", """{"party":"某公司","letterReceivedOn":"0001-01-01"}"""), "letterReceivedOn");
        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/on-the-spot-reply", """{"replyType":"Disclose","outcome":"Disclosed","on":"9999-12-31"}"""), "on");
        await AssertRefusedAsync(await PostRaw(approver, $"/api/workflow/cases/{caseId}/extensions", """{"reason":"需进一步检索","decidedOn":"0001-01-01"}"""), "decidedOn");
        await AssertRefusedAsync(await PostRaw(approver, $"/api/workflow/cases/{caseId}/reasonable-delays", """{"until":"2099-06-01","reason":"理由成立"}"""), "until");
        await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/fee-notices", """{"method":"PerVolume","quantity":200,"noticeReceivedOn":"0001-01-01"}"""), "noticeReceivedOn");
        await AssertUnchangedAsync(handler, before);
    }

    [Fact]
    public async Task Nul_and_control_characters_are_refused_at_every_door_before_they_reach_a_letter()
    {
        var (handler, caseId) = await OpenCaseAsync();
        var before = await Cases.GetAsync(handler, caseId);
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var anonymous = platform.Anonymous();
        using var admin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");

        foreach (var bad in new[] { "\u0000", "\u0001", "\u202E" })
        {
            var escaped = JsonSerializer.Serialize("张三" + bad + "李四");
            await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/correction-requests", $$"""{"items":{{escaped}}}"""), "items");
            await AssertRefusedAsync(await PostRaw(handler, $"/api/workflow/cases/{caseId}/third-party-consultations", $$"""{"party":{{escaped}}}"""), "party");
            await AssertRefusedAsync(await PostRaw(anonymous, "/api/identity/token", $$"""{"grantType":"password","unitCode":"510116-dsj","userName":{{escaped}},"password":"x"}"""), "userName");
            await AssertRefusedAsync(await PostRaw(admin, "/api/identity/units/510116-dsj/users", $$"""{"userName":"nobody","displayName":{{escaped}},"password":"Choose-a-good-one-2026","roles":["handler"]}"""), "displayName");

            var person = JsonSerializer.SerializeToNode(IntakeTestData.Person("InPerson", "东升街道2025年老旧小区改造资金拨付文件"), PlatformFixture.Json)!;
            foreach (var field in new[] { "applicantName", "description", "address" })
            {
                var form = person.DeepClone();
                form[field] = "四川省成都市" + bad + "双流区";
                await AssertRefusedAsync(await registrar.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications")
                {
                    Content = Json(form.ToJsonString()), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
                }), field);
            }
        }
        // A URL is input too: a NUL in a path or query value never reaches a database.
        await AssertRefusedAsync(await handler.GetAsync("/api/workflow/cases?handler=%00"), "handler");
        await AssertRefusedAsync(await anonymous.GetAsync("/api/intake/public/applications/510116%01"), "path");
        await AssertUnchangedAsync(handler, before);
    }

    [Fact]
    public async Task Text_longer_than_its_field_is_refused_not_a_server_error()
    {
        var (handler, caseId) = await OpenCaseAsync();
        await Act(handler, caseId, "triage", new { });
        await Act(handler, caseId, "search", new { });
        var before = await Cases.GetAsync(handler, caseId);

        await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/decision",
            new { replyType = "Disclose", outcome = "Disclosed", reasons = new string('理', 100_000) }), "reasons");
        await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/decision",
            new { replyType = "Disclose", outcome = "Disclosed", reasons = new string('理', 2_001) }), "reasons");
        await AssertRefusedAsync(await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/on-the-spot-reply",
            new { replyType = "Disclose", outcome = "Disclosed", reasons = new string('理', 100_000) }), "reasons");
        await AssertUnchangedAsync(handler, before);

        // The longest text a field takes still fits the timeline, whose line quotes it.
        await Act(handler, caseId, "decision", new { replyType = "Disclose", outcome = "Disclosed", reasons = new string('理', 2_000) });
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_in_chinese_even_on_anonymous_doors()
    {
        using var anonymous = platform.Anonymous();
        foreach (var path in new[] { "/api/intake/public/applications", "/api/identity/revoke", "/api/identity/token" })
        {
            var response = await anonymous.PostAsync(path, new StringContent("hello", Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Matches("[\u4e00-\u9fff]", problem.GetProperty("title").GetString());
        }
        // The framework's own answers are Chinese too.
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var missing = await handler.GetAsync("/api/workflow/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Matches("[\u4e00-\u9fff]", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_review_opinion_needs_a_defined_verdict_and_every_question_really_answered()
    {
        var (handler, caseId) = await OpenCaseAsync();
        using var counsel = await platform.ClientAsync(PlatformFixture.TenantA, "counsel");
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        await Act(handler, caseId, "triage", new { });
        await Act(handler, caseId, "search", new { });
        await Act(handler, caseId, "decision", new { replyType = "PartiallyDisclose", outcome = "PartiallyDisclosed", reasons = "涉及个人隐私的部分不予公开" });
        await Act(handler, caseId, "review-requests", new { });
        var review = await PlatformFixture.EventuallyAsync(async () =>
            (await counsel.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/reviews?caseId={caseId}"))!.Select(r => (object)r).FirstOrDefault(),
            PlatformFixture.EventWait, "the review") is JsonElement found ? found : default;
        var opinion = $"/api/legalreview/reviews/{review.GetProperty("id")}/steps/1/opinion";

        await AssertRefusedAsync(await PostRaw(counsel, opinion, """{"verdict":99,"text":"同意","checklist":{}}"""), "verdict");
        await AssertRefusedAsync(await PostRaw(counsel, opinion, """{"verdict":"Escalate, Approve","text":"同意"}"""), "verdict");
        await AssertRefusedAsync(await PostRaw(counsel, opinion, """{"text":"同意"}"""), "verdict");
        var empty = LegalityChecklist.ToDictionary(kv => kv.Key, kv => kv.Key == "reply" ? new { } : kv.Value);
        await AssertRefusedAsync(await counsel.PostAsJsonAsync(opinion, new { verdict = "Approve", text = "合法", checklist = empty }), "checklist");
        await AssertRefusedAsync(await counsel.PostAsJsonAsync(opinion, new { verdict = "Approve", text = new string('意', 4_001), checklist = LegalityChecklist }), "text");

        // Nothing moved: the step still waits for counsel, the case is still under review.
        var after = (await counsel.GetFromJsonAsync<JsonElement>($"/api/legalreview/reviews/{review.GetProperty("id")}"));
        Assert.Equal("InProgress", after.GetProperty("state").GetString());
        Assert.Equal("Pending", after.GetProperty("steps")[0].GetProperty("state").GetString());
        Assert.Equal(2, after.GetProperty("steps").GetArrayLength());
        Assert.Equal("UnderReview", (await Cases.GetAsync(handler, caseId)).Case.State);

        // Tasks for one case are that case's only: another case id lists none of them.
        var tasks = await counsel.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/tasks?caseId={caseId}");
        Assert.Equal(caseId, Assert.Single(tasks!).GetProperty("caseId").GetGuid());
        Assert.Empty((await counsel.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/tasks?caseId={Guid.Empty}"))!);
        var policy = await (await platform.ClientAsync(PlatformFixture.TenantA, "admin")).PutAsync("/api/legalreview/policy", Json("""{"stepAlertWorkingDays":2147483647}"""));
        await AssertRefusedAsync(policy, "stepAlertWorkingDays");
    }

    private async Task<(HttpClient Handler, Guid CaseId)> OpenCaseAsync()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var registered = await platform.RegisterAsync(registrar);
        var caseId = (await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait)).Id;
        // The receipt is issued right after the case opens and noted on its timeline: wait for it, so "unchanged" compares a settled case.
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Timeline.FirstOrDefault(e => e.Kind == "document-issued"),
            PlatformFixture.DocumentWait, "the receipt on the case's timeline");
        return (handler, caseId);
    }

    private static async Task AssertUnchangedAsync(HttpClient handler, CaseDetails before)
    {
        var after = await Cases.GetAsync(handler, before.Case.Id);
        Assert.Equal(before.Case, after.Case with { RemainingWorkingDays = before.Case.RemainingWorkingDays });
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
    }

    private static async Task Act(HttpClient client, Guid caseId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> PostRaw(HttpClient client, string path, string json) => client.PostAsync(path, Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
