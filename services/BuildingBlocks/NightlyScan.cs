using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gongkai.BuildingBlocks;

/// <summary>
/// A scan that runs every night at a China Standard Time of day and also on demand. A failed night is logged and
/// simply tried again the next night (or on demand); the scans themselves are idempotent, so several instances
/// running it at the same moment is harmless.
/// </summary>
public abstract class NightlyScan(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeOnly RunsAt { get; }

    /// <summary>Scans every unit (or only <paramref name="tenants"/>), one after another; returns how many alerts it raised.</summary>
    public async Task<int> ScanAsync(IEnumerable<string>? tenants, CancellationToken ct)
    {
        var raised = 0;
        foreach (var tenant in tenants?.ToList() ?? await AllUnitsAsync(ct))
            raised += await ScanUnitAsync(tenant, ct);
        return raised;
    }

    /// <summary>The units this service has seen (those a nightly scan covers).</summary>
    protected abstract Task<List<string>> AllUnitsAsync(CancellationToken ct);

    /// <summary>Scans one unit in its own tenant scope; returns how many alerts it raised.</summary>
    protected abstract Task<int> ScanUnitAsync(string tenant, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ChinaTime.UntilNext(RunsAt, Clock), Clock, stoppingToken);
                logger.LogInformation("Nightly {Scan} raised {Count} alerts", GetType().Name, await ScanAsync(null, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Nightly {Scan} failed; it runs again tomorrow, or on demand", GetType().Name);
            }
        }
    }
}
