using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Gongkai.AppHost.Hosting;

/// <summary>
/// A built application: starts every resource in dependency order, keeps them running, and stops them
/// in reverse (projects, then the broker, then the database). Used by the AppHost (<see cref="RunAsync"/>)
/// and by test fixtures (<see cref="StartAsync"/> + <see cref="DisposeAsync"/>).
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly AppRuntime _runtime;
    private readonly List<ManagedResource> _runners = [];
    private readonly Dictionary<string, (PostgresRunner Server, PostgresDatabaseResource Database)> _databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private Dashboard? _dashboard;
    private int _started;
    private bool _claimed;
    private bool _stopped;

    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        try
        {
            return CreateBuilder(DistributedApplicationOptions.FromCommandLine(args));
        }
        catch (ArgumentException e)
        {
            // A typo on the command line deserves one line, not a stack trace.
            Console.Error.WriteLine(e.Message);
            Environment.Exit(2);
            throw;
        }
    }

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new DistributedApplicationBuilder(options);

    internal DistributedApplication(DistributedApplicationOptions options, IReadOnlyList<IResource> resources)
    {
        var repositoryRoot = Path.GetFullPath(options.RepositoryRoot ?? FindRepositoryRoot());
        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(
            options.DataDirectory
            ?? (options.Ephemeral ? Path.Combine(Leftovers.EphemeralRoot, Guid.NewGuid().ToString("N")) : Path.Combine(repositoryRoot, ".gongkai"))));
        _runtime = new AppRuntime(options, repositoryRoot, dataDirectory);

        // Servers first, then projects, in the order they were added: that is also the order of the summary table.
        foreach (var resource in resources.OrderBy(r => r is ProjectResource))
        {
            switch (resource)
            {
                case PostgresServerResource postgres:
                    var server = new PostgresRunner(postgres, _runtime);
                    _runners.Add(server);
                    foreach (var database in postgres.Databases)
                    {
                        _databases[database.Name] = (server, database);
                    }

                    break;
                case RabbitMQServerResource rabbit:
                    _runners.Add(new RabbitMQRunner(rabbit, _runtime));
                    break;
                case ProjectResource project:
                    _runners.Add(new ProjectRunner(project, _runtime, ProjectEnvironment));
                    break;
            }
        }

        foreach (var project in _runners.OfType<ProjectRunner>())
        {
            project.Dependencies.AddRange(project.Resource.WaitsFor.Select(Runner).Distinct());
        }
    }

    public DistributedApplicationOptions Options => _runtime.Options;

    public string DataDirectory => _runtime.DataDirectory;

    public string RepositoryRoot => _runtime.RepositoryRoot;

    /// <summary>Starts everything; returns when all resources are healthy, or throws with the failing resource's last log lines.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The application was already started.");
        }

        var clock = Stopwatch.StartNew();
        var projects = _runners.OfType<ProjectRunner>().ToList();
        var unbuilt = projects.Where(p => !File.Exists(p.DllPath)).ToList();
        if (unbuilt.Count > 0)
        {
            // Checked before any server starts, so the mistake costs no time.
            throw new DistributedApplicationException(
                "Not built (run ./build.sh first): " + string.Join(", ", unbuilt.Select(p => $"{p.Name} ({p.DllPath} is missing)")));
        }

        if (Options.Ephemeral)
        {
            await Leftovers.CleanEphemeralRootAsync(DataDirectory, Info);
        }

        Directory.CreateDirectory(_runtime.RunDirectory);
        Directory.CreateDirectory(_runtime.LogDirectory);
        await Leftovers.ClaimAsync(DataDirectory, _runtime.RunDirectory, Info);
        _claimed = true;

        AssignPorts();
        StartDashboard();

        Info($"starting {_runners.Count} resources (data: {DataDirectory})");
        var starts = _runners.Select(r => r.StartAsync(cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DistributedApplicationException(DescribeFailures());
        }

        PrintSummary(clock.Elapsed);
    }

    /// <summary>Waits for Ctrl+C or SIGTERM, then stops everything. Failures to start set exit code 1.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            // Cancel = keep the process alive: we exit ourselves once everything is stopped in order.
            context.Cancel = true;
            _runtime.Console.Info($"{context.Signal} received, stopping…", force: true);
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        try
        {
            await StartAsync(shutdown.Token);
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM.
        }
        catch (DistributedApplicationException e)
        {
            _runtime.Console.Info(e.Message, force: true);
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync();
        }

        _runtime.Console.Info("stopped", force: true);
    }

    /// <summary>Stops projects, then RabbitMQ, then PostgreSQL; afterwards no process of this run is left.</summary>
    public async Task StopAsync()
    {
        await _stopGate.WaitAsync();
        try
        {
            if (_stopped || _started == 0)
            {
                return;
            }

            _stopped = true;
            if (!_claimed)
            {
                // Start failed before owning the data directory (e.g. another AppHost owns it): touch nothing.
                return;
            }

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(_runners.OfType<ProjectRunner>().Select(r => r.StopAsync()));
            await Task.WhenAll(_runners.OfType<RabbitMQRunner>().Select(r => r.StopAsync()));
            await Task.WhenAll(_runners.OfType<PostgresRunner>().Select(r => r.StopAsync()));
            // Safety net: anything still carrying our marker (a grandchild nobody waited for) goes too.
            await Leftovers.StopProcessesOfAsync(DataDirectory, Info);
            Leftovers.Release(_runtime.RunDirectory);

            _dashboard?.Dispose();
            foreach (var runner in _runners)
            {
                runner.Log.Dispose();
            }

            Info($"all resources stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            _stopGate.Release();
        }
    }

    /// <summary>Stops everything; in <see cref="DistributedApplicationOptions.Ephemeral"/> mode also deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Options.Ephemeral && _claimed && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>Stops one resource on purpose (e.g. the broker, to test recovery); it stays stopped until <see cref="StartResourceAsync"/>.</summary>
    public Task StopResourceAsync(string name) => Runner(name).StopAsync();

    /// <summary>Starts a resource stopped with <see cref="StopResourceAsync"/>; returns when it is healthy.</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        Runner(name).StartAsync(cancellationToken);

    /// <summary>Returns when the resource is healthy (e.g. after a restart); throws if it failed.</summary>
    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        Runner(name).WaitForHealthyAsync(cancellationToken);

    /// <summary>The base address of a project, e.g. http://127.0.0.1:8080 for the gateway.</summary>
    public Uri GetEndpoint(string projectName) =>
        Runner(projectName) is ProjectRunner { Port: > 0 } project
            ? project.Url
            : throw new InvalidOperationException($"'{projectName}' is not a project, or the application is not started.");

    /// <summary>
    /// The connection string handed to services: a database name gives the application role's,
    /// <c>&lt;database&gt;-admin</c> the owner's, a server name the superuser's or the broker's URI.
    /// </summary>
    public string GetConnectionString(string resourceOrDatabaseName)
    {
        if (_started == 0)
        {
            throw new InvalidOperationException("Connection strings are known once the application is started.");
        }

        var name = resourceOrDatabaseName;
        if (_databases.TryGetValue(name, out var db))
        {
            return db.Server.DatabaseConnectionString(db.Database, admin: false);
        }

        if (name.EndsWith("-admin", StringComparison.OrdinalIgnoreCase) && _databases.TryGetValue(name[..^6], out db))
        {
            return db.Server.DatabaseConnectionString(db.Database, admin: true);
        }

        return Runner(name) switch
        {
            PostgresRunner postgres => postgres.ServerConnectionString,
            RabbitMQRunner rabbit => rabbit.ConnectionString,
            _ => throw new InvalidOperationException($"'{name}' has no connection string."),
        };
    }

    /// <summary>The last (up to 500) log lines of a resource, for test diagnostics; a database gives its server's.</summary>
    public IReadOnlyList<string> GetLogs(string name) =>
        (_databases.TryGetValue(name, out var db) ? db.Server : Runner(name)).Log.Tail();

    /// <summary>The state of every resource now (databases follow their server).</summary>
    public IReadOnlyList<ResourceState> Snapshot()
    {
        var states = new List<ResourceState>();
        foreach (var runner in _runners)
        {
            var state = runner.Snapshot();
            states.Add(state);
            if (runner is PostgresRunner)
            {
                states.AddRange(_databases.Values.Where(d => d.Server == runner).Select(d =>
                    state with { Name = d.Database.Name, Type = "PostgreSQL database", Endpoint = $"{state.Endpoint}/{d.Database.DatabaseName}" }));
            }
        }

        return states;
    }

    private bool Exists(string name) =>
        _databases.ContainsKey(name) || _runners.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private ManagedResource Runner(string name) =>
        _runners.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));

    // Waiting for a database means waiting for its server, which reports healthy only once the databases exist.
    private ManagedResource Runner(IResource resource) =>
        resource is PostgresDatabaseResource database ? Runner(database.Parent.Name) : Runner(resource.Name);

    /// <summary>Aspire's configuration contract, so services run unchanged under a real Aspire AppHost.</summary>
    private Dictionary<string, string?> ProjectEnvironment(ProjectRunner project)
    {
        var environment = _runtime.ChildEnvironment();
        environment["ASPNETCORE_URLS"] = project.Endpoint;
        // These would add listeners next to ASPNETCORE_URLS if inherited from the AppHost's environment.
        environment["ASPNETCORE_HTTP_PORTS"] = null;
        environment["ASPNETCORE_HTTPS_PORTS"] = null;
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Options.OtlpEndpoint;
        // One line per log entry: the console, the log files and the dashboard are all line-oriented.
        // (SingleLine is only honoured with the formatter named explicitly.)
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        foreach (var reference in project.Resource.References)
        {
            switch (reference)
            {
                case PostgresDatabaseResource database:
                    var server = (PostgresRunner)Runner(database.Parent.Name);
                    environment[$"ConnectionStrings__{database.Name}"] = server.DatabaseConnectionString(database, admin: false);
                    environment[$"ConnectionStrings__{database.Name}-admin"] = server.DatabaseConnectionString(database, admin: true);
                    break;
                case PostgresServerResource postgres:
                    environment[$"ConnectionStrings__{postgres.Name}"] = ((PostgresRunner)Runner(postgres.Name)).ServerConnectionString;
                    break;
                case RabbitMQServerResource rabbit:
                    environment[$"ConnectionStrings__{rabbit.Name}"] = ((RabbitMQRunner)Runner(rabbit.Name)).ConnectionString;
                    break;
                case ProjectResource other:
                    environment[$"services__{other.Name}__http__0"] = ((ProjectRunner)Runner(other.Name)).Endpoint;
                    break;
            }
        }

        foreach (var (name, value) in project.Resource.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Fixed ports are checked up front (a clear message beats a crash loop); the rest are free loopback ports.</summary>
    private void AssignPorts()
    {
        var wanted = new List<(string Name, int Port, Action<int> Assign)>();
        foreach (var runner in _runners)
        {
            switch (runner)
            {
                case { IsExternal: true }:
                    // External servers keep the address in their connection string.
                    (runner as PostgresRunner)?.Configure(0);
                    break;
                case PostgresRunner postgres:
                    wanted.Add((postgres.Name, Options.PostgresPort ?? (Options.Ephemeral ? 0 : 5433), postgres.Configure));
                    break;
                case RabbitMQRunner rabbit:
                    wanted.Add((rabbit.Name, Options.RabbitMQPort ?? (Options.Ephemeral ? 0 : 5673), rabbit.Configure));
                    break;
                case ProjectRunner project:
                    var port = project.Name == "gateway" && Options.GatewayPort is { } gatewayPort ? gatewayPort : project.Resource.HttpPort ?? 0;
                    wanted.Add((project.Name, port, p => project.Port = p));
                    break;
            }
        }

        var busy = wanted.Where(w => w.Port != 0 && Ports.IsInUse(w.Port)).Select(w => $"{w.Port} ({w.Name})").ToList();
        if (busy.Count > 0)
        {
            throw new DistributedApplicationException(
                $"Port(s) already in use: {string.Join(", ", busy)}. Stop what uses them, or choose others (--gateway-port, --postgres-port, --rabbitmq-port).");
        }

        var free = new Queue<int>(Ports.Free(wanted.Count(w => w.Port == 0)));
        foreach (var (_, port, assign) in wanted)
        {
            assign(port != 0 ? port : free.Dequeue());
        }
    }

    private void StartDashboard()
    {
        if (Options.DashboardPort == 0)
        {
            return;
        }

        try
        {
            _dashboard = new Dashboard(Options.DashboardPort, Snapshot, name => Exists(name) ? GetLogs(name) : null);
            _dashboard.Start();
        }
        catch (Exception e) when (e is System.Net.HttpListenerException or InvalidOperationException)
        {
            // The dashboard is a convenience; a busy port must not keep the platform from starting.
            Info($"dashboard not started on port {Options.DashboardPort}: {e.Message}");
            _dashboard = null;
        }
    }

    private string DescribeFailures()
    {
        var text = new StringBuilder("The platform did not start.");
        foreach (var runner in _runners.Where(r => r.Status == ResourceStatus.Failed))
        {
            text.AppendLine().Append(runner.Failure is { Message: var m } && m.StartsWith("not started", StringComparison.Ordinal)
                ? $"Resource '{runner.Name}' {m}."
                : runner.FailureMessage(runner.Failure?.Message ?? "failed"));
        }

        return text.ToString();
    }

    private void PrintSummary(TimeSpan elapsed)
    {
        if (!_runtime.Console.Enabled)
        {
            return;
        }

        var text = new StringBuilder().AppendLine();
        text.AppendLine($"  {"Resource",-14} {"State",-10} {"Endpoint",-28} {"PID",-8} {"Ready in",8}");
        foreach (var state in Snapshot())
        {
            var ready = _runners.FirstOrDefault(r => r.Name == state.Name)?.TimeToHealthy is { } t ? $"{t.TotalSeconds:0.0} s" : "";
            text.AppendLine($"  {state.Name,-14} {state.State,-10} {state.Endpoint,-28} {state.Pid,-8} {ready,8}");
        }

        text.AppendLine().AppendLine($"  Platform healthy in {elapsed.TotalSeconds:0.0} s");
        if (_runners.OfType<ProjectRunner>().FirstOrDefault(p => p.Name == "gateway") is { } gateway)
        {
            text.AppendLine($"  Gateway: {gateway.Endpoint}");
        }

        if (_dashboard is not null)
        {
            text.AppendLine($"  Dashboard: {_dashboard.Url}");
        }

        Console.Out.Write(text.ToString());
    }

    private void Info(string message) => _runtime.Console.Info(message);

    /// <summary>The folder holding Platform.sln, above the binaries (bin/Debug/net10.0) or the current directory.</summary>
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DistributedApplicationException(
            $"Platform.sln not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; set DistributedApplicationOptions.RepositoryRoot.");
    }
}
