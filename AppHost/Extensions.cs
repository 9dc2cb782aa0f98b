using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.AppHost;

public static class Extensions
{
    /// <summary>
    /// Logs "Platform healthy in N s. Gateway: url" when the gateway (which waits for everything) is ready, with the
    /// second each resource became ready, so a slow start shows where its time went.
    /// </summary>
    public static IDistributedApplicationBuilder LogWhenPlatformHealthy(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway)
    {
        var ready = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        static double Elapsed() => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        foreach (var resource in builder.Resources.Where(r => r != gateway.Resource))
            builder.Eventing.Subscribe<ResourceReadyEvent>(resource, (_, _) => { ready[resource.Name] = Elapsed(); return Task.CompletedTask; });
        gateway.OnResourceReady((resource, e, ct) =>
        {
            var log = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gongkai.AppHost");
            log.LogInformation("Platform healthy in {Seconds:0.0} s. Gateway: {Url} (ready at: {Timeline})", Elapsed(), resource.GetEndpoint("http").Url,
                string.Join(", ", ready.OrderBy(r => r.Value).Select(r => $"{r.Key} {r.Value:0.0} s")));
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Ctrl+C and SIGTERM stop the services before the broker and the database they drain into.</summary>
    public static IDistributedApplicationBuilder AddOrderedShutdown(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<OrderedShutdown>();
        return builder;
    }
}
