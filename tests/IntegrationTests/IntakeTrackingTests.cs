using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using MassTransit;

namespace Gongkai.IntegrationTests;

/// <summary>The public side through the gateway: the online form and anonymous tracking (the city platform: CityLinkTests).</summary>
[Collection(PlatformCollection.Name)]
public sealed class IntakeTrackingTests(PlatformFixture platform)
{
    private const string PublicApplications = "/api/intake/public/applications";

    private static DateOnly Today => ChinaTime.Today(TimeProvider.System);

    private async Task<HttpResponseMessage> TrackAsync(string number, string? queryCode)
    {
        using var anonymous = platform.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicApplications}/{Uri.EscapeDataString(number)}");
        if (queryCode is not null)
            request.Headers.Add("X-Query-Code", queryCode);
        return await anonymous.SendAsync(request);
    }

    /// <summary>Polls the tracking page until <paramref name="until"/> holds (consumers are asynchronous).</summary>
    private async Task<JsonElement> TrackUntilAsync(string number, string queryCode, Func<JsonElement, bool> until, string what)
    {
        var raw = await PlatformFixture.EventuallyAsync(async () =>
        {
            var t = await TrackOkAsync(number, queryCode);
            return until(t) ? t.GetRawText() : null;
        }, PlatformFixture.EventWait, what);
        return JsonDocument.Parse(raw).RootElement;
    }

    private async Task<JsonElement> TrackOkAsync(string number, string queryCode)
    {
        var response = await TrackAsync(number, queryCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task An_online_application_is_tracked_with_number_and_query_code_from_submission_to_acceptance()
    {
        using var anonymous = platform.Anonymous();
        var form = IntakeTestData.Person();
        form.Remove("channel");
        form["unitCode"] = PlatformFixture.TenantA;
        form["attachments"] = new[] { IntakeTestData.Pdf("IdentityProof", "身份证.pdf") };
        var submitted = await anonymous.PostAsJsonAsync(PublicApplications, form);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.ReadJsonAsync();
        var number = receipt.GetProperty("applicationNumber").GetString()!;
        var queryCode = receipt.GetProperty("queryCode").GetString()!;
        Assert.StartsWith($"{PlatformFixture.TenantA}-{Today.Year}-", number);
        Assert.False(receipt.TryGetProperty("flags", out _)); // flags are for staff

        // Before the unit confirms: submitted, no legal receipt date, no deadline.
        var pending = await TrackOkAsync(number, queryCode);
        Assert.Equal(["state", "legalReceiptDate", "replyDue", "documents", "replyAvailable"], pending.EnumerateObject().Select(p => p.Name));
        Assert.False(pending.GetProperty("replyAvailable").GetBoolean());
        Assert.Contains("待工作机构确认", pending.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("legalReceiptDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("replyDue").ValueKind);

        // The registrar sees it waiting, confirms it (the online system's receipt), and the case opens.
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var waiting = await registrar.GetFromJsonAsync<List<JsonElement>>("/api/intake/applications?status=AwaitingConfirmation&take=200");
        var application = waiting!.Single(a => a.GetProperty("applicationNumber").GetString() == number);
        Assert.Equal("Online", application.GetProperty("channel").GetString());
        var id = application.GetProperty("id").GetGuid();
        var dayBefore = Today;
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsJsonAsync($"/api/intake/applications/{id}/confirmation", new { method = "OnlineReceipt" })).StatusCode);
        var dayAfter = Today;
        var summary = await Cases.WaitForCaseAsync(registrar, id, PlatformFixture.EventWait);

        // Tracking now shows acceptance, the dates and the receipt's title, and nothing else.
        // Codes are read off paper: case does not matter.
        var tracked = await TrackUntilAsync(number, queryCode.ToLowerInvariant(),
            t => t.GetProperty("documents").GetArrayLength() > 0 && t.GetProperty("replyDue").ValueKind != JsonValueKind.Null,
            "the receipt and deadline on the tracking page");
        Assert.Equal("已受理", tracked.GetProperty("state").GetString());
        // Received on the day of confirmation, whichever side of midnight (16:00 UTC) that fell.
        Assert.InRange(DateOnly.Parse(tracked.GetProperty("legalReceiptDate").GetString()!), dayBefore, dayAfter);
        Assert.Equal(summary.ReplyDue?.ToString("yyyy-MM-dd"), tracked.GetProperty("replyDue").GetString());
        Assert.Equal(["政府信息公开申请接收回执"], tracked.GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(5, tracked.EnumerateObject().Count());
        var text = tracked.GetRawText();
        Assert.DoesNotContain("张三", text);
        Assert.DoesNotContain((string)form["idNumber"]!, text);
    }

    [Fact]
    public async Task Wrong_pairs_get_one_uniform_404()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var registered = await platform.RegisterAsync(registrar);
        await TrackOkAsync(registered.ApplicationNumber, registered.QueryCode);

        var wrongCode = registered.QueryCode[..^1] + (registered.QueryCode[^1] == '2' ? '3' : '2');
        var otherUnit = registered.ApplicationNumber.Replace(PlatformFixture.TenantB, PlatformFixture.TenantA);
        var misses = new[]
        {
            await TrackAsync(registered.ApplicationNumber, wrongCode),
            await TrackAsync(otherUnit, registered.QueryCode),
            await TrackAsync($"{PlatformFixture.TenantB}-{Today.Year}-99999", registered.QueryCode),
            await TrackAsync("not-a-number", registered.QueryCode),
            await TrackAsync(registered.ApplicationNumber, "SHORT"),
        };
        var bodies = new List<string>();
        foreach (var miss in misses)
        {
            Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
            var problem = await miss.ReadJsonAsync();
            bodies.Add($"{problem.GetProperty("title").GetString()}|{problem.GetProperty("detail").GetString()}");
        }
        Assert.Single(bodies.Distinct());
        Assert.Equal(HttpStatusCode.BadRequest, (await TrackAsync(registered.ApplicationNumber, null)).StatusCode);
    }

    [Fact]
    public async Task Tracking_follows_the_cases_status_changes_even_out_of_order()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var registered = await platform.RegisterAsync(registrar);
        var summary = await Cases.WaitForCaseAsync(registrar, registered.Id, PlatformFixture.EventWait);
        await TrackUntilAsync(registered.ApplicationNumber, registered.QueryCode, t => t.GetProperty("state").GetString() == "已受理", "已受理");

        // Workflow's status events, published here directly so the test does not depend on which actions publish them.
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, (ushort)broker.Port, "/", h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var now = DateTimeOffset.UtcNow.AddMinutes(1);
            var paused = new CaseStatusChanged(summary.Id, registered.Id, PlatformFixture.TenantA, "CorrectionRequested", "待补正", null, now);
            await PublishAsync(bus, paused);
            await PublishAsync(bus, paused); // a redelivery under the same id is skipped by the inbox
            var tracked = await TrackUntilAsync(registered.ApplicationNumber, registered.QueryCode,
                t => t.GetProperty("state").GetString() == "待补正", "待补正 on the tracking page");
            Assert.Equal(JsonValueKind.Null, tracked.GetProperty("replyDue").ValueKind); // the clock waits for the correction

            // An older status arriving late does not overwrite the newer one; a newer one does.
            await PublishAsync(bus, paused with { Status = "Triage", StatusLabel = "审查分办", ChangedAt = now.AddMinutes(-5), ReplyDue = summary.ReplyDue });
            var resumed = paused with { Status = "Search", StatusLabel = "检索", ChangedAt = now.AddMinutes(1), ReplyDue = new DateOnly(2030, 1, 4) };
            await PublishAsync(bus, resumed);
            var after = await TrackUntilAsync(registered.ApplicationNumber, registered.QueryCode,
                t => t.GetProperty("replyDue").GetString() == "2030-01-04", "the resumed deadline");
            Assert.Equal("办理中", after.GetProperty("state").GetString());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static Task PublishAsync(IBusControl bus, CaseStatusChanged message) =>
        bus.Publish(message, context =>
        {
            // The same event twice keeps one id, as a broker redelivery would.
            context.MessageId = NewIdFor(message);
            context.Headers.Set(TenantHeaders.Message, message.TenantId);
        });

    private static Guid NewIdFor(CaseStatusChanged message) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{message.CaseId}|{message.Status}|{message.ChangedAt:O}")));
}
