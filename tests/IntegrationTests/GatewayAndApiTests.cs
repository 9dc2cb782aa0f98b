using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gongkai.IntegrationTests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayAndApiTests(PlatformFixture platform)
{
    [Fact]
    public async Task Tenant_B_cannot_read_tenant_A_application_or_case_by_id()
    {
        using var clientA = platform.Client(PlatformFixture.TenantA);
        using var clientB = platform.Client(PlatformFixture.TenantB);
        var registered = await platform.RegisterAsync(clientA);
        var summary = await Cases.WaitForCaseAsync(clientA, registered.Id, TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/api/intake/applications/{registered.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync($"/api/workflow/cases/{summary.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostAsync($"/api/workflow/cases/{summary.Id}/review-requests", null)).StatusCode);
        Assert.Null(await Cases.FindByApplicationAsync(clientB, registered.Id));
        Assert.Equal("Received", (await Cases.GetAsync(clientA, summary.Id)).Case.State);
    }

    [Fact]
    public async Task A_client_sent_internal_tenant_header_is_stripped_by_the_gateway()
    {
        using var client = platform.Client(tenant: null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications")
        {
            Content = JsonContent.Create(new { applicantName = "张三", description = "冒充单位", channel = "Online" }),
        };
        request.Headers.Add("X-Gongkai-Tenant", PlatformFixture.TenantA);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("缺少单位标识", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_tenant_is_refused_at_the_gateway_with_problem_details()
    {
        using var client = platform.Client("999999");
        var response = await client.GetAsync("/api/workflow/cases");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("未知的办理单位", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invalid_application_is_400_naming_each_field_in_Chinese_and_stores_nothing()
    {
        using var client = platform.Client(PlatformFixture.TenantB);
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

    [Fact]
    public async Task Fifty_concurrent_registrations_in_one_unit_get_fifty_distinct_gapless_numbers()
    {
        const string tenant = "510116";
        using var client = platform.Client(tenant);
        var before = await CountApplicationsAsync(tenant);

        var registered = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => platform.RegisterAsync(client)));

        var sequences = registered.Select(r => int.Parse(r.ApplicationNumber.Split('-')[^1])).Order().ToList();
        Assert.Equal(Enumerable.Range(before + 1, 50), sequences);
        Assert.All(registered, r => Assert.StartsWith($"{tenant}-{r.LegalReceiptDate.Year}-", r.ApplicationNumber));
    }

    [Fact]
    public async Task Public_deadline_calculator_works_anonymously_and_rejects_bad_input()
    {
        using var client = platform.Client(tenant: null);
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
    public async Task Gateway_echoes_a_request_id_and_routes_unknown_paths_to_404()
    {
        using var client = platform.Client();
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
