using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Gongkai.AppHost;

/// <summary>
/// Debian's RabbitMQ run by DCP as a private node on loopback: HOME (with the Erlang cookie), mnesia, config and
/// plugins all under its data directory, its log on stdout (so the dashboard shows it).
/// </summary>
public sealed class PrivateRabbitMQResource(string name)
    : ExecutableResource(name, PrivateRabbitMQ.ServerScript, "/"), IResourceWithConnectionString
{
    public string DataDirectory { get; set; } = "";

    public int Port { get; set; }

    /// <summary>The Erlang distribution port (rabbitmqctl only); explicit, so nodes side by side never clash.</summary>
    public int DistributionPort { get; set; }

    // The node name keys the mnesia directory, so it is stable for one data directory (data survives restarts)
    // and distinct between data directories (parallel test runs share one epmd).
    public string NodeName =>
        $"gongkai-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..10]}@localhost";

    /// <summary>guest/guest is allowed from loopback only, which is exactly where the private broker listens.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
}

public static class PrivateRabbitMQ
{
    internal const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>
    /// A RabbitMQ broker named <paramref name="name"/>: the one <c>ConnectionStrings__&lt;name&gt;</c> names (an amqp:// URI)
    /// if configured, otherwise a private node on <paramref name="port"/> (null: a free port).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPrivateRabbitMQ(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 })
        {
            return builder.AddConnectionString(name);
        }

        var broker = new PrivateRabbitMQResource(name)
        {
            Port = port ?? Loopback.FreePort(),
            DistributionPort = Loopback.FreePort(),
        };
        var healthCheck = $"{name}_check";
        // The AMQP listener opens last during boot, so accepting a connection means ready.
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async ct =>
            await Loopback.CanConnectAsync(broker.Port, ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"nothing accepts connections on 127.0.0.1:{broker.Port}"));

        return builder.AddResource(broker)
            .WithDataDirectory(Path.Combine(builder.AppHostDirectory, "..", ".gongkai", "rabbitmq"))
            // Proxy-less: clients talk to the node itself, so stopping the broker really drops their connections.
            .WithEndpoint(port: broker.Port, targetPort: broker.Port, scheme: "amqp", name: "tcp", isProxied: false)
            .WithEnvironment(context =>
            {
                var data = broker.DataDirectory;
                var environment = context.EnvironmentVariables;
                // HOME holds .erlang.cookie; rabbitmqctl needs the same HOME to talk to this node.
                environment["HOME"] = data;
                environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(data, "rabbitmq-env.conf");
                environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(data, "rabbitmq.conf");
                environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(data, "enabled_plugins");
                environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia");
                environment["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log");
                environment["RABBITMQ_PID_FILE"] = Path.Combine(data, "rabbit.pid");
                environment["RABBITMQ_NODENAME"] = broker.NodeName;
                environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                environment["RABBITMQ_NODE_PORT"] = broker.Port.ToString(CultureInfo.InvariantCulture);
                environment["RABBITMQ_DIST_PORT"] = broker.DistributionPort.ToString(CultureInfo.InvariantCulture);
                environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
                environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
                // Log to stdout: the dashboard's console log shows the broker like every other resource.
                environment["RABBITMQ_LOGS"] = "-";
            })
            .OnBeforeResourceStarted((r, e, ct) => PrepareAsync(r, e.Services, ct))
            .WithIconName("Mail")
            .WithHealthCheck(healthCheck);
    }

    /// <summary>Where the private node keeps mnesia, config and cookie; ignored for an existing broker.</summary>
    public static IResourceBuilder<T> WithDataDirectory<T>(this IResourceBuilder<T> builder, string path)
        where T : IResourceWithConnectionString
    {
        if (builder.Resource is PrivateRabbitMQResource broker)
        {
            broker.DataDirectory = Path.GetFullPath(path);
            // The script's working directory; DCP needs it to exist before the first start.
            Directory.CreateDirectory(broker.DataDirectory);
            builder.ApplicationBuilder.CreateResourceBuilder(broker).WithWorkingDirectory(broker.DataDirectory);
        }

        return builder;
    }

    /// <summary>Before each start: end a beam.smp a killed run left with this node's name, and write the node's files.</summary>
    private static async Task PrepareAsync(PrivateRabbitMQResource broker, IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(broker);
        foreach (var pid in OrphanedNodes(broker.NodeName))
        {
            log.LogWarning("stopping a beam.smp (pid {Pid}) a previous run left running", pid);
            await Loopback.RunAsync(log, ["kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture)], ct);
            for (var i = 0; i < 150 && Directory.Exists($"/proc/{pid}"); i++)
            {
                await Task.Delay(100, ct);
            }
        }

        var data = broker.DataDirectory;
        Directory.CreateDirectory(Path.Combine(data, "mnesia"));
        Directory.CreateDirectory(Path.Combine(data, "log"));
        await File.WriteAllTextAsync(Path.Combine(data, "rabbitmq-env.conf"), "", ct);
        await File.WriteAllTextAsync(Path.Combine(data, "rabbitmq.conf"), $"listeners.tcp.1 = 127.0.0.1:{broker.Port}\n", ct);
        // No plugins: the management plugin alone adds seconds to every start.
        await File.WriteAllTextAsync(Path.Combine(data, "enabled_plugins"), "[].\n", ct);
    }

    /// <summary>Every beam.smp whose environment names this node (its rabbitmq-server script is gone if one runs before a start).</summary>
    private static List<int> OrphanedNodes(string nodeName)
    {
        var marker = $"RABBITMQ_NODENAME={nodeName}\0";
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(entry, "comm")).Trim() == "beam.smp"
                    && (File.ReadAllText(Path.Combine(entry, "environ")) + "\0").Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }
}
