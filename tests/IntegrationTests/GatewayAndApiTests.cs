using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayAndApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Invalid_application_is_400_naming_each_field_in_Chinese_and_stores_nothing()
    {
        using var client = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        var before = await CountApplicationsAsync(PlatformFixture.TenantB);

        var empty = await client.PostAsJsonAsync("/api/intake/applications", new { applicantName = " ", description = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("不能为空", errors.GetProperty("applicantName")[0].GetString());
        Assert.True(errors.TryGetProperty("description", out _));
        Assert.True(errors.TryGetProperty("channel", out _));

        var badEnum = await client.PostAsJsonAsync("/api/intake/applications", new { applicantName = "张三", description = "文件", channel = "Telepathy" });
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        Assert.True((await badEnum.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));

        var notJson = await client.PostAsync("/api/intake/applications", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        Assert.Equal(before, await CountApplicationsAsync(PlatformFixture.TenantB));
    }

    [Theory]
    [InlineData("intake", "/api/intake/applications")]
    [InlineData("workflow", "/api/workflow/cases")]
    [InlineData("document", "/api/document/requests")]
    public async Task Each_service_OpenAPI_document_is_served_by_the_gateway_and_names_the_gateway_as_its_server(string service, string path)
    {
        using var client = platform.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _), $"{service} 的 OpenAPI 文档缺少 {path}");
        // Scalar's requests go to this server: the gateway, which authenticates them, not the service behind it.
        var server = new Uri(document.GetProperty("servers")[0].GetProperty("url").GetString()!);
        Assert.Equal(platform.Gateway.Authority, server.Authority);

        var reference = await client.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task Fifty_concurrent_registrations_in_one_unit_get_fifty_distinct_gapless_numbers()
    {
        const string tenant = PlatformFixture.Department;
        using var client = await platform.ClientAsync(tenant, "registrar");
        var before = await CountApplicationsAsync(tenant);

        var registered = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => platform.RegisterAsync(client)));

        var sequences = registered.Select(r => int.Parse(r.ApplicationNumber.Split('-')[^1])).Order().ToList();
        Assert.Equal(Enumerable.Range(before + 1, 50), sequences);
        Assert.All(registered, r => Assert.StartsWith($"{tenant}-{r.LegalReceiptDate.Year}-", r.ApplicationNumber));
    }

    [Fact]
    public async Task Public_deadline_calculator_works_anonymously_and_rejects_bad_input()
    {
        using var client = platform.Anonymous();
        var ok = await client.GetFromJsonAsync<JsonElement>("/api/workflow/calendar/deadline?from=2026-09-28&workingDays=20");
        Assert.Equal("2026-10-30", ok.GetProperty("due").GetString());
        Assert.False(ok.GetProperty("provisional").GetBoolean());
        Assert.Contains("国庆节", ok.GetProperty("explanation").GetString());

        foreach (var query in new[] { "from=2026-02-30&workingDays=20", "workingDays=20", "from=2026-09-28&workingDays=0", "from=2026-09-28&workingDays=99999999999", "from=x&workingDays=abc" })
        {
            var response = await client.GetAsync($"/api/workflow/calendar/deadline?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Gateway_echoes_a_request_id_and_unknown_paths_are_404()
    {
        using var client = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var response = await client.GetAsync("/api/workflow/cases");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/nosuchservice/things")).StatusCode);
    }

    private async Task<int> CountApplicationsAsync(string tenant)
    {
        await using var connection = new Npgsql.NpgsqlConnection(platform.App.GetConnectionString("intakedb-admin"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM applications WHERE tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenant);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }
}
