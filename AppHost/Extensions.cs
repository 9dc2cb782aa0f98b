using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.AppHost;

public static class Extensions
{
    /// <summary>Logs "Platform healthy in N s. Gateway: url" when the gateway (which waits for everything) is ready.</summary>
    public static IResourceBuilder<ProjectResource> LogWhenPlatformHealthy(this IResourceBuilder<ProjectResource> gateway) =>
        gateway.OnResourceReady((resource, e, ct) =>
        {
            var log = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gongkai.AppHost");
            log.LogInformation("Platform healthy in {Seconds:0.0} s. Gateway: {Url}",
                (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds, resource.GetEndpoint("http").Url);
            return Task.CompletedTask;
        });

    /// <summary>Ctrl+C and SIGTERM stop the services before the broker and the database they drain into.</summary>
    public static IDistributedApplicationBuilder AddOrderedShutdown(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<OrderedShutdown>();
        return builder;
    }
}
