using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using MassTransit;
using Npgsql;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class WorkflowTests(PlatformFixture platform)
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());

    [Fact]
    public async Task A_registered_application_goes_through_correction_consultation_decision_and_review_with_every_step_on_the_timeline()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var admin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        var registered = await platform.RegisterAsync(registrar);
        var opened = await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait);
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.Equal(await platform.DeadlineAsync(registered.LegalReceiptDate, 20), opened.ReplyDue);

        // 补正: the clock waits, and restarts from the corrected application's receipt.
        var correction = await Act(handler, opened.Id, "correction-requests", new { items = "请写明所需信息的文号或名称", periodWorkingDays = 10, noticeSentOn = today, noticeReceivedOn = today });
        Assert.Equal("CorrectionRequested", correction.GetProperty("case").GetProperty("state").GetString());
        Assert.True(correction.GetProperty("case").GetProperty("clockPaused").GetBoolean());
        var corrected = await Act(handler, opened.Id, "corrections", new { on = today });
        Assert.Equal((await platform.DeadlineAsync(today, 20)).ToString("yyyy-MM-dd"), corrected.GetProperty("case").GetProperty("replyDue").GetString());

        await Act(handler, opened.Id, "search", new { }, expected: HttpStatusCode.OK); // correction received → triage; search next
        // 征求第三方意见: the clock pauses.
        var consulting = await Act(handler, opened.Id, "third-party-consultations", new { party = "某房地产开发有限公司", letterSentOn = today, letterReceivedOn = today });
        Assert.True(consulting.GetProperty("case").GetProperty("clockPaused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, consulting.GetProperty("case").GetProperty("replyDue").ValueKind);
        // While paused, its own deadline (15 working days) is on the request.
        var request = consulting.GetProperty("lifecycle").GetProperty("requests")[1];
        Assert.Equal((await platform.DeadlineAsync(today, 15)).ToString("yyyy-MM-dd"), request.GetProperty("due").GetString());
        var answered = await Act(handler, opened.Id, "consultation-answers", new { answeredOn = today, text = "第三方同意公开" });
        Assert.False(answered.GetProperty("case").GetProperty("clockPaused").GetBoolean());

        // An illegal step names the current state; nothing changes.
        var illegal = await handler.PostAsync($"/api/workflow/cases/{opened.Id}/closure", null);
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        var problem = await illegal.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Search", problem.GetProperty("currentState").GetString());

        // A decision needs both the reply type and the exact annual-report row; a mismatch is refused.
        var mismatch = await handler.PostAsJsonAsync($"/api/workflow/cases/{opened.Id}/decision", new { replyType = "Disclose", outcome = "NotHandledRepeated" });
        Assert.Equal(HttpStatusCode.Conflict, mismatch.StatusCode);
        var missing = await handler.PostAsJsonAsync($"/api/workflow/cases/{opened.Id}/decision", new { replyType = "Disclose" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        await Act(handler, opened.Id, "decision", new { replyType = "Disclose", outcome = "Disclosed" });
        var review = await Act(handler, opened.Id, "review-requests", new { });
        Assert.Equal("UnderReview", review.GetProperty("case").GetProperty("state").GetString());

        var details = await Cases.GetAsync(handler, opened.Id);
        Assert.Equal(["opened", "correction-requested", "correction-received", "search-started", "third-party-consultation-started",
            "consultation-ended", "decision-drafted", "review-requested"], details.Timeline.Select(e => e.Kind).Where(k => k is not ("document-issued" or "review-task-created")));
        Assert.All(details.Timeline, e => Assert.False(string.IsNullOrEmpty(e.Actor)));

        // Events: ReviewRequested reached LegalReview (and came back), every action reached the audit log.
        await PlatformFixture.EventuallyAsync(async () =>
            (await Cases.GetAsync(handler, opened.Id)).Timeline.Any(e => e.Kind == "review-task-created") ? "" : null, PlatformFixture.EventWait, "the review task");
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var log = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{PlatformFixture.TenantA}?take=500");
            var actions = log!.Where(e => e.GetProperty("target").GetString() == $"case:{opened.Id}").Select(e => e.GetProperty("action").GetString()).ToHashSet();
            return new[] { "case-opened", "case-correction-requests", "case-corrections", "case-third-party-consultations", "case-decision", "case-review-requests" }
                .All(actions.Contains) ? log : null;
        }, PlatformFixture.EventWait, "every action in the audit log");
        // Received → 待补正 → 审查分办 → 检索 → 征求第三方意见 → 检索 → 已拟办 → 审查中: seven changes, seven events.
        Assert.Equal(7L, await CountOutboxAsync("Gongkai.Contracts.CaseStatusChanged", opened.Id));
    }

    [Fact]
    public async Task Extension_needs_an_approver_and_happens_once()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        var registered = await platform.RegisterAsync(registrar);
        var opened = await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait);

        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsJsonAsync($"/api/workflow/cases/{opened.Id}/extensions", new { workingDays = 20, reason = "检索量大" })).StatusCode);
        var extended = await Act(approver, opened.Id, "extensions", new { workingDays = 20, reason = "涉及多个部门，检索量大" });
        var expected = (await platform.DeadlineAsync(registered.LegalReceiptDate, 40)).ToString("yyyy-MM-dd");
        Assert.Equal(expected, extended.GetProperty("case").GetProperty("replyDue").GetString());
        var again = await approver.PostAsJsonAsync($"/api/workflow/cases/{opened.Id}/extensions", new { workingDays = 5, reason = "再延" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Lists_filter_by_state_handler_due_window_and_overdue()
    {
        using var handler = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        using var approver = await platform.ClientAsync(PlatformFixture.TenantB, "approver");
        var today = ChinaTime.Today(TimeProvider.System);
        var overdue = await OpenCaseAsync(PlatformFixture.TenantB, today.AddDays(-60));
        var dueSoon = await OpenCaseAsync(PlatformFixture.TenantB, LatestReceiptDueWithin(today, 3));

        await Act(approver, overdue, "assignment", new { handlerId = "h-42", handlerName = "王承办" });
        var mine = await handler.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases?handler=h-42", PlatformFixture.Json);
        Assert.Equal([overdue], mine!.Select(c => c.Id));
        var late = await handler.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases?overdue=true", PlatformFixture.Json);
        Assert.Contains(late!, c => c.Id == overdue && c.Alert == "超期" && c.RemainingWorkingDays < 0);
        Assert.DoesNotContain(late!, c => c.Id == dueSoon);
        var soon = await handler.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases?dueWithin=5", PlatformFixture.Json);
        Assert.Contains(soon!, c => c.Id == dueSoon && c.Alert == "临期");
        Assert.DoesNotContain(soon!, c => c.Id == overdue);
        var received = await handler.GetFromJsonAsync<List<CaseSummary>>("/api/workflow/cases?state=Received", PlatformFixture.Json);
        Assert.Contains(received!, c => c.Id == dueSoon);
    }

    [Fact]
    public async Task Two_Workflow_instances_raise_each_alert_once_and_apply_a_transition_once()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        const string unit = PlatformFixture.Department;
        var overdue = await OpenCaseAsync(unit, today.AddDays(-90));
        var dueSoon = await OpenCaseAsync(unit, LatestReceiptDueWithin(today, 2));

        var token = await platform.TokenAsync(unit, "admin");
        var instances = new[] { platform.App.GetEndpoint("workflow"), platform.App.GetEndpoint(PlatformFixture.SecondWorkflow) };
        var scans = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PostDirectAsync(instances[i % 2], token, "/api/workflow/alerts/scan")));
        Assert.All(scans, s => Assert.Equal(HttpStatusCode.OK, s));

        Assert.Equal(1L, await CountAlertsAsync(overdue, "Overdue"));
        Assert.Equal(1L, await CountAlertsAsync(dueSoon, "DueSoon"));
        Assert.Equal(1L, await CountOutboxAsync("Gongkai.Contracts.CaseDeadlineAlertRaised", overdue));
        Assert.Equal(1L, await CountOutboxAsync("Gongkai.Contracts.CaseDeadlineAlertRaised", dueSoon));

        // The same transition sent to both instances at once: one wins, the other is told the case moved on.
        var handlerToken = await platform.TokenAsync(unit, "handler");
        var results = await Task.WhenAll(instances.Select(i => PostDirectAsync(i, handlerToken, $"/api/workflow/cases/{dueSoon}/triage")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Order());
        using var handler = await platform.ClientAsync(unit, "handler");
        Assert.Single((await Cases.GetAsync(handler, dueSoon)).Timeline, e => e.Kind == "triage-started");
    }

    [Fact]
    public async Task A_provisional_deadline_is_recomputed_when_the_admin_enters_the_next_year()
    {
        // Received 2026-12-15: 20 working days reach into 2027, which has no shipped schedule. (When the real 2027
        // schedule ships with the service, move this test to the first year without one.)
        var caseId = await OpenCaseAsync(PlatformFixture.TenantA, new DateOnly(2026, 12, 15));
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        var before = (await Cases.GetAsync(handler, caseId)).Case;
        Assert.True(before.ReplyDueProvisional);
        Assert.Equal(new DateOnly(2027, 1, 12), before.ReplyDue);

        using var admin = await platform.ClientAsync("platform", "admin");
        var invalid = await admin.PutAsJsonAsync("/api/workflow/calendar-admin/years/2027", new
        {
            source = "test",
            holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2027-01-03" }, new { name = "重叠", from = "2027-01-02", to = "2027-01-04" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("重叠", await invalid.Content.ReadAsStringAsync());

        var saved = await admin.PutAsJsonAsync("/api/workflow/calendar-admin/years/2027", new
        {
            source = "国务院办公厅关于2027年部分节假日安排的通知（测试数据）",
            holidays = new[] { new { name = "元旦", from = "2027-01-01", to = "2027-01-03" } },
            adjustedWorkingDays = Array.Empty<string>(),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await Cases.GetAsync(handler, caseId);
        Assert.False(after.Case.ReplyDueProvisional);
        Assert.Equal(new DateOnly(2027, 1, 13), after.Case.ReplyDue);
        Assert.Contains(after.Timeline, e => e.Kind == "deadline-recomputed");
        using var anonymous = platform.Anonymous();
        var deadline = await anonymous.GetFromJsonAsync<JsonElement>("/api/workflow/calendar/deadline?from=2026-12-15&workingDays=20");
        Assert.False(deadline.GetProperty("provisional").GetBoolean());
    }

    /// <summary>The latest receipt date whose reply deadline is at most <paramref name="workingDays"/> working days away.</summary>
    private static DateOnly LatestReceiptDueWithin(DateOnly today, int workingDays)
    {
        var receipt = today;
        while (Calendar.WorkingDaysBetween(today, Calendar.AddWorkingDays(receipt, 20).Due) > workingDays)
            receipt = receipt.AddDays(-1);
        return receipt;
    }

    /// <summary>Opens a case the way Intake does, with a chosen legal receipt date, and waits for it.</summary>
    private async Task<Guid> OpenCaseAsync(string unit, DateOnly receivedOn)
    {
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, (ushort)broker.Port, "/", h => { h.Username("guest"); h.Password("guest"); }));
        await bus.StartAsync();
        try
        {
            var message = new ApplicationRegistered(Guid.NewGuid(), unit, $"{unit}-T{Random.Shared.Next(1000000)}", "InPerson", receivedOn, DateTimeOffset.UtcNow);
            await bus.Publish(message, context => context.Headers.Set(TenantHeaders.Message, unit));
            using var client = await platform.ClientAsync(unit, "handler");
            return (await Cases.WaitForCaseAsync(client, message.ApplicationId, PlatformFixture.EventWait)).Id;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task<JsonElement> Act(HttpClient client, Guid caseId, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/workflow/cases/{caseId}/{action}", body);
        Assert.True(response.StatusCode == expected, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpStatusCode> PostDirectAsync(Uri instance, string token, string path)
    {
        using var client = new HttpClient { BaseAddress = instance };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return (await client.PostAsync(path, null)).StatusCode;
    }

    private async Task<long> CountAlertsAsync(Guid caseId, string kind) =>
        await ScalarAsync("SELECT count(*) FROM case_alerts WHERE case_id = @id AND kind = @kind", ("id", caseId), ("kind", kind));

    private async Task<long> CountOutboxAsync(string messageType, Guid caseId) =>
        await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE message_type = @type AND body->>'caseId' = @id", ("type", messageType), ("id", caseId.ToString()));

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("workflowdb-admin"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
