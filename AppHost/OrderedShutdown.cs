using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gongkai.AppHost;

/// <summary>
/// On Ctrl+C or SIGTERM DCP stops every resource at once, so the broker and the database vanish while the services
/// are still draining (MassTransit then waits on a dead connection and a service needs 15 s or more to exit).
/// Registered after Aspire's orchestrator, this hosted service is stopped before it: it stops the projects first
/// (in parallel, bounded), and only then lets DCP stop RabbitMQ and PostgreSQL.
/// </summary>
internal sealed class OrderedShutdown(
    DistributedApplicationModel model,
    ResourceCommandService commands,
    ResourceNotificationService notifications,
    ILogger<OrderedShutdown> logger) : IHostedService
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(model.Resources.OfType<ProjectResource>().Select(project => StopAsync(project, timeout.Token)));
        logger.LogInformation("Services stopped in {Seconds:0.0} s; stopping the servers", clock.Elapsed.TotalSeconds);
    }

    private async Task StopAsync(ProjectResource project, CancellationToken ct)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await commands.ExecuteCommandAsync(project, KnownResourceCommands.StopCommand, ct);
            if (result.Success)
            {
                await notifications.WaitForResourceAsync(project.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), ct);
            }

            logger.LogInformation("{Resource} stopped in {Seconds:0.0} s ({Result})", project.Name, clock.Elapsed.TotalSeconds, result.Success ? "ok" : result.Message);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("{Resource} did not stop within {Seconds} s; DCP stops it with the rest", project.Name, Budget.TotalSeconds);
        }
        catch (Exception e) when (e is InvalidOperationException or DistributedApplicationException)
        {
            // Never started (still waiting) or already gone: nothing to stop.
            logger.LogDebug(e, "{Resource} not stopped first", project.Name);
        }
    }
}
