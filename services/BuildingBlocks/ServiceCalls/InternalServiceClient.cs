using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.BuildingBlocks.ServiceCalls;

/// <summary>This service's own client identity at Identity (client credentials), used for calls to other services.</summary>
public sealed class ServiceClientOptions
{
    public string? ClientId { get; set; }
    public string? Secret { get; set; }
}

/// <summary>
/// Synchronous calls between services — the exception, for a query a user waits on (e.g. assembling a case
/// file). Each call carries this service's own access token (client credentials, cached until shortly before
/// it expires) and names the unit it acts for in the internal tenant header, which a receiving service honours
/// only from a caller holding the "service" role. Internal endpoints live under /internal/, which the gateway
/// does not route: they cannot be reached from outside.
/// </summary>
public sealed class InternalServiceClient(HttpClient http, ServiceClientOptions options, TimeProvider clock)
{
    public const string TenantHeader = "X-Gongkai-Tenant";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private static readonly SemaphoreSlim TokenLock = new(1, 1);
    private static (string Token, DateTimeOffset Expires)? _cached;

    public async Task<T> GetAsync<T>(string service, string path, string tenant, CancellationToken ct)
    {
        using var response = await SendAsync(service, path, tenant, ct);
        return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
    }

    public async Task<byte[]> GetBytesAsync(string service, string path, string tenant, CancellationToken ct)
    {
        using var response = await SendAsync(service, path, tenant, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    private async Task<HttpResponseMessage> SendAsync(string service, string path, string tenant, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ServiceEndpoints.Of(service), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
        request.Headers.Add(TenantHeader, tenant);
        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"{service} answered {(int)status} for {path}.", null, status);
        }
        return response;
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_cached is { } cached && cached.Expires > clock.GetUtcNow())
            return cached.Token;
        await TokenLock.WaitAsync(ct);
        try
        {
            if (_cached is { } again && again.Expires > clock.GetUtcNow())
                return again.Token;
            if (options.ClientId is null || options.Secret is null)
                throw new InvalidOperationException("ServiceClient:ClientId and ServiceClient:Secret are not configured.");
            var response = await http.PostAsJsonAsync(new Uri(ServiceEndpoints.Of("identity"), "/api/identity/token"),
                new { grantType = "client_credentials", clientId = options.ClientId, clientSecret = options.Secret }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var token = body.GetProperty("accessToken").GetString()!;
            // Renew a minute early so a token never expires in flight.
            _cached = (token, clock.GetUtcNow().AddSeconds(body.GetProperty("expiresIn").GetInt32() - 60));
            return token;
        }
        finally
        {
            TokenLock.Release();
        }
    }
}

public static class InternalServiceClientExtensions
{
    public static IServiceCollection AddInternalServiceClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("ServiceClient").Get<ServiceClientOptions>() ?? new ServiceClientOptions());
        services.AddHttpClient<InternalServiceClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient<IdentityUnits>();
        return services;
    }
}
