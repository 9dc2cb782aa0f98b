using Microsoft.Extensions.Configuration;

namespace Gongkai.ServiceDefaults;

/// <summary>
/// Which other services this deployment has. Addresses are resolved by Microsoft.Extensions.ServiceDiscovery
/// (Aspire's contract: configuration key services:workflow:http:0, environment variable services__workflow__http__0):
/// a call goes to http://workflow/… and the HttpClient's discovery handler finds the endpoint.
/// </summary>
public sealed class ServiceEndpoints(IConfiguration configuration)
{
    public bool IsDeployed(string serviceName) => configuration.GetSection($"services:{serviceName}").Exists();

    /// <summary>The logical address that service discovery resolves: http://workflow.</summary>
    public static Uri Of(string serviceName) => new($"http://{serviceName}");
}
