using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Workflow.Domain;
using Npgsql;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class WalkingSkeletonTests(PlatformFixture platform)
{
    [Fact]
    public async Task Application_posted_through_the_gateway_becomes_a_case_within_5_seconds_and_every_hop_shares_one_trace()
    {
        using var client = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var traceId = ActivityTraceId.CreateRandom().ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var stopwatch = Stopwatch.StartNew();
        var registered = await platform.RegisterAsync(client, request: request);
        var summary = await Cases.WaitForCaseAsync(client, registered.Id, PlatformFixture.EventWait);
        stopwatch.Stop();

        // Workflow: the case with its 20-working-day deadline on the calendar.
        var today = ChinaTime.Today(TimeProvider.System);
        Assert.Equal(registered.ApplicationNumber, summary.CaseNumber);
        Assert.Equal("Received", summary.State);
        Assert.Equal(today, summary.ReceivedOn);
        Assert.Equal(await platform.DeadlineAsync(today, 20), summary.ReplyDue);

        // Document reacts to CaseOpened (the receipt) and Workflow puts it on the timeline.
        var details = await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await Cases.GetAsync(client, summary.Id);
            return c.Timeline.Any(e => e.Kind == "document-issued") ? c : null;
        }, PlatformFixture.DocumentWait, "the receipt on the timeline");
        Assert.Equal(["opened", "document-issued"], details.Timeline.Select(e => e.Kind));
        var documents = await client.GetFromJsonAsync<List<DocumentView>>($"/api/document/documents?caseId={summary.Id}", PlatformFixture.Json);
        var receipt = Assert.Single(documents!);
        Assert.Equal("政府信息公开申请接收回执", receipt.Title);

        // Publishing hears the case's counting facts: it is a new application of this year in the annual report.
        var counted = await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await client.GetFromJsonAsync<CellCases>($"/api/publishing/annual-reports/{today.Year}/applications?row=New", PlatformFixture.Json);
            return c!.Cases.Any(x => x.CaseId == summary.Id) ? c : null;
        }, PlatformFixture.EventWait, "the case in the annual report count");
        Assert.Equal(summary.CaseNumber, counted.Cases.Single(x => x.CaseId == summary.Id).CaseNumber);

        // Intake hears CaseOpened too and keeps the reply-due date for public tracking.
        var application = await PlatformFixture.EventuallyAsync(async () =>
        {
            var a = await client.GetFromJsonAsync<ApplicationView>($"/api/intake/applications/{registered.Id}", PlatformFixture.Json);
            return a!.CaseId is not null ? a : null;
        }, PlatformFixture.EventWait, "the case id on the application");
        Assert.Equal(summary.ReplyDue, application.ReplyDue);

        // One trace: HTTP via YARP into Intake, through the outbox and RabbitMQ into Workflow, on to Document.
        Assert.All(details.Timeline, e => Assert.Equal(traceId, e.TraceId));
        Assert.Equal(traceId, receipt.TraceId);
        await using var intake = new NpgsqlConnection(platform.App.GetConnectionString("intakedb-admin"));
        await intake.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT trace_id FROM applications WHERE id = @id", intake);
        command.Parameters.AddWithValue("id", registered.Id);
        Assert.Equal(traceId, await command.ExecuteScalarAsync());

        Console.WriteLine($"Application to case through the gateway: {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_review_request_reaches_LegalReview_and_comes_back_on_the_timeline_and_a_second_one_is_409()
    {
        using var client = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var approver = await platform.ClientAsync(PlatformFixture.TenantA, "approver");
        var registered = await platform.RegisterAsync(registrar);
        var summary = await Cases.WaitForCaseAsync(client, registered.Id, PlatformFixture.EventWait);

        foreach (var step in new[] { "triage", "search" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync($"/api/workflow/cases/{summary.Id}/{step}", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/workflow/cases/{summary.Id}/decision",
            new { replyType = "Disclose", outcome = "Disclosed" })).StatusCode);
        var first = await client.PostAsync($"/api/workflow/cases/{summary.Id}/review-requests", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        var second = await client.PostAsync($"/api/workflow/cases/{summary.Id}/review-requests", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("UnderReview", problem!["currentState"].ToString());

        await PlatformFixture.EventuallyAsync(async () =>
        {
            var c = await Cases.GetAsync(client, summary.Id);
            return c.Timeline.Any(e => e.Kind == "review-task-created") ? c : null;
        }, PlatformFixture.EventWait, "the review task on the timeline");
        // A plain disclosure needs only the approver's sign-off, which is now waiting in the approver's tasks.
        var tasks = await approver.GetFromJsonAsync<List<JsonElement>>("/api/legalreview/tasks");
        var task = Assert.Single(tasks!, t => t.GetProperty("caseId").GetGuid() == summary.Id);
        Assert.Equal("负责人签发", task.GetProperty("stepName").GetString());
    }

    [Fact]
    public async Task Each_service_database_holds_only_its_own_tables()
    {
        var infrastructure = new[] { "__EFMigrationsHistory", "inbox_messages", "outbox_messages" };
        var expected = new Dictionary<string, string[]>
        {
            ["identitydb"] = ["audit_entries", "refresh_tokens", "signing_keys", "units", "users"],
            ["intakedb"] = ["application_attachments", "application_flags", "application_number_counters", "applications", "case_documents",
                "city_applications", "city_deliveries", "city_inbound_messages", "city_nonces", "city_reconciliations"],
            ["workflowdb"] = ["case_alerts", "case_events", "cases", "holiday_schedules", "known_tenants", "tenant_settings"],
            ["legalreviewdb"] = ["review_opinions", "review_policies", "review_step_alerts", "review_steps", "reviewing_units", "reviews"],
            ["documentdb"] = ["annual_report_files", "bulletin_files", "delivery_evidence", "document_files", "document_requests", "document_requests_due", "issued_documents",
                "number_counters", "number_reservations", "public_annual_reports", "sealed_dossiers", "template_versions", "unit_settings"],
            ["publishingdb"] = ["annual_reports", "appeals", "bulletin_standings", "bulletins", "catalogue_units", "conversion_suggestions", "disclosure_guide_versions",
                "index_number_counters", "information_items", "item_attachment_contents", "item_attachments", "item_re_reviews", "item_versions", "public_annual_reports",
                "public_disclosure_guides", "public_heat_maps", "public_items", "publication_alerts", "published_standard_catalogues", "publishing_settings", "report_cases",
                "spot_check_items", "spot_checks", "standard_catalogue_adoptions", "standard_domain_exemptions", "standard_obligations", "supervised_cases",
                "supervision_settings", "validity_changes"],
        };
        foreach (var (database, own) in expected)
        {
            await using var connection = new NpgsqlConnection(platform.App.GetConnectionString($"{database}-admin"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", connection);
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            Assert.Equal(own.Concat(infrastructure).Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        }
    }
}
