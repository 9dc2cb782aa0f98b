using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Gongkai.AppHost;
using Gongkai.Contracts;
using Microsoft.Extensions.DependencyInjection;

// The platform runs Debian's PostgreSQL and RabbitMQ: the AppHost, and so these tests, are Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Gongkai.IntegrationTests;

/// <summary>
/// The started AppHost as the tests use it: connection strings (a database's application-role string, its
/// <c>-admin</c> owner string, the broker's URI), service endpoints, recent log lines, and stopping/starting a
/// resource (the broker) through Aspire's own commands.
/// </summary>
public sealed class PlatformApp(DistributedApplication app, string repositoryRoot) : IAsyncDisposable
{
    private const int LogLines = 20_000;
    private readonly ConcurrentDictionary<string, string> _connectionStrings = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    public DistributedApplication Application { get; } = app;

    public string RepositoryRoot { get; } = repositoryRoot;

    /// <summary>Starts the AppHost, and returns once the gateway (which waits for everything) is healthy.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await Application.StartAsync(ct);
        await Application.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, ct);
        // Watched once the resources run, so each watch covers the instances DCP created (a watch started earlier can
        // miss them); log watchers replay what was written before they subscribed, so nothing is lost.
        var model = Application.Services.GetRequiredService<DistributedApplicationModel>();
        var logger = Application.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in model.Resources)
        {
            var lines = _logs.GetOrAdd(resource.Name, _ => new ConcurrentQueue<string>());
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logger.WatchAsync(resource).WithCancellation(_stopping.Token))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue(line.Content);
                            while (lines.Count > LogLines && lines.TryDequeue(out _))
                            {
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }


        // Resolved once: the tests read them synchronously, and they never change during a run.
        foreach (var resource in model.Resources.OfType<IResourceWithConnectionString>())
        {
            _connectionStrings[resource.Name] = await resource.ConnectionStringExpression.GetValueAsync(ct) ?? "";
            if (resource is PostgresDatabaseResource database)
            {
                _connectionStrings[database.Name + ResourceNames.AdminSuffix] = await database.AdminConnectionStringExpression.GetValueAsync(ct) ?? "";
            }
        }
    }

    /// <summary>A database name gives the application role's string, <c>&lt;db&gt;-admin</c> the owner's, a server its superuser's or URI.</summary>
    public string GetConnectionString(string name) =>
        _connectionStrings.TryGetValue(name, out var value) ? value : throw new ArgumentException($"'{name}' has no connection string.", nameof(name));

    /// <summary>The base address of a project, e.g. the gateway's.</summary>
    public Uri GetEndpoint(string projectName) => Application.GetEndpoint(projectName, "http");

    /// <summary>The last (up to 20,000) log lines of a resource; a database gives its server's.</summary>
    public IReadOnlyList<string> GetLogs(string name)
    {
        var model = Application.Services.GetRequiredService<DistributedApplicationModel>();
        if (model.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is PostgresDatabaseResource database)
        {
            name = database.Parent.Name;
        }

        return _logs.TryGetValue(name, out var lines) ? [.. lines] : [];
    }

    /// <summary>Stops a resource with Aspire's stop command (as the dashboard does); it stays stopped until <see cref="StartResourceAsync"/>.</summary>
    public async Task StopResourceAsync(string name)
    {
        var result = await Application.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand);
        Assert.True(result.Success, $"stopping {name}: {result.Message}");
        await Application.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates);
    }

    /// <summary>Starts a resource stopped with <see cref="StopResourceAsync"/>; returns when it is healthy.</summary>
    public async Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var result = await Application.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(result.Success, $"starting {name}: {result.Message}");
        // For a moment the snapshot may still be the stopped instance's (a terminal state), which the health wait reads
        // as "failed to start": wait for the new instance to run first. Bounded, so a start that really fails says so.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await Application.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.Running, timeout.Token);
        await WaitForResourceHealthyAsync(name, timeout.Token);
    }

    /// <summary>
    /// Sends <paramref name="signal"/> to a resource's process — <c>KILL</c>: a crash, no shutdown of its own (an OOM
    /// kill); <c>INT</c> to PostgreSQL: a fast shutdown, as <c>pg_ctl stop -m fast</c> — waits until the orchestrator has
    /// seen it exit, and starts it again; returns when it is healthy. (Aspire's stop command asks PostgreSQL for a smart
    /// shutdown, which waits for every pooled connection and, under load, fails to stop it.)
    /// </summary>
    public async Task SignalAndRestartResourceAsync(string name, string signal = "KILL")
    {
        Assert.True(Application.ResourceNotifications.TryGetCurrentState(name, out var current), $"{name} has no state");
        var pid = current.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.True(pid is int or long or string, $"{name} has no process id");
        using (var kill = System.Diagnostics.Process.Start("kill", ["-s", signal, "--", Convert.ToString(pid, System.Globalization.CultureInfo.InvariantCulture)!])!)
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }
        await Application.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates);
        // The tests' own pooled connections to a server that went away are dead: the next test would get one.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await StartResourceAsync(name);
    }

    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        Application.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Application.DisposeAsync();
    }
}
