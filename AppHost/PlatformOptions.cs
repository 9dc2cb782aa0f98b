using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Gongkai.AppHost;

/// <summary>
/// What <c>./build.sh run</c> (and the tests) may change, read from the AppHost's configuration: the
/// <c>GONGKAI_*</c> environment variables, or <c>--Gongkai:Name=value</c> arguments, which the classic
/// switches (<c>--demo</c>, <c>--gateway-port N</c>, <c>--data DIR</c>, …) are turned into.
/// </summary>
/// <param name="CitySimulator">Start tools/CitySimulator as the city platform (default; <c>--Gongkai:CitySimulator=false</c> or
/// <c>GONGKAI_CITY_SIMULATOR=0</c> leaves the city link without a city, its callbacks queued).</param>
/// <param name="Replicas">Instances of each service and the portal (<c>--replicas N</c>, <c>GONGKAI_REPLICAS</c>; default 1), as a
/// scaled-out deployment runs them: competing consumers on the same queues, requests spread by DCP's proxy.</param>
/// <param name="QuorumQueues">Consumer queues as quorum queues (<c>--quorum-queues</c>, <c>GONGKAI_QUORUM_QUEUES=1</c>), as on a
/// RabbitMQ cluster; a data directory keeps the queue type it was first run with.</param>
public sealed record PlatformOptions(string DataDirectory, bool Ephemeral, bool SeedDemo, int? GatewayPort, int? PostgresPort, int? RabbitMQPort,
    bool CitySimulator = true, int Replicas = 1, bool QuorumQueues = false)
{
    public static PlatformOptions From(IConfiguration configuration, string appHostDirectory)
    {
        string? Value(string key, string environment) =>
            configuration[$"Gongkai:{key}"] is { Length: > 0 } value ? value : configuration[environment] is { Length: > 0 } env ? env : null;

        var ephemeral = IsTrue(Value("Ephemeral", "GONGKAI_EPHEMERAL"));
        var data = Value("Data", "GONGKAI_DATA")
            ?? (ephemeral
                ? Path.Combine(Path.GetTempPath(), "gongkai-test", Guid.NewGuid().ToString("N"))
                : Path.Combine(appHostDirectory, "..", ".gongkai"));
        // Fixed, documented ports for a developer's run; free ones for throwaway (test) runs. 0 also means a free port.
        return new PlatformOptions(
            Path.GetFullPath(data),
            ephemeral,
            IsTrue(Value("Demo", "GONGKAI_DEMO")),
            Port(Value("GatewayPort", "GONGKAI_GATEWAY_PORT"), ephemeral ? 0 : 8080),
            Port(Value("PostgresPort", "GONGKAI_POSTGRES_PORT"), ephemeral ? 0 : 5433),
            Port(Value("RabbitMQPort", "GONGKAI_RABBITMQ_PORT"), ephemeral ? 0 : 5673),
            Value("CitySimulator", "GONGKAI_CITY_SIMULATOR") is not ("false" or "0"),
            Value("Replicas", "GONGKAI_REPLICAS") is { } replicas ? Count(replicas) : 1,
            IsTrue(Value("QuorumQueues", "GONGKAI_QUORUM_QUEUES")));
    }

    /// <summary>
    /// Turns <c>--demo</c>, <c>--gateway-port N</c>, <c>--data DIR</c>, <c>--postgres-port N</c>, <c>--rabbitmq-port N</c> and
    /// <c>--dashboard-port N</c> into configuration; anything else passes through to Aspire unchanged.
    /// </summary>
    public static string[] TranslateArguments(string[] args)
    {
        var translated = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            string Next() => inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value"));
            switch (name)
            {
                case "--demo": translated.Add("--Gongkai:Demo=true"); break;
                case "--gateway-port": translated.Add($"--Gongkai:GatewayPort={Next()}"); break;
                case "--data": translated.Add($"--Gongkai:Data={Next()}"); break;
                case "--postgres-port": translated.Add($"--Gongkai:PostgresPort={Next()}"); break;
                case "--rabbitmq-port": translated.Add($"--Gongkai:RabbitMQPort={Next()}"); break;
                case "--replicas": translated.Add($"--Gongkai:Replicas={Next()}"); break;
                case "--quorum-queues": translated.Add("--Gongkai:QuorumQueues=true"); break;
                case "--dashboard-port": UseDashboardPort(Next()); break;
                default: translated.Add(args[i]); break;
            }
        }

        if (Environment.GetEnvironmentVariable("GONGKAI_DASHBOARD_PORT") is { Length: > 0 } port
            && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            UseDashboardPort(port);
        }

        return [.. translated];
    }

    // The dashboard listens on 127.0.0.1 only, its OTLP and resource-service endpoints on the next two ports.
    private static void UseDashboardPort(string value)
    {
        var port = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", $"http://127.0.0.1:{port}");
        Environment.SetEnvironmentVariable("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", $"http://127.0.0.1:{port + 1}");
        Environment.SetEnvironmentVariable("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", $"http://127.0.0.1:{port + 2}");
        Environment.SetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
    }

    private static bool IsTrue(string? value) => value is "1" or "true" or "True" or "yes";

    private static int Count(string value) =>
        int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) is var count and >= 1 and <= 8
            ? count
            : throw new ArgumentException($"--replicas must be between 1 and 8 (was {value})");

    private static int? Port(string? value, int fallback)
    {
        var port = value is null ? fallback : int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return port == 0 ? null : port;
    }
}

/// <summary>How every Gongkai service is wired, shared by Program.cs and tests that add another instance.</summary>
public static class PlatformResourceExtensions
{
    /// <summary>
    /// A service owns one database, talks to the others over the broker and trusts Identity's tokens; it is healthy
    /// once <c>/health</c> (database migrated, broker connected) answers. It does not wait for Identity: tokens are
    /// checked against Identity's keys on the first request, and the gateway, which takes the requests, waits for all.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsGongkaiService(
        this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<PostgresDatabaseResource> database,
        IResourceBuilder<IResourceWithConnectionString> messaging,
        IResourceBuilder<ProjectResource>? identity) =>
        (identity is null ? service : service.WithReference(identity))
            .WithDatabase(database)
            .WithReference(messaging).WaitFor(messaging)
            // The services' own client identity for internal calls (Identity's development client; production configures its own).
            .WithEnvironment("ServiceClient__ClientId", "gongkai-services")
            .WithEnvironment("ServiceClient__Secret", "gongkai-services-dev-secret")
            .WithGongkaiEndpoint();

    /// <summary>
    /// One plain-http endpoint (a free port behind DCP's proxy unless given), the readiness check, and the Development
    /// environment (the development keys and clients in appsettings.Development.json), as the platform has always run locally.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGongkaiEndpoint(this IResourceBuilder<ProjectResource> project, int? port = null) =>
        project.WithHttpEndpoint(port: port)
               .WithHttpHealthCheck("/health")
               .WithEnvironment("DOTNET_ENVIRONMENT", "Development")
               .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development");
}
