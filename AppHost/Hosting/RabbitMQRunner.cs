using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// A RabbitMQ broker: a private node run from Debian's rabbitmq-server script with everything (HOME, cookie,
/// mnesia, config) under <c>&lt;data&gt;/rabbitmq</c>, or an external one given by an amqp:// URI.
/// </summary>
internal sealed class RabbitMQRunner : ManagedResource
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly Uri? _external;
    private int _port;

    public RabbitMQRunner(RabbitMQServerResource resource, AppRuntime runtime)
        : base(resource.Name, "RabbitMQ", runtime)
    {
        if (runtime.ExternalConnectionString(resource.Name) is { } external)
        {
            _external = Uri.TryCreate(external, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"
                ? uri
                : throw new DistributedApplicationException($"ConnectionStrings__{resource.Name} must be an amqp:// or amqps:// URI");
        }
    }

    public string DataDirectory => Path.Combine(Runtime.DataDirectory, "rabbitmq");

    // The node name keys the mnesia directory, so it must be stable for one data directory (data survives
    // restarts) and distinct between data directories (parallel test runs share one epmd).
    private string NodeName =>
        $"gongkai-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Runtime.DataDirectory)))[..10]}@localhost";

    private string PidFile => Path.Combine(DataDirectory, "rabbit.pid");

    protected override int? ListenPort => IsExternal ? null : _port;

    public override bool IsExternal => _external is not null;

    public override string? Endpoint =>
        _external is not null ? $"{_external.Scheme}://{_external.Host}:{ExternalPort}" : _port == 0 ? null : $"amqp://127.0.0.1:{_port}";

    private int ExternalPort => _external!.IsDefaultPort || _external.Port < 0 ? (_external.Scheme == "amqps" ? 5671 : 5672) : _external.Port;

    /// <summary>guest/guest is allowed from loopback only, which is exactly where the private broker listens.</summary>
    public string ConnectionString => _external?.OriginalString ?? $"amqp://guest:guest@127.0.0.1:{_port}/";

    public void Configure(int port) => _port = port;

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        if (IsExternal)
        {
            return;
        }

        // A beam.smp whose rabbitmq-server script was killed keeps the node name and ports: end it first.
        await StopOrphanedNodeAsync();

        Directory.CreateDirectory(Path.Combine(DataDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(DataDirectory, "log"));
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "rabbitmq-env.conf"), "", ct);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "rabbitmq.conf"), $"listeners.tcp.1 = 127.0.0.1:{_port}\n", ct);
        // No plugins: the management plugin alone adds seconds to every start; add it here if the UI is wanted.
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "enabled_plugins"), "[].\n", ct);
    }

    protected override ProcessSpec CreateProcessSpec()
    {
        var environment = Runtime.ChildEnvironment();
        // HOME holds .erlang.cookie; rabbitmqctl needs the same HOME to talk to this node.
        environment["HOME"] = DataDirectory;
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(DataDirectory, "rabbitmq-env.conf");
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(DataDirectory, "rabbitmq.conf");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(DataDirectory, "enabled_plugins");
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(DataDirectory, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(DataDirectory, "log");
        environment["RABBITMQ_PID_FILE"] = PidFile;
        environment["RABBITMQ_NODENAME"] = NodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = _port.ToString(CultureInfo.InvariantCulture);
        // The distribution port is only for rabbitmqctl; a fresh free one per launch avoids clashes between nodes.
        environment["RABBITMQ_DIST_PORT"] = Ports.Free(1)[0].ToString(CultureInfo.InvariantCulture);
        environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        // Log to stdout, so the broker's log lands in our log file, console and dashboard like everyone else's.
        environment["RABBITMQ_LOGS"] = "-";
        return new ProcessSpec(ServerScript, [], DataDirectory, environment);
    }

    // The AMQP listener opens last during boot, so accepting a connection means ready.
    protected override Task<bool> IsHealthyAsync(CancellationToken ct) =>
        _external is not null ? Ports.CanConnectAsync(_external.Host, ExternalPort, ct) : Ports.CanConnectAsync("127.0.0.1", _port, ct);

    // The script traps SIGTERM and stops the Erlang VM cleanly; a broker with queues can take a few seconds.
    protected override Task StopProcessAsync(ChildProcess process) => process.TerminateAsync(TimeSpan.FromSeconds(30));

    protected override Task AfterStopAsync() => IsExternal ? Task.CompletedTask : StopOrphanedNodeAsync();

    /// <summary>
    /// Ends a beam.smp whose rabbitmq-server script is gone (killed, or timed out). Found by our environment
    /// marker rather than the pid file, which a failed start of a second node removes; called only when no
    /// script of ours runs, so every beam.smp of this data directory is an orphan.
    /// </summary>
    private async Task StopOrphanedNodeAsync()
    {
        foreach (var pid in Leftovers.FindProcessesOf(Runtime.DataDirectory).Where(p => Leftovers.CommandName(p) == "beam.smp"))
        {
            Log.Write($"[apphost] stopping a beam.smp left running (pid {pid})");
            await Posix.TerminateAsync(pid, TimeSpan.FromSeconds(15));
        }
    }
}
