using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Infrastructure;

public sealed class AlertOptions
{
    /// <summary>China Standard Time of the nightly scan.</summary>
    public TimeOnly NightlyAt { get; set; } = new(1, 0);
}

/// <summary>
/// Raises due-soon and overdue alerts. Safe with several Workflow instances: an alert row is inserted with
/// ON CONFLICT DO NOTHING on (case, kind, deadline), and only the instance whose insert won publishes the
/// event, in the same transaction. Runs nightly and on demand.
/// </summary>
public sealed class DeadlineAlertScanner(IServiceScopeFactory scopes, CalendarProvider calendars, TimeProvider clock,
    AlertOptions options, ILogger<DeadlineAlertScanner> logger) : NightlyScan(clock, logger)
{
    protected override TimeOnly RunsAt => options.NightlyAt;

    private static readonly CaseStatus[] Finished = [CaseStatus.Delivered, CaseStatus.Closed, CaseStatus.Archived];

    protected override async Task<List<string>> AllUnitsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().KnownTenants.Select(t => t.TenantId).ToListAsync(ct);
    }

    protected override async Task<int> ScanUnitAsync(string tenant, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var calendar = calendars.Current;
        var now = Clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var settings = await db.SettingsAsync(ct);
        var horizon = calendar.Due(today, settings.DueSoonWorkingDays);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => !Finished.Contains(c.Status) && !c.ClockPaused && c.ReplyDue != null && c.ReplyDue <= horizon)
            .ToListAsync(ct);
        var raised = 0;
        foreach (var c in cases)
        {
            var kind = c.ReplyDue < today ? AlertKind.Overdue : AlertKind.DueSoon;
            var inserted = await db.Database.SqlQuery<Guid>($"""
                INSERT INTO case_alerts (id, tenant_id, case_id, kind, deadline, raised_at)
                VALUES ({Guid.NewGuid()}, {tenant}, {c.Id}, {kind.ToString()}, {c.ReplyDue!.Value}, {now})
                ON CONFLICT (case_id, kind, deadline) DO NOTHING
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
                continue;
            var remaining = calendar.WorkingDaysBetween(today, c.ReplyDue.Value);
            var text = kind == AlertKind.Overdue
                ? $"已超过答复期限 {c.ReplyDue:yyyy-MM-dd}（超期 {-remaining} 个工作日）。"
                : $"距答复期限 {c.ReplyDue:yyyy-MM-dd} 还有 {remaining} 个工作日。";
            db.CaseEvents.Add(new CaseEvent { Id = Guid.NewGuid(), CaseId = c.Id, At = now, Kind = kind == AlertKind.Overdue ? "overdue" : "due-soon", Description = text, Actor = "期限提醒" });
            db.AddIntegrationEvent(new CaseDeadlineAlertRaised(c.Id, c.ApplicationId, tenant, c.CaseNumber, kind.ToString(), c.ReplyDue.Value, remaining, now));
            raised++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }
}
