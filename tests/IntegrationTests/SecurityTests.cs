using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Gongkai.IntegrationTests;

/// <summary>The security suite, each item through the gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SecurityTests(PlatformFixture platform)
{
    private const string CasesPath = "/api/workflow/cases";

    [Fact]
    public async Task No_token_is_401_with_problem_details()
    {
        using var client = platform.Anonymous();
        var response = await client.GetAsync(CasesPath);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Expired_wrong_signature_wrong_audience_and_unsigned_tokens_are_401()
    {
        var (realKey, keyId) = await RealSigningKeyAsync();
        using var forgedRsa = RSA.Create(2048);
        var forgedKey = new RsaSecurityKey(forgedRsa) { KeyId = keyId };
        var now = DateTime.UtcNow;

        var valid = Sign(realKey, "gongkai", now.AddMinutes(-1), now.AddMinutes(10));
        var expired = Sign(realKey, "gongkai", now.AddHours(-2), now.AddHours(-1));
        var wrongSignature = Sign(forgedKey, "gongkai", now.AddMinutes(-1), now.AddMinutes(10));
        var wrongAudience = Sign(realKey, "someone-else", now.AddMinutes(-1), now.AddMinutes(10));
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." +
            Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { iss = "gongkai-identity", aud = "gongkai", sub = "x", tenant = PlatformFixture.TenantA,
                role = "registrar", exp = new DateTimeOffset(now.AddMinutes(10)).ToUnixTimeSeconds() })) + ".";

        // The control: the same construction with the real key and audience is accepted.
        Assert.Equal(HttpStatusCode.OK, await StatusWithTokenAsync(valid));
        foreach (var token in new[] { expired, wrongSignature, wrongAudience, unsigned })
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(token));
    }

    [Fact]
    public async Task Right_unit_wrong_role_is_403()
    {
        using var counsel = await platform.ClientAsync(PlatformFixture.TenantA, "counsel");
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");

        var register = await counsel.PostAsJsonAsync("/api/intake/applications", new { applicantName = "张三", description = "文件", channel = "Online" });
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Contains("无权", await register.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/api/legalreview/tasks")).StatusCode);
    }

    [Fact]
    public async Task Unit_B_cannot_read_or_change_unit_A_application_case_or_document_by_id()
    {
        using var registrarA = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var handlerB = await platform.ClientAsync(PlatformFixture.TenantB, "handler");
        var registered = await platform.RegisterAsync(registrarA);
        var summary = await Cases.WaitForCaseAsync(registrarA, registered.Id, PlatformFixture.EventWait);
        var document = await PlatformFixture.EventuallyAsync(async () =>
            (await registrarA.GetFromJsonAsync<List<DocumentView>>($"/api/document/documents?caseId={summary.Id}", PlatformFixture.Json))!.FirstOrDefault(),
            PlatformFixture.DocumentWait, "the receipt");

        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"/api/intake/applications/{registered.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"{CasesPath}/{summary.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.GetAsync($"/api/document/documents/{document.Id}")).StatusCode);
        Assert.Empty((await handlerB.GetFromJsonAsync<List<DocumentView>>($"/api/document/documents?caseId={summary.Id}", PlatformFixture.Json))!);
        Assert.Equal(HttpStatusCode.NotFound, (await handlerB.PostAsync($"{CasesPath}/{summary.Id}/review-requests", null)).StatusCode);
        Assert.Null(await Cases.FindByApplicationAsync(handlerB, registered.Id));

        Assert.Equal("Received", (await Cases.GetAsync(registrarA, summary.Id)).Case.State);
        Assert.Equal(HttpStatusCode.OK, (await registrarA.GetAsync($"/api/document/documents/{document.Id}")).StatusCode);
    }

    [Fact]
    public async Task Client_sent_tenant_and_internal_headers_are_ignored()
    {
        using var registrarA = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/applications");
        request.Headers.Add("X-Tenant-Id", PlatformFixture.TenantB);
        request.Headers.Add("X-Gongkai-Tenant", PlatformFixture.TenantB);

        var registered = await platform.RegisterAsync(registrarA, request: request);

        Assert.StartsWith(PlatformFixture.TenantA + "-", registered.ApplicationNumber);
        using var registrarB = await platform.ClientAsync(PlatformFixture.TenantB, "registrar");
        Assert.Equal(HttpStatusCode.NotFound, (await registrarB.GetAsync($"/api/intake/applications/{registered.Id}")).StatusCode);
    }

    [Fact]
    public async Task Supervisor_reads_a_township_case_cannot_change_it_and_the_read_is_audited()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        using var supervisor = await platform.ClientAsync(PlatformFixture.District, "supervisor");
        using var townshipAdmin = await platform.ClientAsync(PlatformFixture.TenantA, "admin");
        var registered = await platform.RegisterAsync(registrar);
        var summary = await Cases.WaitForCaseAsync(registrar, registered.Id, PlatformFixture.EventWait);

        var read = await supervisor.GetFromJsonAsync<CaseDetails>($"/api/workflow/supervision/units/{PlatformFixture.TenantA}/cases/{summary.Id}", PlatformFixture.Json);
        Assert.Equal(summary.CaseNumber, read!.Case.CaseNumber);
        var list = await supervisor.GetFromJsonAsync<List<CaseSummary>>($"/api/workflow/supervision/units/{PlatformFixture.TenantA}/cases", PlatformFixture.Json);
        Assert.Contains(list!, c => c.Id == summary.Id);

        // Reads only: the normal write path refuses the supervisor's role, the supervision path has no writes,
        // and a unit outside the district does not exist for the supervisor.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"{CasesPath}/{summary.Id}/review-requests", null)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.PostAsync($"/api/workflow/supervision/units/{PlatformFixture.TenantA}/cases/{summary.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/workflow/supervision/units/5101/cases/{summary.Id}")).StatusCode);
        Assert.Equal("Received", (await Cases.GetAsync(registrar, summary.Id)).Case.State);

        // The township's admin sees the supervisor's read in the township's audit log.
        await PlatformFixture.EventuallyAsync(async () =>
        {
            var log = await townshipAdmin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{PlatformFixture.TenantA}?take=200");
            return log!.Any(e => e.GetProperty("action").GetString() == "supervisor-viewed-case" && e.GetProperty("target").GetString() == $"case:{summary.Id}")
                ? log : null;
        }, PlatformFixture.EventWait, "the supervisor's read in the audit log");
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        // The district's admin creates a fresh township user for this test (so locking it harms no other test).
        using var districtAdmin = await platform.ClientAsync(PlatformFixture.District, "admin");
        var userName = $"locktest{Random.Shared.Next(100000)}";
        var created = await districtAdmin.PostAsJsonAsync($"/api/identity/units/{PlatformFixture.TenantB}/users",
            new { userName, displayName = "锁定测试", password = "Correct-horse-2026", roles = new[] { "registrar" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var client = platform.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = PlatformFixture.TenantB, userName, password = $"wrong-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = PlatformFixture.TenantB, userName, password = "Correct-horse-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("锁定", await right.Content.ReadAsStringAsync());

        using var townshipAdmin = await platform.ClientAsync(PlatformFixture.TenantB, "admin");
        var log = await townshipAdmin.GetFromJsonAsync<List<JsonElement>>($"/api/identity/audit/{PlatformFixture.TenantB}?take=200");
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "account-locked");
        Assert.Contains(log!, e => e.GetProperty("action").GetString() == "user-created");
    }

    [Fact]
    public async Task Injection_and_oversized_payloads_on_public_endpoints_get_4xx_never_500()
    {
        using var client = platform.Anonymous();
        var attempts = new List<HttpResponseMessage>
        {
            await client.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = "' OR 1=1 --", userName = "admin", password = "x" }),
            await client.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = PlatformFixture.TenantA, userName = "admin' OR '1'='1", password = "' OR '1'='1" }),
            await client.PostAsJsonAsync("/api/identity/token", new { grantType = "refresh_token", refreshToken = "510116'; DROP TABLE users; --.abc" }),
            await client.PostAsJsonAsync("/api/identity/revoke", new { refreshToken = "x' OR 1=1 --" }),
            await client.PostAsJsonAsync("/api/identity/token", new { grantType = "client_credentials", clientId = "' OR 1=1 --", clientSecret = "x" }),
            await client.PostAsync("/api/identity/token", new StringContent("{\"grantType\": [1,2,3]}", Encoding.UTF8, "application/json")),
            await client.GetAsync("/api/workflow/calendar/deadline?from=2026-01-01%27%20OR%20%271%27=%271&workingDays=1;DROP%20TABLE%20cases"),
            await SendOversizedAsync(client, "/api/identity/token"),
        };
        Assert.All(attempts, r => Assert.InRange((int)r.StatusCode, 400, 499));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, attempts[^1].StatusCode);
    }

    [Fact]
    public async Task Public_endpoints_are_rate_limited_per_client_with_429_problem_details()
    {
        using var client = platform.Anonymous();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        // In parallel batches, so the limit is reached well inside one window even on a slow machine.
        for (var sent = 0; sent < PlatformFixture.PublicRequestsPerMinute + 200 && limited is null; sent += 25)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => client.GetAsync("/api/identity/.well-known/openid-configuration")));
            statuses.AddRange(batch.Select(r => r.StatusCode));
            limited = batch.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        }
        Assert.NotNull(limited);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请求过于频繁", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Editing_one_stored_audit_row_makes_verification_fail_at_that_row()
    {
        const string unit = PlatformFixture.Department;
        for (var i = 0; i < 3; i++) // three sign-ins, three audit rows at least
            await RefreshTokenAsync(unit, "admin");
        using var admin = await platform.ClientAsync(unit, "admin");
        var intact = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/audit/{unit}/verification");
        Assert.True(intact.GetProperty("intact").GetBoolean());

        long tampered;
        await using (var db = new NpgsqlConnection(platform.App.GetConnectionString("identitydb-admin")))
        {
            await db.OpenAsync();
            await using var pick = new NpgsqlCommand("SELECT sequence FROM audit_entries WHERE tenant_id = @u ORDER BY sequence OFFSET 1 LIMIT 1", db);
            pick.Parameters.AddWithValue("u", unit);
            tampered = (long)(await pick.ExecuteScalarAsync())!;
            // Even the owner needs the trigger off to change history; a superuser can, and the chain shows it.
            await using var edit = new NpgsqlCommand("""
                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;
                UPDATE audit_entries SET detail = '篡改' WHERE sequence = @s;
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only;
                """, db);
            edit.Parameters.AddWithValue("s", tampered);
            await edit.ExecuteNonQueryAsync();
        }

        var broken = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/audit/{unit}/verification");
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(tampered, broken.GetProperty("firstBrokenSequence").GetInt64());
    }

    [Fact]
    public async Task Audit_rows_cannot_be_changed_by_the_application_role()
    {
        await using var db = new NpgsqlConnection(platform.App.GetConnectionString("identitydb"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PlatformFixture.TenantA}', false); UPDATE audit_entries SET detail = 'x'", db);
        await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_not_after_revocation()
    {
        using var client = platform.Anonymous();
        var first = await RefreshTokenAsync(PlatformFixture.TenantA, "handler");

        var rotated = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "refresh_token", refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/identity/token", new { grantType = "refresh_token", refreshToken = first })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/identity/revoke", new { refreshToken = second })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/identity/token", new { grantType = "refresh_token", refreshToken = second })).StatusCode);
    }

    [Fact]
    public async Task The_city_platform_signs_in_with_its_client_identity_and_reaches_no_unit_data()
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "client_credentials", clientId = "city-platform-dev", clientSecret = "city-platform-dev-secret" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWithTokenAsync(token));

        var wrong = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "client_credentials", clientId = "city-platform-dev", clientSecret = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private static Task<HttpResponseMessage> SendOversizedAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(new byte[25 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        // Like a well-behaved client: wait for the server's go-ahead, so the refusal is read, not a broken pipe.
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Services_call_each_other_with_their_own_client_identity_and_only_they_may_name_the_unit()
    {
        using var registrar = await platform.ClientAsync(PlatformFixture.TenantA, "registrar");
        var registered = await platform.RegisterAsync(registrar);
        var caseId = (await Cases.WaitForCaseAsync(registrar, registered.Id, PlatformFixture.EventWait)).Id;
        var serviceToken = await ClientTokenAsync("gongkai-services", "gongkai-services-dev-secret");
        var cityToken = await ClientTokenAsync("city-platform-dev", "city-platform-dev-secret");
        var workflow = platform.App.GetEndpoint("workflow");
        var path = $"/internal/workflow/cases/{caseId}";

        Assert.Equal(HttpStatusCode.OK, await DirectAsync(workflow, path, serviceToken, PlatformFixture.TenantA));
        Assert.Equal(HttpStatusCode.NotFound, await DirectAsync(workflow, path, serviceToken, PlatformFixture.TenantB));
        Assert.Equal(HttpStatusCode.Forbidden, await DirectAsync(workflow, path, serviceToken, tenant: null));
        // Other clients cannot name a unit, and staff tokens keep their own unit whatever the header says.
        Assert.Equal(HttpStatusCode.Forbidden, await DirectAsync(workflow, path, cityToken, PlatformFixture.TenantA));
        Assert.Equal(HttpStatusCode.Forbidden, await DirectAsync(workflow, path, await platform.TokenAsync(PlatformFixture.TenantB, "registrar"), PlatformFixture.TenantA));
        // And /internal/ is not reachable through the gateway at all.
        using var viaGateway = platform.Anonymous();
        viaGateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        Assert.Equal(HttpStatusCode.NotFound, (await viaGateway.GetAsync(path)).StatusCode);
    }

    private async Task<string> ClientTokenAsync(string clientId, string secret)
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "client_credentials", clientId, clientSecret = secret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpStatusCode> DirectAsync(Uri service, string path, string token, string? tenant)
    {
        using var client = new HttpClient { BaseAddress = service };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null)
            client.DefaultRequestHeaders.Add("X-Gongkai-Tenant", tenant);
        return (await client.GetAsync(path)).StatusCode;
    }

    private async Task<HttpStatusCode> StatusWithTokenAsync(string token)
    {
        using var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync(CasesPath)).StatusCode;
    }

    private async Task<string> RefreshTokenAsync(string unit, string userName)
    {
        using var client = platform.Anonymous();
        var response = await client.PostAsJsonAsync("/api/identity/token", new { grantType = "password", unitCode = unit, userName, password = PlatformFixture.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;
    }

    /// <summary>The real signing key, read as the database owner — what an attacker must not have.</summary>
    private async Task<(RsaSecurityKey Key, string KeyId)> RealSigningKeyAsync()
    {
        await using var db = new NpgsqlConnection(platform.App.GetConnectionString("identitydb-admin"));
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key_id, private_key_pem FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1", db);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var rsa = RSA.Create();
        rsa.ImportFromPem(reader.GetString(1));
        return (new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) }, reader.GetString(0));
    }

    private static string Sign(SecurityKey key, string audience, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "gongkai-identity",
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("name", "测试"),
                new Claim("tenant", PlatformFixture.TenantA), new Claim("role", "registrar")]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
}
