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
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            problem = $"无法读取市级平台当日清单：{ex.Message}";
            logger.LogWarning("Reconciliation of {Day}: the city's manifest could not be read: {Message}", day, ex.Message);
        }
        if (manifest is not null)
        {
            var sent = manifest.SentApplications.ToDictionary(a => a.CityReference, a => a.UnitCode);
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

    /// <summary>Queues every city unit's figures for the month (units that received an application from the city); returns how many were new.</summary>
    public async Task<int> QueueStatisticsAsync(int year, int month, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var units = await db.CityApplications.AsNoTracking().Select(a => a.UnitCode).Distinct().OrderBy(u => u).ToListAsync(ct);
        var queued = 0;
        foreach (var unit in units)
        {
            await using var unitScope = scopes.CreateTenantScope(unit);
            var statistics = await CityCallbacks.StatisticsAsync(unitScope.ServiceProvider.GetRequiredService<IntakeDbContext>(), year, month, ct);
            if (await CityCallbacks.QueueStatisticsAsync(db, unit, statistics, clock.GetUtcNow(), ct))
                queued++;
        }
        return queued;
    }
}

/// <summary>Every night: yesterday's reconciliation; on the 1st also last month's figures for the city.</summary>
public sealed class CityLinkDailyRun(CityReconciler reconciler, IOptions<CityLinkOptions> options, TimeProvider clock, ILogger<CityLinkDailyRun> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CityAddress is null)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().ToOffset(ChinaTime.Offset);
            var next = new DateTimeOffset(DateOnly.FromDateTime(now.DateTime).ToDateTime(options.Value.DailyRunAt), ChinaTime.Offset);
            if (next <= now)
                next = next.AddDays(1);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                var today = ChinaTime.Today(clock);
                var report = await reconciler.ReconcileAsync(today.AddDays(-1), stoppingToken);
                logger.LogInformation("City reconciliation of {Day}: {Count} differences", report.Day, report.Differences.Count);
                if (today.Day == 1)
                {
                    var month = today.AddMonths(-1);
                    logger.LogInformation("Queued {Count} units' figures of {Year}-{Month} for the city",
                        await reconciler.QueueStatisticsAsync(month.Year, month.Month, stoppingToken), month.Year, month.Month);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The city link's nightly run failed; it runs again tomorrow, or on demand");
            }
        }
    }
}
