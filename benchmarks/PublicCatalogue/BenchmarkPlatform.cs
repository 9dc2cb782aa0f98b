using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Gongkai.AppHost;
using Gongkai.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The private PostgreSQL and RabbitMQ resources are Debian executables.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Gongkai.Benchmarks;

/// <summary>
/// The real AppHost on throwaway data (as the integration tests start it), with the gateway's public rate limit lifted so
/// the benchmark measures the catalogue, not the limiter.
/// </summary>
internal sealed class BenchmarkPlatform : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly string _data;

    private BenchmarkPlatform(DistributedApplication app, string data, Uri gateway, string publishingAdmin)
    {
        _app = app;
        _data = data;
        Gateway = gateway;
        PublishingAdminConnectionString = publishingAdmin;
    }

    public Uri Gateway { get; }

    /// <summary>The Publishing database's owner (no row-level security on public_items anyway; the owner may drop and build indexes).</summary>
    public string PublishingAdminConnectionString { get; }

    public static async Task<BenchmarkPlatform> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "gongkai-benchmark", Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(PlatformOptions),
            ["--Gongkai:Ephemeral=true", $"--Gongkai:Data={data}", "--Gongkai:GatewayPort=0"],
            (options, _) => options.DisableDashboard = true, timeout.Token);
        // The figures are the output: the AppHost says only what went wrong (not the servers' own logs, nor health probes
        // failing during shutdown).
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None).AddFilter("AppHost.Resources", LogLevel.None));
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Gateway).WithEnvironment("Gateway__PublicRequestsPerMinute", "10000000");
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);
        var database = builder.Resources.OfType<PostgresDatabaseResource>().Single(r => r.Name == ResourceNames.PublishingDb);
        var admin = await database.AdminConnectionStringExpression.GetValueAsync(timeout.Token)
            ?? throw new InvalidOperationException("Publishing has no owner connection string.");
        return new BenchmarkPlatform(app, data, app.GetEndpoint(ResourceNames.Gateway, "http"), admin);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}
