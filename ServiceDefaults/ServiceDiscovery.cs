using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// Configuration-based service discovery with Aspire's contract: the address of service "workflow" is
/// configuration key services:workflow:http:0 (environment variable services__workflow__http__0).
/// Microsoft.Extensions.ServiceDiscovery is not obtainable here, so this is the small part we need.
/// </summary>
public sealed class ServiceEndpoints(IConfiguration configuration)
{
    public Uri? Find(string serviceName)
    {
        var value = configuration[$"services:{serviceName}:http:0"] ?? configuration[$"services:{serviceName}:https:0"];
        return value is null ? null : new Uri(value);
    }

    public Uri Resolve(string serviceName) =>
        Find(serviceName) ?? throw new InvalidOperationException(
            $"No address for service '{serviceName}': set services__{serviceName}__http__0.");
}

public static class ServiceDiscoveryExtensions
{
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<ServiceEndpoints>();
        return services;
    }

    /// <summary>A typed HttpClient whose base address is the named service's discovered address.</summary>
    public static IHttpClientBuilder AddServiceHttpClient<TClient>(this IServiceCollection services, string serviceName)
        where TClient : class =>
        services.AddHttpClient<TClient>((sp, client) =>
            client.BaseAddress = sp.GetRequiredService<ServiceEndpoints>().Resolve(serviceName));
}
