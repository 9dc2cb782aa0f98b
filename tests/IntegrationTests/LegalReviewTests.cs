using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class LegalReviewTests(PlatformFixture platform)
{
    private static readonly Dictionary<string, object> LegalityChecklist = new[] { "correction", "responsibility", "existence", "disclosure", "reply" }
        .ToDictionary(k => k, _ => (object)new { answer = true, note = "已核" });

    [Fact]
    public async Task A_refusal_is_returned_once_resubmitted_and_approved_through_legality_review_and_sign_off()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var counsel = await platform.ClientAsync(PlatformFixture.TenantA, "counsel");
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        var registered = await platform.RegisterAsync(registrar);
        var caseId = (await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait)).Id;

        foreach (var step in new[] { "triage", "search" })
            await Post(handler, $"/api/workflow/cases/{caseId}/{step}", new { });
        var decision = new { replyType = "PartiallyDisclose", outcome = "PartiallyDisclosed", reasons = "涉及个人隐私的部分不予公开（条例第十五条）" };
        await Post(handler, $"/api/workflow/cases/{caseId}/decision", decision);
        await Post(handler, $"/api/workflow/cases/{caseId}/review-requests", new { });

        // Round 1: a refusal goes to legal counsel first; the sign-off waits.
        var round1 = await WaitForReviewAsync(counsel, caseId, round: 1);
        Assert.Equal(["合法性审查", "负责人签发"], round1.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var tooEarly = await approver.PostAsJsonAsync($"/api/legalreview/reviews/{round1.GetProperty("id")}/steps/2/opinion", new { verdict = "Approve" });
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var noChecklist = await counsel.PostAsJsonAsync($"/api/legalreview/reviews/{round1.GetProperty("id")}/steps/1/opinion", new { verdict = "Return", text = "理由不充分" });
        Assert.Equal(HttpStatusCode.BadRequest, noChecklist.StatusCode);
        await Post(counsel, $"/api/legalreview/reviews/{round1.GetProperty("id")}/steps/1/opinion",
            new { verdict = "Return", text = "未说明哪些内容属于个人隐私，请补充区分处理的说明", checklist = LegalityChecklist });

        // Workflow hears the return: the case is back with the handler, with the reasons on its timeline.
        var returned = await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await Cases.GetAsync(handler, caseId);
            return c.Case.State == "Search" ? c : null;
        }, PlatformFixture.EventWait, "the returned case");
        Assert.Contains(returned.Timeline, e => e.Kind == "returned-for-rework" && e.Reason!.Contains("个人隐私"));

        // Round 2 after rework; the first round's opinion stays visible.
        await Post(handler, $"/api/workflow/cases/{caseId}/decision", decision with { reasons = "第三、五项含申请人以外自然人的身份证号和住址，属个人隐私，不予公开（条例第十五条）；其余予以公开" });
        await Post(handler, $"/api/workflow/cases/{caseId}/review-requests", new { });
        var round2 = await WaitForReviewAsync(counsel, caseId, round: 2);
        var all = await counsel.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/reviews?caseId={caseId}");
        Assert.Equal("Return", all!.Single(r => r.GetProperty("round").GetInt32() == 1).GetProperty("steps")[0].GetProperty("opinion").GetProperty("verdict").GetString());

        var counselTasks = await counsel.GetFromJsonAsync<List<JsonElement>>("/api/legalreview/tasks");
        var task = Assert.Single(counselTasks!, t => t.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal(5, task.GetProperty("checklist").EnumerateObject().Count());
        // Review time counts against the reply deadline: the reviewer sees what is left, in working days.
        Assert.InRange(task.GetProperty("remainingWorkingDays").GetInt32(), 1, 20);
        await Post(counsel, $"/api/legalreview/reviews/{round2.GetProperty("id")}/steps/1/opinion", new { verdict = "Approve", text = "合法", checklist = LegalityChecklist });
        await Post(approver, $"/api/legalreview/reviews/{round2.GetProperty("id")}/steps/2/opinion", new { verdict = "Approve", text = "同意" });

        // Workflow hears the approval and asks Document for the reply.
        var approved = await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await Cases.GetAsync(handler, caseId);
            return c.Case.State is "Approved" or "DocumentIssued" ? c : null;
        }, PlatformFixture.EventWait, "the approved case");
        Assert.Contains(approved.Timeline, e => e.Kind == "approved");
        await using var workflow = new NpgsqlConnection(platform.App.GetConnectionString("workflowdb-admin"));
        await workflow.OpenAsync();
        await using var requested = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.DocumentRequested' AND body->>'caseId' = @id AND body->>'kind' = 'reply'", workflow);
        requested.Parameters.AddWithValue("id", caseId.ToString());
        Assert.Equal(1L, await requested.ExecuteScalarAsync());

        // Opinions are final, even for hand-written SQL as the application role.
        await using var review = new NpgsqlConnection(platform.App.GetConnectionString("legalreviewdb"));
        await review.OpenAsync();
        await using var edit = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PlatformFixture.TenantA}', false); UPDATE review_opinions SET text = '改'", review);
        await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_step_waiting_longer_than_the_units_limit_raises_one_alert()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.Department, "registrar");
        using var handler = await platform.ClientAsync(PlatformFixture.Department, "handler");
        using var approver = await platform.ClientAsync(PlatformFixture.Department, "approver");
        using var admin = await platform.ClientAsync(PlatformFixture.Department, "admin");
        var registered = await platform.RegisterAsync(registrar);
        var caseId = (await Cases.WaitForCaseAsync(handler, registered.Id, PlatformFixture.EventWait)).Id;
        foreach (var step in new[] { "triage", "search" })
            await Post(handler, $"/api/workflow/cases/{caseId}/{step}", new { });
        await Post(handler, $"/api/workflow/cases/{caseId}/decision", new { replyType = "Disclose", outcome = "Disclosed" });
        await Post(handler, $"/api/workflow/cases/{caseId}/review-requests", new { });
        var review = await WaitForReviewAsync(approver, caseId, round: 1);
        var reviewId = review.GetProperty("id").GetGuid();

        // The sign-off has been waiting for a month (set by hand: time cannot be waited for in a test).
        await using (var db = new NpgsqlConnection(platform.App.GetConnectionString("legalreviewdb-admin")))
        {
            await db.OpenAsync();
            await using var backdate = new NpgsqlCommand("UPDATE review_steps SET started_at = now() - interval '30 days' WHERE review_id = @id", db);
            backdate.Parameters.AddWithValue("id", reviewId);
            Assert.Equal(1, await backdate.ExecuteNonQueryAsync());
        }

        var task = (await approver.GetFromJsonAsync<List<JsonElement>>("/api/legalreview/tasks"))!.Single(t => t.GetProperty("reviewId").GetGuid() == reviewId);
        Assert.True(task.GetProperty("waitingTooLong").GetBoolean());
        Assert.True(task.GetProperty("waitingWorkingDays").GetInt32() > 3);
        // Scans (on demand, several times, also concurrently) raise it once.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Post(admin, "/api/legalreview/alerts/scan", new { })));
        await Post(admin, "/api/legalreview/alerts/scan", new { });
        await using var check = new NpgsqlConnection(platform.App.GetConnectionString("legalreviewdb-admin"));
        await check.OpenAsync();
        await using var alerts = new NpgsqlCommand("SELECT count(*) FROM review_step_alerts WHERE review_id = @id", check);
        alerts.Parameters.AddWithValue("id", reviewId);
        Assert.Equal(1L, await alerts.ExecuteScalarAsync());
        await using var events = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE message_type = 'Gongkai.Contracts.ReviewStepOverdue' AND body->>'reviewId' = @id", check);
        events.Parameters.AddWithValue("id", reviewId.ToString());
        Assert.Equal(1L, await events.ExecuteScalarAsync());
    }

    private static async Task<JsonElement> WaitForReviewAsync(HttpClient client, Guid caseId, int round) =>
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var reviews = await client.GetFromJsonAsync<List<JsonElement>>($"/api/legalreview/reviews?caseId={caseId}");
            return reviews!.Where(r => r.GetProperty("round").GetInt32() == round).Select(r => (object)r).FirstOrDefault();
        }, PlatformFixture.EventWait, $"review round {round}") is JsonElement found ? found : default;

    private static async Task Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
