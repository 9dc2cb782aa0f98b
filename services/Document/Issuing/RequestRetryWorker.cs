using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Document.Issuing;

/// <summary>
/// Tries due requests again, for every unit, each in its unit's scope (row-level security applies). Several
/// instances share the work: a request is claimed by moving its due time before it is tried.
/// </summary>
public sealed class RequestRetryWorker(IServiceScopeFactory scopes, IOptions<DocumentRequestRetryOptions> options, TimeProvider clock,
    ILogger<RequestRetryWorker> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = 0;
            try
            {
                due = await RetryDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Retrying requested documents failed, trying again shortly: {Message}", ex.Message);
            }
            if (due < BatchSize)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <returns>How many due requests were found.</returns>
    private async Task<int> RetryDueAsync(CancellationToken ct)
    {
        List<DocumentRequestDue> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<DocumentDbContext>().RequestsDue.AsNoTracking()
                .Where(d => d.DueAt <= now).OrderBy(d => d.DueAt).Take(BatchSize).ToListAsync(ct);
        }
        foreach (var request in due)
        {
            await using var scope = scopes.CreateTenantScope(request.TenantId);
            await scope.ServiceProvider.GetRequiredService<RequestedDocuments>().RetryAsync(request.RequestId, ct);
        }
        return due.Count;
    }
}
