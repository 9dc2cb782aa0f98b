using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Intake.CityLink;

public enum DifferenceKind
{
    /// <summary>The city says it sent the application; Gongkai has no application with its reference.</summary>
    MissingInGongkai,
    /// <summary>Gongkai holds an application of the day that the city does not list as sent.</summary>
    UnknownToCity,
    /// <summary>Both have the reference, but for different units.</summary>
    UnitMismatch,
    /// <summary>A callback of the day is still pending or dead-lettered.</summary>
    NotDelivered,
    /// <summary>The city acknowledged a callback that day but does not list it as received.</summary>
    AcknowledgedButNotRecorded,
}

public sealed record ReconciliationDifference(DifferenceKind Kind, string? CityReference, string? ApplicationNumber, string? UnitCode, Guid? DeliveryId,
    string Explanation);

/// <summary>
/// One day (China Standard Time) compared both ways. Problem is set when the city's manifest could not be read; the city's
/// own counts are null then (unknown, not zero).
/// </summary>
public sealed record ReconciliationReport(DateOnly Day, DateTimeOffset RanAt, int? SentByCity, int ReceivedByGongkai, int CallbacksQueued,
    int CallbacksAcknowledged, int? CallbacksRecordedByCity, IReadOnlyList<ReconciliationDifference> Differences, string? Problem);

/// <summary>
/// Compares a day's traffic with the city's own account of it (its manifest): what the city sent against what Gongkai
/// holds, and what Gongkai sent and the city acknowledged against what the city recorded. The report is kept per day.
/// </summary>
public sealed class CityReconciler(IServiceScopeFactory scopes, CityHttp city, TimeProvider clock, ILogger<CityReconciler> logger)
{
    public async Task<ReconciliationReport> ReconcileAsync(DateOnly day, CancellationToken ct)
    {
        // PostgreSQL's timestamptz takes UTC values only.
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var to = from.AddDays(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var received = await db.CityApplications.AsNoTracking().Where(a => a.ReceivedAt >= from && a.ReceivedAt < to).ToListAsync(ct);
        var queued = await db.CityDeliveries.AsNoTracking().Where(d => d.CreatedAt >= from && d.CreatedAt < to)
            .Select(d => new { d.Id, d.State, d.CityReference, d.ApplicationNumber, d.UnitCode, d.Kind, d.Sequence }).ToListAsync(ct);
        var acknowledged = await db.CityDeliveries.AsNoTracking().Where(d => d.DeliveredAt >= from && d.DeliveredAt < to)
            .Select(d => new { d.Id, d.CityReference, d.ApplicationNumber, d.UnitCode, d.Kind, d.Sequence }).ToListAsync(ct);

        var differences = new List<ReconciliationDifference>();
        differences.AddRange(queued.Where(d => d.State != CityDeliveryState.Delivered).Select(d => new ReconciliationDifference(DifferenceKind.NotDelivered,
            d.CityReference, d.ApplicationNumber, d.UnitCode, d.Id, d.State == CityDeliveryState.DeadLettered
                ? $"{CityCallbacks.Label(d.Kind)}回调 #{d.Sequence} 已转入死信，待运维重放。" : $"{CityCallbacks.Label(d.Kind)}回调 #{d.Sequence} 尚未送达，正在重试。")));
        CityManifest? manifest = null;
        string? problem = null;
        try
        {
            manifest = await city.ManifestAsync(day, ct);
            if (manifest.SentApplications is null || manifest.ReceivedCallbacks is null || manifest.SentApplications.Any(a => a?.CityReference is null))
                throw new JsonException("清单缺少 sentApplications、receivedCallbacks 或申请编号。");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            manifest = null;
            problem = $"无法读取市级平台当日清单：{ex.Message}";
            logger.LogWarning("Reconciliation of {Day}: the city's manifest could not be read: {Message}", day, ex.Message);
        }
        if (manifest is not null)
        {
            // A reference listed twice is one application sent twice (a retry): the last unit named counts.
            var sent = manifest.SentApplications.GroupBy(a => a.CityReference).ToDictionary(g => g.Key, g => g.Last().UnitCode);
            var references = sent.Keys.ToList();
            var held = await db.CityApplications.AsNoTracking().Where(a => references.Contains(a.CityReference)).ToDictionaryAsync(a => a.CityReference, ct);
            foreach (var (reference, unit) in sent)
            {
                if (!held.TryGetValue(reference, out var application))
                    differences.Add(new(DifferenceKind.MissingInGongkai, reference, null, unit, null, "市级平台已推送，本平台没有该申请。"));
                else if (application.UnitCode != unit)
                    differences.Add(new(DifferenceKind.UnitMismatch, reference, application.ApplicationNumber, application.UnitCode, null,
                        $"市级平台记录推送给 {unit}，本平台登记在 {application.UnitCode}。"));
            }
            differences.AddRange(received.Where(a => !sent.ContainsKey(a.CityReference)).Select(a => new ReconciliationDifference(DifferenceKind.UnknownToCity,
                a.CityReference, a.ApplicationNumber, a.UnitCode, null, "本平台当日收到该申请，市级平台清单中没有。")));
            var recorded = manifest.ReceivedCallbacks.ToHashSet();
            differences.AddRange(acknowledged.Where(d => !recorded.Contains(d.Id)).Select(d => new ReconciliationDifference(DifferenceKind.AcknowledgedButNotRecorded,
                d.CityReference, d.ApplicationNumber, d.UnitCode, d.Id, $"{CityCallbacks.Label(d.Kind)}回调 #{d.Sequence} 已获确认，市级平台清单中没有。")));
        }
        var report = new ReconciliationReport(day, clock.GetUtcNow(), manifest?.SentApplications.Count, received.Count, queued.Count, acknowledged.Count,
            manifest?.ReceivedCallbacks.Count, differences, problem);
        var json = JsonSerializer.Serialize(report, CityCallbacks.Json);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO city_reconciliations (day, ran_at, report) VALUES ({day}, {report.RanAt}, CAST({json} AS jsonb))
            ON CONFLICT (day) DO UPDATE SET ran_at = excluded.ran_at, report = excluded.report
            """, ct);
        return report;
    }

    public async Task<ReconciliationReport?> ReadAsync(DateOnly day, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var row = await db.CityReconciliations.AsNoTracking().SingleOrDefaultAsync(r => r.Day == day, ct);
        return row is null ? null : JsonSerializer.Deserialize<ReconciliationReport>(row.Report, CityCallbacks.Json);
    }

    /// <summary>Forgets nonces older than twice the replay window: a request that old is refused by its timestamp anyway.</summary>
    public async Task<int> ForgetOldNoncesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var before = clock.GetUtcNow() - CitySignature.ReplayWindow * 2;
        return await db.Database.ExecuteSqlAsync($"DELETE FROM city_nonces WHERE seen_at < {before}", ct);
    }

    /// <summary>Queues every city unit's figures for the month (units that received an application from the city); returns how many were new.</summary>
    public async Task<int> QueueStatisticsAsync(int year, int month, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var units = await db.CityApplications.AsNoTracking().Select(a => a.UnitCode).Distinct().OrderBy(u => u).ToListAsync(ct);
        var queued = 0;
        foreach (var unit in units)
        {
            // Queued once per unit and month: a month already queued is not counted again.
            var id = CityCallbacks.StatisticsId(unit, year, month);
            if (await db.CityDeliveries.AnyAsync(d => d.Id == id, ct))
                continue;
            await using var unitScope = scopes.CreateTenantScope(unit);
            var statistics = await CityCallbacks.StatisticsAsync(unitScope.ServiceProvider.GetRequiredService<IntakeDbContext>(), year, month, ct);
            if (await CityCallbacks.QueueStatisticsAsync(db, unit, statistics, clock.GetUtcNow(), ct))
                queued++;
        }
        return queued;
    }
}

/// <summary>
/// Every night: yesterday's reconciliation, last month's figures for the city (queued once per unit and month, so a night
/// that failed or found no instance running is caught up the next), and old nonces forgotten. Each step on its own.
/// </summary>
public sealed class CityLinkDailyRun(CityReconciler reconciler, IOptions<CityLinkOptions> options, TimeProvider clock, ILogger<CityLinkDailyRun> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ChinaTime.UntilNext(options.Value.DailyRunAt, clock), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var today = ChinaTime.Today(clock);
            var month = today.AddMonths(-1);
            if (options.Value.CityAddress is not null)
            {
                await StepAsync("reconciliation", async () => (await reconciler.ReconcileAsync(today.AddDays(-1), stoppingToken)).Differences.Count, stoppingToken);
                await StepAsync("monthly figures", () => reconciler.QueueStatisticsAsync(month.Year, month.Month, stoppingToken), stoppingToken);
            }
            await StepAsync("nonce cleanup", () => reconciler.ForgetOldNoncesAsync(stoppingToken), stoppingToken);
        }
    }

    private async Task StepAsync(string step, Func<Task<int>> run, CancellationToken ct)
    {
        try
        {
            logger.LogInformation("City link nightly {Step}: {Count}", step, await run());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "City link nightly {Step} failed; it runs again tomorrow, or on demand", step);
        }
    }
}
