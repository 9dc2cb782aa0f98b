using System.Globalization;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// How an AppHost run behaves. The AppHost builds these from its command line and environment
/// (<see cref="FromCommandLine"/>); tests set them in code.
/// </summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>
    /// Where server data, logs and pid files live. Null: <c>&lt;repo&gt;/.gongkai</c>, or
    /// <c>/tmp/gongkai-test/&lt;guid&gt;</c> when <see cref="Ephemeral"/> (the shared root lets a later
    /// run find and clean directories whose owner was killed).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Test mode: no durability for PostgreSQL (initdb --no-sync, fsync and synchronous_commit off),
    /// free ports for the servers, and the data directory is deleted on dispose.
    /// </summary>
    public bool Ephemeral { get; set; }

    /// <summary>Folder holding Platform.sln. Null: found by walking up from the binaries and the current directory.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Overrides the fixed port of the project named "gateway"; 0 means a free port.</summary>
    public int? GatewayPort { get; set; }

    /// <summary>Private PostgreSQL port. Null: 5433, or a free port when <see cref="Ephemeral"/>; 0 means a free port.</summary>
    public int? PostgresPort { get; set; }

    /// <summary>Private RabbitMQ AMQP port. Null: 5673, or a free port when <see cref="Ephemeral"/>; 0 means a free port.</summary>
    public int? RabbitMQPort { get; set; }

    /// <summary>Dashboard port on 127.0.0.1; 0 turns the dashboard off.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>
    /// When true, a server resource whose name has a connection string in <see cref="ExternalConnectionStrings"/>
    /// or in the environment (<c>ConnectionStrings__&lt;name&gt;</c>) uses that server and starts no private one.
    /// False forces private servers.
    /// </summary>
    public bool UseExternalServers { get; set; } = true;

    /// <summary>Connection strings of external servers by resource name (a PostgreSQL one must be a superuser's).</summary>
    public IDictionary<string, string> ExternalConnectionStrings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Echo every child's log lines to the console. Null: yes unless <see cref="Ephemeral"/>.</summary>
    public bool? ConsoleOutput { get; set; }

    /// <summary>How long a resource may take from launch to healthy before it counts as failed.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Handed to projects as OTEL_EXPORTER_OTLP_ENDPOINT. Null: the AppHost's own variable, if any.</summary>
    public string? OtlpEndpoint { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");

    /// <summary>Load the demo units and staff (<c>--demo</c> / GONGKAI_DEMO=1); the topology hands it to Identity.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>Build configuration whose output is run (<c>bin/&lt;configuration&gt;/net10.0</c>).</summary>
    public string ProjectConfiguration { get; set; } = "Debug";

    /// <summary>
    /// The AppHost's configuration: <c>--gateway-port N</c> / GONGKAI_GATEWAY_PORT, <c>--data DIR</c> / GONGKAI_DATA,
    /// <c>--dashboard-port N</c> / GONGKAI_DASHBOARD_PORT, <c>--postgres-port N</c>, <c>--rabbitmq-port N</c>, <c>--demo</c> / GONGKAI_DEMO=1.
    /// Arguments win over the environment.
    /// </summary>
    public static DistributedApplicationOptions FromCommandLine(string[] args)
    {
        var options = new DistributedApplicationOptions
        {
            DataDirectory = Environment.GetEnvironmentVariable("GONGKAI_DATA") is { Length: > 0 } data ? data : null,
            GatewayPort = ParsePort(Environment.GetEnvironmentVariable("GONGKAI_GATEWAY_PORT"), "GONGKAI_GATEWAY_PORT"),
            SeedDemo = Environment.GetEnvironmentVariable("GONGKAI_DEMO") is "1" or "true",
        };
        if (ParsePort(Environment.GetEnvironmentVariable("GONGKAI_DASHBOARD_PORT"), "GONGKAI_DASHBOARD_PORT") is { } dashboard)
        {
            options.DashboardPort = dashboard;
        }

        for (var i = 0; i < args.Length; i++)
        {
            // Accept both "--name value" and "--name=value".
            var (name, inlineValue) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            string Value() => inlineValue ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value"));
            switch (name)
            {
                case "--gateway-port": options.GatewayPort = ParsePort(Value(), name); break;
                case "--data": options.DataDirectory = Value(); break;
                case "--dashboard-port": options.DashboardPort = ParsePort(Value(), name) ?? 0; break;
                case "--postgres-port": options.PostgresPort = ParsePort(Value(), name); break;
                case "--rabbitmq-port": options.RabbitMQPort = ParsePort(Value(), name); break;
                case "--demo": options.SeedDemo = true; break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Known: --gateway-port N, --data DIR, --dashboard-port N, --postgres-port N, --rabbitmq-port N, --demo");
            }
        }

        return options;
    }

    private static int? ParsePort(string? value, string source) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port
        : throw new ArgumentException($"{source}: '{value}' is not a port number");
}
