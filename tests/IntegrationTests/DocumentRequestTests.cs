using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Contracts;
using MassTransit;
using Npgsql;
using static Gongkai.IntegrationTests.DocumentTestSupport;

namespace Gongkai.IntegrationTests;

/// <summary>
/// Requested documents are issued or fail visibly, never vanish: a failing request is retried, then listed as
/// failed with an alert, and issued once the cause is fixed and it is retried; and a unit's first letter waits
/// for the unit's name from Identity instead of printing a placeholder. Each test uses a unit of its own.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DocumentRequestTests(PlatformFixture platform)
{
    private const string Applicant = "王小明";
    private const string StaffPassword = "Document-staff-2026";

    [Fact]
    public async Task A_failing_request_is_retried_then_listed_as_failed_with_an_alert_and_issued_once_fixed_and_retried()
    {
        var (unit, unitName) = await NewTownshipAsync("r");
        using var staff = await platform.ClientAsync(unit, "staff", StaffPassword);
        // A number pattern longer than the counter's column, written as the table's owner: what the settings API
        // refuses today but a unit could hold from before. Numbering the reply fails in the database, every time.
        await WithDocumentDbAsync(unit, connection => ExecuteAsync(connection, """
            INSERT INTO unit_settings (tenant_id, reconsideration_days, litigation_months, number_patterns, revision)
            VALUES (current_setting('app.tenant_id'), 60, 6, jsonb_build_object('reply', repeat('测', 120) || '{seq}'), 1)
            ON CONFLICT (tenant_id) DO UPDATE SET number_patterns = excluded.number_patterns, revision = unit_settings.revision + 1
            """));

        var failures = new ConcurrentDictionary<Guid, DocumentRenderingFailed>();
        var bus = StartAlertListener(failures);
        await bus.StartAsync();
        var request = new DocumentRequested(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), unit, DocumentKinds.Reply, $"{unit}-2026-00001", Applicant,
            new DateOnly(2026, 11, 2), new Dictionary<string, string> { [DocumentKinds.Fields.ReplyType] = "Disclose", [DocumentKinds.Fields.Outcome] = "Disclosed" },
            DateTimeOffset.UtcNow);
        DocumentRenderingFailed alert;
        try
        {
            await PublishAsync(bus, request);
            alert = await PlatformFixture.EventuallyAsync(() => Task.FromResult(failures.GetValueOrDefault(request.RequestId)),
                PlatformFixture.DocumentWait, "DocumentRenderingFailed");
        }
        finally
        {
            await bus.StopAsync();
        }
        Assert.Equal(PlatformFixture.DocumentRequestAttempts, alert.Attempts);
        Assert.Equal(unit, alert.TenantId);
        Assert.Contains("22001", alert.LastError); // value too long for the column
        Assert.DoesNotContain(Applicant, alert.LastError);

        // The unit's staff see it among the failed requests, with the same cause; no document was issued.
        var failed = await staff.GetFromJsonAsync<List<JsonElement>>("/api/document/requests?state=Failed", PlatformFixture.Json);
        var listed = Assert.Single(failed!, r => r.GetProperty("id").GetGuid() == request.RequestId);
        Assert.Equal("出具失败", listed.GetProperty("stateLabel").GetString());
        Assert.Equal(PlatformFixture.DocumentRequestAttempts, listed.GetProperty("attempts").GetInt32());
        Assert.Equal(alert.LastError, listed.GetProperty("lastError").GetString());
        Assert.Empty(await ListAsync(staff, request.CaseId));
        var badFilter = await staff.GetAsync("/api/document/requests?state=Lost");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("Failed（出具失败）", (await badFilter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("state")[0].GetString());

        // Only a handler or unit admin of the unit may retry it.
        using var registrarA = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrarA.PostAsync($"/api/document/requests/{request.RequestId}/retry", null)).StatusCode);
        using var handlerA = await platform.ClientAsync(PlatformFixture.TenantA, "handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handlerA.PostAsync($"/api/document/requests/{request.RequestId}/retry", null)).StatusCode);

        // The admin fixes the cause through the API and retries: the reply is issued with the new number.
        var fixedSettings = await staff.PutAsJsonAsync("/api/document/settings", new { numberPatterns = new { reply = "测试复〔{year}〕{seq}号" } });
        Assert.Equal(HttpStatusCode.OK, fixedSettings.StatusCode);
        var retried = await staff.PostAsync($"/api/document/requests/{request.RequestId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("Pending", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var document = await WaitForAsync(staff, request.CaseId, request.RequestId);
        Assert.Matches("^测试复〔[0-9]{4}〕1号$", document.DocumentNumber);
        Assert.StartsWith(unitName + "政府信息公开申请答复书", await PdfTextAsync(await staff.GetByteArrayAsync($"/api/document/documents/{document.Id}/pdf")));

        var issued = await PlatformFixture.EventuallyAsync(async () =>
        {
            var rows = await staff.GetFromJsonAsync<List<JsonElement>>($"/api/document/requests?caseId={request.CaseId}&state=Issued", PlatformFixture.Json);
            return rows!.Count == 1 ? rows : null;
        }, PlatformFixture.EventWait, "the request marked issued");
        Assert.Equal(document.Id, issued[0].GetProperty("documentId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/document/requests/{request.RequestId}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task A_unit_s_first_letter_waits_for_the_unit_s_name_from_identity_and_never_prints_a_placeholder()
    {
        var suffix = Random.Shared.Next(100000, 999999);
        var unit = $"{PlatformFixture.District}-n{suffix}";
        var unitName = $"成都市双流区新设{suffix}街道办事处";
        var bus = await StartBusAsync(platform);
        var request = new DocumentRequested(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), unit, DocumentKinds.Receipt, $"{unit}-2026-00001", Applicant,
            new DateOnly(2026, 11, 2), new Dictionary<string, string> { [DocumentKinds.Fields.Due] = "2026-11-30" }, DateTimeOffset.UtcNow);
        try
        {
            // The unit does not exist in Identity yet, and no admin set a letterhead: there is no name to print.
            await PublishAsync(bus, request);
        }
        finally
        {
            await bus.StopAsync();
        }
        var waiting = await PlatformFixture.EventuallyAsync(() => WithDocumentDbAsync(unit, async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT attempts, last_error FROM document_requests WHERE id = '{request.RequestId}'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() && reader.GetInt32(0) >= 2 ? reader.GetString(1) : null;
        }), PlatformFixture.DocumentWait, "the request tried twice without a unit name");
        Assert.StartsWith("单位全称未设置", waiting);
        Assert.Equal(0L, await WithDocumentDbAsync(unit, async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM issued_documents WHERE tenant_id = '{unit}'", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }));

        // Identity gets the unit; its next attempt (here asked for at once) prints Identity's name.
        await CreateTownshipAsync(unit, unitName);
        using var staff = await platform.ClientAsync(unit, "staff", StaffPassword);
        Assert.Equal(HttpStatusCode.Accepted, (await staff.PostAsync($"/api/document/requests/{request.RequestId}/retry", null)).StatusCode);
        var receipt = await WaitForAsync(staff, request.CaseId, request.RequestId);
        var pdfText = await PdfTextAsync(await staff.GetByteArrayAsync($"/api/document/documents/{receipt.Id}/pdf"));
        var docxText = DocxText(await staff.GetByteArrayAsync($"/api/document/documents/{receipt.Id}/docx"));
        foreach (var text in new[] { pdfText, docxText })
        {
            Assert.StartsWith(unitName + "政府信息公开申请接收回执", text);
            Assert.DoesNotContain("单位全称未设置", text);
        }
        var settings = await staff.GetFromJsonAsync<JsonElement>("/api/document/settings");
        Assert.Equal(unitName, settings.GetProperty("unitFullName").GetString());
        Assert.Equal("identity", settings.GetProperty("unitFullNameSource").GetString());
    }

    /// <summary>A new township under the demo district, with one member of staff who is its admin and a handler.</summary>
    private async Task<(string Code, string Name)> NewTownshipAsync(string prefix)
    {
        var suffix = Random.Shared.Next(100000, 999999);
        var code = $"{PlatformFixture.District}-{prefix}{suffix}";
        var name = $"成都市双流区测试{suffix}街道办事处";
        await CreateTownshipAsync(code, name);
        return (code, name);
    }

    private async Task CreateTownshipAsync(string code, string name)
    {
        using var districtAdmin = await platform.ClientAsync(PlatformFixture.District, "admin");
        var created = await districtAdmin.PostAsJsonAsync("/api/identity/units", new { code, name, kind = "Township", parentCode = PlatformFixture.District });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{code}/users",
            new { userName = "staff", displayName = "文书测试", password = StaffPassword, roles = new[] { "unit_admin", "handler" } });
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
    }

    /// <summary>A bus that hears DocumentRenderingFailed (the alert) on a queue of its own, and can publish like Workflow.</summary>
    private IBusControl StartAlertListener(ConcurrentDictionary<Guid, DocumentRenderingFailed> failures)
    {
        var broker = new Uri(platform.App.GetConnectionString("messaging"));
        return Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, "/", h => { h.Username("guest"); h.Password("guest"); });
            rabbit.ReceiveEndpoint($"test-document-rendering-failed-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<DocumentRenderingFailed>(context =>
                {
                    failures[context.Message.RequestId] = context.Message;
                    return Task.CompletedTask;
                });
            });
        });
    }

    /// <summary>Runs <paramref name="action"/> on Document's database as its owner, for <paramref name="unit"/>.</summary>
    private async Task<T> WithDocumentDbAsync<T>(string unit, Func<NpgsqlConnection, Task<T>> action)
    {
        await using var connection = new NpgsqlConnection(platform.App.GetConnectionString("documentdb-admin"));
        await connection.OpenAsync();
        await using (var tenant = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{unit}', false)", connection))
            await tenant.ExecuteNonQueryAsync();
        return await action(connection);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
