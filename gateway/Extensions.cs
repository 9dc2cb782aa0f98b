using Gongkai.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Gongkai.Gateway;

public static class Extensions
{
    /// <summary>The services behind the gateway; each gets the route /api/&lt;name&gt;/**.</summary>
    public static readonly string[] Services = ["intake", "workflow", "legalreview", "document", "publishing"];

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);
        builder.WebHost().ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        var endpoints = new ServiceEndpoints(builder.Configuration);
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in Services)
        {
            var address = endpoints.Find(service);
            if (address is null)
                continue; // not deployed here: its route simply does not exist (404)
            routes.Add(new RouteConfig
            {
                RouteId = service,
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address.ToString(), Health = new Uri(address, "/").ToString() } },
                HealthCheck = new HealthCheckConfig
                {
                    // Liveness, not readiness: a service whose broker is down still takes requests (outbox).
                    Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(5), Path = "/alive", Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures },
                },
            });
        }
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        return builder;
    }

    private static ConfigureWebHostBuilder WebHost(this IHostApplicationBuilder builder) => ((WebApplicationBuilder)builder).WebHost;
}

public sealed class GatewayOptions
{
    /// <summary>Unit codes the gateway accepts in X-Tenant-Id until real sign-in arrives (the identity issue).</summary>
    public List<string> Tenants { get; set; } = [];

    /// <summary>Attachments are the largest bodies; 20 MB is well above a scanned ID card plus a power of attorney.</summary>
    public long MaxRequestBodyBytes { get; set; } = 20 * 1024 * 1024;
}
