using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Gongkai.AppHost;
using Gongkai.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The private PostgreSQL and RabbitMQ resources are Debian executables.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// The real AppHost with the demo units, on a new data directory with durable storage (fsync on, unlike the tests'
/// throwaway servers, so the platform and pgbench pay for the same durable commits), and the gateway's public rate
/// limit lifted. Its first start, initdb included, is timed resource by resource.
/// </summary>
internal sealed class RunningPlatform : IAsyncDisposable
{
    public const string DemoPassword = "Gongkai2026demo";

    private readonly DistributedApplication _app;
    private readonly string _data;

    private RunningPlatform(DistributedApplication app, string data, ColdStart coldStart, Dictionary<string, string> connectionStrings)
    {
        _app = app;
        _data = data;
        ColdStart = coldStart;
        ConnectionStrings = connectionStrings;
    }

    public ColdStart ColdStart { get; }

    /// <summary>Each database's owner string (<c>intakedb-admin</c>) and the server's superuser string (<c>postgres</c>).</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings { get; }

    public Uri Endpoint(string project) => _app.GetEndpoint(project, "http");

    public static async Task<RunningPlatform> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "gongkai-benchmark", Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(typeof(PlatformOptions),
            [$"--Gongkai:Data={data}", "--Gongkai:GatewayPort=0", "--Gongkai:PostgresPort=0", "--Gongkai:RabbitMQPort=0", "--Gongkai:Demo=true"],
            (options, _) => options.DisableDashboard = true, timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None).AddFilter("AppHost.Resources", LogLevel.None));
        builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Gateway).WithEnvironment("Gateway__PublicRequestsPerMinute", "10000000");
        // Without the dashboard nothing receives telemetry: an exporter retrying against a closed port is not the platform's cost.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        var app = await builder.BuildAsync(timeout.Token);

        // Every resource's healthy moment, from one clock started with the AppHost.
        var clock = Stopwatch.StartNew();
        var watched = new[] { ResourceNames.Postgres, ResourceNames.Messaging, ResourceNames.Identity, ResourceNames.Intake, ResourceNames.Workflow,
            ResourceNames.LegalReview, ResourceNames.Document, ResourceNames.Publishing, ResourceNames.Portal, ResourceNames.Gateway };
        var healthy = watched.ToDictionary(name => name, async name =>
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            return clock.Elapsed.TotalSeconds;
        });
        await app.StartAsync(timeout.Token);
        await Task.WhenAll(healthy.Values);
        var coldStart = new ColdStart(clock.Elapsed.TotalSeconds, healthy.ToDictionary(h => h.Key, h => Math.Round(h.Value.Result, 1)));

        var strings = new Dictionary<string, string>();
        foreach (var resource in builder.Resources.OfType<IResourceWithConnectionString>())
        {
            if (resource is PostgresDatabaseResource database)
                strings[database.Name + ResourceNames.AdminSuffix] = await database.AdminConnectionStringExpression.GetValueAsync(timeout.Token) ?? "";
            else if (resource.Name == ResourceNames.Postgres)
                strings[resource.Name] = await resource.ConnectionStringExpression.GetValueAsync(timeout.Token) ?? "";
        }
        return new RunningPlatform(app, data, coldStart, strings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}

/// <summary>Seconds from the AppHost's start to each resource's first healthy report, and to the whole platform's.</summary>
internal sealed record ColdStart(double TotalSeconds, Dictionary<string, double> HealthyAtSeconds);
