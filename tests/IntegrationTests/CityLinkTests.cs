using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The city link both ways, with tools/CitySimulator playing the city: it pushes through the gateway (client token and
/// signature), receives Gongkai's signed callbacks, fails them when told, and answers the reconciliation with its manifest.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CityLinkTests(PlatformFixture platform)
{
    private const string CityClient = "city-platform-dev";
    private const string CitySecret = "city-platform-dev-secret";
    // The development signing key of the city client (Intake's appsettings.Development.json and the simulator's appsettings.json).
    private const string CityKey = "city-platform-dev-signing-key-2026-0123456789";

    private static readonly string[] CaseStatuses =
        ["Received", "Triage", "Search", "DecisionDrafted", "UnderReview", "Approved", "DocumentIssued", "Delivered", "Closed"];

    private HttpClient Simulator() => new() { BaseAddress = platform.App.GetEndpoint(ResourceNames.CitySimulator), Timeout = TimeSpan.FromSeconds(60) };

    internal static Dictionary<string, object?> CityForm(string unit, string? reference = null)
    {
        var form = IntakeTestData.Person();
        form.Remove("channel");
        form["unitCode"] = unit;
        form["externalReference"] = reference ?? $"CITY-{IntakeTestData.Token()}";
        return form;
    }

    /// <summary>What the simulator's control API forwarded: the gateway's status and body.</summary>
    internal static async Task<(HttpStatusCode Status, JsonElement Body)> ControlAsync(HttpClient simulator, string path, object? body = null)
    {
        var response = body is null ? await simulator.GetAsync(path) : await simulator.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var answer = await response.ReadJsonAsync();
        return ((HttpStatusCode)answer.GetProperty("status").GetInt32(), answer.GetProperty("body"));
    }

    internal static async Task<(string Reference, string Number)> PushAsync(HttpClient simulator, string unit)
    {
        var (status, body) = await ControlAsync(simulator, "/control/applications", CityForm(unit));
        Assert.True(status == HttpStatusCode.Accepted, $"push: {(int)status} {body}");
        return (body.GetProperty("cityReference").GetString()!, body.GetProperty("applicationNumber").GetString()!);
    }

    /// <summary>The registrar confirms receipt (Art. 31: the day both sides confirmed) and the case opens.</summary>
    internal static async Task<Guid> ConfirmAndOpenAsync(PlatformFixture platform, string unit, string number)
    {
        using var registrar = await platform.ClientAsync(unit, "registrar");
        var pending = await PlatformFixture.EventuallyAsync(async () =>
            (await registrar.GetFromJsonAsync<List<JsonElement>>("/api/intake/applications?status=AwaitingConfirmation&take=200"))!
                .Where(a => a.GetProperty("applicationNumber").GetString() == number).Select(a => (object)a.GetProperty("id").GetGuid()).FirstOrDefault(),
            PlatformFixture.EventWait, "the pushed application");
        var id = (Guid)pending;
        var confirmed = await registrar.PostAsJsonAsync($"/api/intake/applications/{id}/confirmation", new { method = "OnlineReceipt" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (await Cases.WaitForCaseAsync(registrar, id, PlatformFixture.EventWait)).Id;
    }

    private static async Task<List<JsonElement>> CallbacksAsync(HttpClient simulator, string reference) =>
        (await simulator.GetFromJsonAsync<List<JsonElement>>($"/control/callbacks?reference={Uri.EscapeDataString(reference)}"))!;

    private static Task<List<JsonElement>> CallbacksUntilAsync(HttpClient simulator, string reference, Func<List<JsonElement>, bool> until, string what) =>
        PlatformFixture.EventuallyAsync(async () => await CallbacksAsync(simulator, reference) is var list && until(list) ? list : null,
            PlatformFixture.DocumentWait, what);

    private static string? StatusOf(JsonElement received) =>
        received.GetProperty("callback").GetProperty("status") is { ValueKind: JsonValueKind.Object } s ? s.GetProperty("status").GetString() : null;

    private static async Task Act(HttpClient handler, Guid caseId, string action, object body)
    {
        var response = await handler.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_signed_push_becomes_a_case_whose_statuses_and_result_reach_the_city_in_order_with_the_hash_of_the_reply_it_downloads()
    {
        const string unit = PlatformFixture.TenantA;
        using var simulator = Simulator();
        var form = CityForm(unit);
        var (status, first) = await ControlAsync(simulator, "/control/applications", form);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var reference = first.GetProperty("cityReference").GetString()!;
        var number = first.GetProperty("applicationNumber").GetString()!;
        Assert.StartsWith($"{unit}-", number);
        // The city retries a push it did not hear back from: the same reference is the same application.
        var (again, retry) = await ControlAsync(simulator, "/control/applications", form);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.Equal(number, retry.GetProperty("applicationNumber").GetString());

        var caseId = await ConfirmAndOpenAsync(platform, unit, number);
        using var handler = await platform.ClientAsync(unit, "handler");
        await Act(handler, caseId, "triage", new { });
        await Act(handler, caseId, "search", new { });
        await Act(handler, caseId, "decision", new { replyType = "Disclose", outcome = "Disclosed", reasons = "该信息属于应当公开的政府信息" });
        await Act(handler, caseId, "review-requests", new { });
        await ReviewChain.ApproveAsync(platform, unit, caseId, 1, subject: "Case");
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Case.State == "DocumentIssued" ? "" : null,
            PlatformFixture.DocumentWait, "the issued reply");
        await Act(handler, caseId, "deliveries", new { method = "Online", evidence = "经市级平台送达" });
        await Act(handler, caseId, "closure", new { });

        var callbacks = await CallbacksUntilAsync(simulator, reference,
            list => CaseStatuses.All(s => list.Any(c => StatusOf(c) == s)) && list.Any(c => c.GetProperty("callback").GetProperty("kind").GetString() == "ResultIssued"),
            "every status and the result");
        // In order and once each: sequence 1, 2, 3… as received, no callback delivered twice.
        Assert.Equal(Enumerable.Range(1, callbacks.Count).Select(i => (long)i), callbacks.Select(c => c.GetProperty("callback").GetProperty("sequence").GetInt64()));
        Assert.All(callbacks, c => Assert.Equal(1, c.GetProperty("deliveries").GetInt32()));
        // Every status the case went through, each once, in the order it happened.
        var statuses = callbacks.Where(c => StatusOf(c) is not null)
            .OrderBy(c => c.GetProperty("callback").GetProperty("occurredAt").GetDateTimeOffset()).Select(StatusOf).ToList();
        Assert.Equal(CaseStatuses, statuses);
        Assert.Contains(callbacks, c => c.GetProperty("callback").GetProperty("kind").GetString() == "Delivered");

        var result = callbacks.Single(c => c.GetProperty("callback").GetProperty("kind").GetString() == "ResultIssued").GetProperty("callback").GetProperty("result");
        Assert.Equal("Disclose", result.GetProperty("replyType").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("documentNumber").GetString()));
        Assert.StartsWith($"/api/city/v1/applications/{reference}/reply?document=", result.GetProperty("downloadPath").GetString());
        // The city fetches the reply with its token and signature: the bytes hash to what the callback said, and to Document's file.
        var download = await simulator.GetFromJsonAsync<JsonElement>($"/control/download?path={Uri.EscapeDataString(result.GetProperty("downloadPath").GetString()!)}");
        Assert.Equal(result.GetProperty("sha256").GetString(), download.GetProperty("sha256").GetString());
        var reply = (await DocumentTestSupport.ListAsync(handler, caseId)).Single(d => d.Kind == "reply");
        Assert.Equal(reply.Files.Single(f => f.Format == "pdf").Sha256, download.GetProperty("sha256").GetString());
        Assert.EndsWith($"?document={reply.Id}", result.GetProperty("downloadPath").GetString());

        var (progressStatus, progress) = await ControlAsync(simulator, $"/control/applications/{reference}");
        Assert.Equal(HttpStatusCode.OK, progressStatus);
        Assert.Equal("Closed", progress.GetProperty("caseStatus").GetString());
        Assert.Equal("Disclose", progress.GetProperty("replyType").GetString());

        // The push and the city's download are in the unit's audit log.
        using var admin = await platform.ClientAsync(unit, "admin");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var log = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{unit}?take=500");
            var actions = log!.Where(e => e.GetProperty("detail").GetString()?.StartsWith(number) == true).Select(e => e.GetProperty("action").GetString()).ToList();
            return actions.Contains("application-pushed") && actions.Contains("reply-downloaded-by-city") ? log : null;
        }, PlatformFixture.EventWait, "the push and the download in the unit's audit log");
    }

    [Fact]
    public async Task Unsigned_replayed_forged_altered_and_expired_requests_are_refused_and_an_unknown_unit_is_a_clear_422()
    {
        using var city = platform.Anonymous();
        city.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ClientTokenAsync());
        var month = $"/api/city/v1/statistics/{PlatformFixture.TenantA}/{ChinaTime.Today(TimeProvider.System):yyyy-MM}";

        HttpRequestMessage Signed(HttpMethod method, string path, string key = CityKey, DateTimeOffset? at = null, string? body = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            CitySignature.SignAsync(request, CityClient, key, at ?? DateTimeOffset.UtcNow).GetAwaiter().GetResult();
            return request;
        }
        HttpRequestMessage Copy(HttpRequestMessage original)
        {
            var copy = new HttpRequestMessage(original.Method, original.RequestUri);
            foreach (var header in original.Headers.Where(h => h.Key.StartsWith("X-Signature")))
                copy.Headers.Add(header.Key, header.Value);
            return copy;
        }
        async Task AssertRefused(HttpRequestMessage request, string why)
        {
            var response = await city.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode}");
            Assert.Equal("请求签名无效", (await response.ReadJsonAsync()).GetProperty("title").GetString());
        }

        var valid = Signed(HttpMethod.Get, month);
        var replay = Copy(valid);
        var ok = await city.SendAsync(valid);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.ReadJsonAsync()).GetProperty("registered").GetInt32() >= 0);

        await AssertRefused(replay, "the same nonce again");
        await AssertRefused(new HttpRequestMessage(HttpMethod.Get, month), "no signature (a leaked token alone)");
        await AssertRefused(Signed(HttpMethod.Get, month, key: "someone-elses-key-0123456789-0123456789"), "a forged signature");
        await AssertRefused(Signed(HttpMethod.Get, month, at: DateTimeOffset.UtcNow.AddMinutes(-10)), "an expired timestamp");
        await AssertRefused(Signed(HttpMethod.Get, month, at: DateTimeOffset.UtcNow.AddMinutes(10)), "a timestamp from the future");
        var altered = Signed(HttpMethod.Post, "/api/city/v1/applications", body: JsonSerializer.Serialize(CityForm(PlatformFixture.TenantA)));
        altered.Content = JsonContent.Create(CityForm(PlatformFixture.TenantB));
        await AssertRefused(altered, "a body changed after signing");
        var otherPath = Signed(HttpMethod.Get, month);
        otherPath.RequestUri = new Uri($"/api/city/v1/statistics/{PlatformFixture.TenantB}/{ChinaTime.Today(TimeProvider.System):yyyy-MM}", UriKind.Relative);
        await AssertRefused(otherPath, "a signature for another path");

        // Staff tokens cannot use the city's contract at all, signed or not; no token is the gateway's 401.
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.SendAsync(Signed(HttpMethod.Get, month))).StatusCode);
        using var anonymous = platform.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Signed(HttpMethod.Get, month))).StatusCode);
        // The unsigned push of old is gone; the city's token alone opens nothing of the units.
        Assert.Equal(HttpStatusCode.NotFound, (await city.PostAsJsonAsync("/api/intake/city-platform/applications", CityForm(PlatformFixture.TenantA))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync("/api/intake/applications")).StatusCode);

        // A unit that does not exist, or one that takes no applications: 422 with the reason, nothing registered.
        using var simulator = Simulator();
        foreach (var (unitCode, words) in new[] { ("510116-nowhere", "不在单位目录中"), ("5101", "不是受理政府信息公开申请的单位") })
        {
            var (status, problem) = await ControlAsync(simulator, "/control/applications", CityForm(unitCode));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains(words, problem.GetProperty("detail").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("unitCode", out _));
        }
        Assert.Equal(0L, (long)(await IntakeTestData.ScalarAsync(platform, "SELECT count(*) FROM applications WHERE tenant_id IN ('510116-nowhere', '5101')"))!);

        // One reference is one application: the same reference for another unit is a conflict, not a second application.
        var (reference, _) = await PushAsync(simulator, PlatformFixture.TenantA);
        var (conflict, _) = await ControlAsync(simulator, "/control/applications", CityForm(PlatformFixture.TenantB, reference));
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        // Bad input is named at its field.
        var noReference = CityForm(PlatformFixture.TenantA, reference: "含有中文的编号");
        var (invalid, errors) = await ControlAsync(simulator, "/control/applications", noReference);
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.True(errors.GetProperty("errors").TryGetProperty("externalReference", out _));
    }

    [Fact]
    public async Task Callbacks_the_city_fails_are_retried_then_dead_lettered_and_once_replayed_are_delivered_once_in_order()
    {
        const string unit = PlatformFixture.TenantB;
        using var simulator = Simulator();
        using var admin = await platform.ClientAsync("platform", "admin");
        Assert.Equal(HttpStatusCode.NoContent, (await simulator.PostAsJsonAsync("/control/failures", new { failAll = true, failNext = 0 })).StatusCode);
        try
        {
            var (reference, number) = await PushAsync(simulator, unit);
            var caseId = await ConfirmAndOpenAsync(platform, unit, number);
            // "Received" fails on every attempt (the tests' budget: 1 s doubling to 10 s) and lands in the dead-letter list.
            var dead = await FirstAsync(admin, $"/api/intake/city-link/deliveries?state=DeadLettered&reference={reference}", "the dead-lettered callback");
            Assert.Equal(1, dead.GetProperty("sequence").GetInt64());
            Assert.Equal(PlatformFixture.CityCallbackAttempts, dead.GetProperty("attempts").GetInt32());
            Assert.Contains("503", dead.GetProperty("lastError").GetString());

            // The next change queues behind it, blocked, untried: order per application holds.
            using var handler = await platform.ClientAsync(unit, "handler");
            await Act(handler, caseId, "triage", new { });
            var blocked = await FirstAsync(admin, $"/api/intake/city-link/deliveries?state=Pending&reference={reference}", "the blocked callback");
            Assert.True(blocked.GetProperty("blocked").GetBoolean());
            Assert.Equal(0, blocked.GetProperty("attempts").GetInt32());

            // The city is back; nothing moves until the operator replays the dead letter, then both arrive, once each, in order.
            Assert.Equal(HttpStatusCode.NoContent, (await simulator.PostAsJsonAsync("/control/failures", new { failAll = false, failNext = 0 })).StatusCode);
            Assert.Empty(await CallbacksAsync(simulator, reference));
            using var unitAdmin = await platform.ClientAsync(unit, "admin");
            var deadId = dead.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.Forbidden, (await unitAdmin.PostAsync($"/api/intake/city-link/deliveries/{deadId}/replay", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/intake/city-link/deliveries/{deadId}/replay", null)).StatusCode);
            var callbacks = await CallbacksUntilAsync(simulator, reference, list => list.Count >= 2, "both callbacks after the replay");
            Assert.Equal(["Received", "Triage"], callbacks.Select(StatusOf));
            Assert.Equal([1L, 2L], callbacks.Select(c => c.GetProperty("callback").GetProperty("sequence").GetInt64()));
            Assert.All(callbacks, c => Assert.Equal(1, c.GetProperty("deliveries").GetInt32()));
            // Delivered is delivered: replaying it again is refused, and the replay is in the unit's audit log.
            Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/intake/city-link/deliveries/{deadId}/replay", null)).StatusCode);
            await PlatformFixture.EventuallyAsync(async () =>
                (await unitAdmin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{unit}?take=500"))!
                    .Any(e => e.GetProperty("action").GetString() == "city-callback-replayed" && e.GetProperty("target").GetString() == $"city-delivery:{deadId}") ? "" : null,
                PlatformFixture.EventWait, "the replay in the audit log");
        }
        finally
        {
            await simulator.PostAsJsonAsync("/control/failures", new { failAll = false, failNext = 0 });
        }
    }

    [Fact]
    public async Task A_callback_waiting_for_its_retry_survives_a_restart_of_Intake_and_arrives_once()
    {
        const string unit = PlatformFixture.TenantA;
        using var simulator = Simulator();
        using var admin = await platform.ClientAsync("platform", "admin");
        Assert.Equal(HttpStatusCode.NoContent, (await simulator.PostAsJsonAsync("/control/failures", new { failAll = true, failNext = 0 })).StatusCode);
        string reference;
        try
        {
            (reference, var number) = await PushAsync(simulator, unit);
            await ConfirmAndOpenAsync(platform, unit, number);
            // Tried once and failed: it waits in Intake's database for its next attempt while Intake goes down.
            await PlatformFixture.EventuallyAsync(async () =>
                (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/intake/city-link/deliveries?state=Pending&reference={reference}"))!
                    .Any(d => d.GetProperty("attempts").GetInt32() >= 1) ? "" : null, PlatformFixture.EventWait, "a failed first attempt");
            await platform.App.StopResourceAsync(ResourceNames.Intake);
        }
        finally
        {
            await simulator.PostAsJsonAsync("/control/failures", new { failAll = false, failNext = 0 });
        }
        await platform.App.StartResourceAsync(ResourceNames.Intake);
        var callbacks = await CallbacksUntilAsync(simulator, reference, list => list.Count >= 1, "the callback after the restart");
        Assert.Equal("Received", StatusOf(Assert.Single(callbacks)));
        Assert.Equal(1, callbacks[0].GetProperty("deliveries").GetInt32());
        // Through the gateway again once its health check has seen Intake back.
        var delivered = await PlatformFixture.EventuallyAsync(async () =>
        {
            var response = await admin.GetAsync($"/api/intake/city-link/deliveries?reference={reference}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<List<JsonElement>>() : null;
        }, PlatformFixture.EventWait, "Intake through the gateway");
        Assert.Equal("Delivered", Assert.Single(delivered).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_contract_is_described_in_Intakes_OpenAPI_document()
    {
        using var anonymous = platform.Anonymous();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/intake.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/city/v1/applications", paths);
        Assert.Contains("/api/city/v1/applications/{cityReference}/withdrawals", paths);
        Assert.Contains("/api/city/v1/applications/{cityReference}/supplements", paths);
        Assert.Contains("/api/city/v1/statistics/{unitCode}/{month}", paths);
        Assert.Contains("/api/intake/city-link/deliveries/{id}/replay", paths);
    }

    [Fact]
    public async Task Supplementary_material_resumes_a_case_waiting_for_correction_once_and_a_withdrawal_closes_it()
    {
        const string unit = PlatformFixture.TenantA;
        using var simulator = Simulator();
        var (reference, number) = await PushAsync(simulator, unit);
        // No case before the unit confirmed receipt: a withdrawal then is refused with the reason, to be sent again later.
        var (early, problem) = await ControlAsync(simulator, $"/control/applications/{reference}/withdrawals", new { messageId = "w-early", reason = "不再需要" });
        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Equal("单位尚未确认收到申请", problem.GetProperty("title").GetString());

        var caseId = await ConfirmAndOpenAsync(platform, unit, number);
        using var handler = await platform.ClientAsync(unit, "handler");
        await Act(handler, caseId, "correction-requests", new { items = "请写明所需信息的文件名称或文号", periodWorkingDays = 15 });
        Assert.Equal("CorrectionRequested", (await Cases.GetAsync(handler, caseId)).Case.State);

        var supplement = new { messageId = "s-1", note = "所需文件为《2025年老旧小区改造资金拨付方案》", attachments = new[] { IntakeTestData.Pdf("Other", "补正材料.pdf") } };
        var (accepted, answer) = await ControlAsync(simulator, $"/control/applications/{reference}/supplements", supplement);
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.False(answer.GetProperty("replayed").GetBoolean());
        var (repeated, again) = await ControlAsync(simulator, $"/control/applications/{reference}/supplements", supplement);
        Assert.Equal(HttpStatusCode.Accepted, repeated);
        Assert.True(again.GetProperty("replayed").GetBoolean());
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Case.State != "CorrectionRequested" ? "" : null,
            PlatformFixture.EventWait, "the case resumed on the supplement");
        using var registrar = await platform.ClientAsync(unit, "registrar");
        var applicationId = (await Cases.GetAsync(handler, caseId)).Case.ApplicationId;
        var view = await registrar.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}");
        // The files once, and the applicant's note kept with them as a file of its own (encrypted like them).
        Assert.Single(view.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("fileName").GetString() == "补正材料.pdf");
        Assert.Single(view.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("fileName").GetString() == "补正说明.txt");

        // Bad input changes nothing; then the withdrawal closes the case and the city hears it.
        var (bad, badProblem) = await ControlAsync(simulator, $"/control/applications/{reference}/withdrawals",
            new { messageId = "w-1", withdrawnOn = ChinaTime.Today(TimeProvider.System).AddDays(3) });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(badProblem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True(badProblem.GetProperty("errors").TryGetProperty("withdrawnOn", out _));
        var (withdrawn, _) = await ControlAsync(simulator, $"/control/applications/{reference}/withdrawals", new { messageId = "w-1", reason = "已通过其他途径获取" });
        Assert.Equal(HttpStatusCode.Accepted, withdrawn);
        await PlatformFixture.EventuallyAsync(async () => (await Cases.GetAsync(handler, caseId)).Case.State == "Closed" ? "" : null,
            PlatformFixture.EventWait, "the case closed as withdrawn");
        await CallbacksUntilAsync(simulator, reference, list => list.Any(c => StatusOf(c) == "Closed"), "the Closed callback");
    }

    [Fact]
    public async Task Reconciliation_lists_what_the_city_sent_that_never_arrived_and_monthly_figures_reach_the_city()
    {
        using var simulator = Simulator();
        using var admin = await platform.ClientAsync("platform", "admin");
        var (reference, _) = await PushAsync(simulator, PlatformFixture.TenantB);
        var lost = $"CITY-LOST-{IntakeTestData.Token()}";
        Assert.Equal(HttpStatusCode.NoContent,
            (await simulator.PostAsJsonAsync("/control/sent", new { cityReference = lost, unitCode = PlatformFixture.TenantB })).StatusCode);

        var today = ChinaTime.Today(TimeProvider.System);
        var run = await admin.PostAsync($"/api/intake/city-link/reconciliations/{today:yyyy-MM-dd}", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var report = await run.ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, report.GetProperty("problem").ValueKind);
        var differences = report.GetProperty("differences").EnumerateArray().ToList();
        Assert.Contains(differences, d => d.GetProperty("kind").GetString() == "MissingInGongkai" && d.GetProperty("cityReference").GetString() == lost);
        Assert.DoesNotContain(differences, d => d.GetProperty("cityReference").GetString() == reference && d.GetProperty("kind").GetString() != "NotDelivered");
        Assert.True(report.GetProperty("receivedByGongkai").GetInt32() >= 1);
        // Kept: the same report reads back; a day in the future or a malformed one is refused.
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/api/intake/city-link/reconciliations/{today:yyyy-MM-dd}");
        Assert.Equal(report.GetProperty("ranAt").GetDateTimeOffset(), kept.GetProperty("ranAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/intake/city-link/reconciliations/{today.AddDays(1):yyyy-MM-dd}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/intake/city-link/reconciliations/yesterday")).StatusCode);

        // The city reads this month's figures as they stand; the finished month before goes out as a callback (queued now; the
        // nightly run does it at 01:30), once per unit and month, equal to what the city reads for that month.
        var (thisMonthStatus, thisMonth) = await ControlAsync(simulator, $"/control/statistics/{PlatformFixture.TenantB}/{today:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, thisMonthStatus);
        Assert.True(thisMonth.GetProperty("registeredFromCity").GetInt32() >= 1);
        Assert.True(thisMonth.GetProperty("registered").GetInt32() >= thisMonth.GetProperty("registeredFromCity").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/intake/city-link/statistics/{today.Year}/{today.Month}", null)).StatusCode);
        var last = today.AddMonths(-1);
        var queued = await admin.PostAsync($"/api/intake/city-link/statistics/{last.Year}/{last.Month}", null);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var figures = await PlatformFixture.EventuallyAsync(async () =>
            (await simulator.GetFromJsonAsync<List<JsonElement>>("/control/callbacks"))!
                .Select(c => c.GetProperty("callback"))
                .Where(c => c.GetProperty("kind").GetString() == "MonthlyStatistics" && c.GetProperty("unitCode").GetString() == PlatformFixture.TenantB)
                .Select(c => (object)c).LastOrDefault(), PlatformFixture.EventWait, "last month's figures of the unit");
        var pushed = ((JsonElement)figures).GetProperty("statistics");
        Assert.Equal($"{last:yyyy-MM}", pushed.GetProperty("month").GetString());
        var (lastMonthStatus, lastMonth) = await ControlAsync(simulator, $"/control/statistics/{PlatformFixture.TenantB}/{last:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, lastMonthStatus);
        Assert.Equal(lastMonth.GetRawText(), pushed.GetRawText());
        var second = await (await admin.PostAsync($"/api/intake/city-link/statistics/{last.Year}/{last.Month}", null)).ReadJsonAsync();
        Assert.Equal(0, second.GetProperty("queued").GetInt32());
    }

    internal static async Task<JsonElement> FirstAsync(HttpClient client, string path, string what) =>
        (JsonElement)await PlatformFixture.EventuallyAsync(async () =>
            (await client.GetFromJsonAsync<List<JsonElement>>(path))!.Select(e => (object)e).FirstOrDefault(), PlatformFixture.EventWait, what);

    private async Task<string> ClientTokenAsync()
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "client_credentials", clientId = CityClient, clientSecret = CitySecret });
        return (await response.ReadJsonAsync()).GetProperty("accessToken").GetString()!;
    }
}
