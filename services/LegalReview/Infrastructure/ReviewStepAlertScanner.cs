using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Gongkai.WorkingDays;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.LegalReview.Infrastructure;

/// <summary>
/// Raises ReviewStepOverdue for every pending step that has waited longer than its unit's limit in working days
/// (review time counts against the reply deadline). Once per step: the alert row's key is the step, inserted with
/// ON CONFLICT DO NOTHING, and only the insert that won publishes, in the same transaction. Nightly and on demand.
/// </summary>
public sealed class ReviewStepAlertScanner(IServiceScopeFactory scopes, WorkingDayCalendar calendar, TimeProvider clock,
    ILogger<ReviewStepAlertScanner> logger) : NightlyScan(clock, logger)
{
    protected override TimeOnly RunsAt { get; } = new(1, 30);

    protected override async Task<List<string>> AllUnitsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LegalReviewDbContext>().ReviewingUnits.Select(u => u.TenantId).ToListAsync(ct);
    }

    protected override async Task<int> ScanUnitAsync(string tenant, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<LegalReviewDbContext>();
        var now = Clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var policy = await db.PolicyAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var waiting = await db.Steps.AsNoTracking().Where(s => s.State == ReviewStepState.Pending && s.StartedAt != null)
            .Join(db.Reviews.AsNoTracking(), s => s.ReviewId, r => r.Id, (s, r) => new { s, r }).ToListAsync(ct);
        var raised = 0;
        foreach (var x in waiting)
        {
            var days = calendar.WorkingDaysBetween(ChinaTime.DateOf(x.s.StartedAt!.Value), today);
            if (days <= policy.StepAlertWorkingDays)
                continue;
            var inserted = await db.Database.SqlQuery<Guid>($"""
                INSERT INTO review_step_alerts (step_id, tenant_id, review_id, waiting_working_days, raised_at)
                VALUES ({x.s.Id}, {tenant}, {x.r.Id}, {days}, {now})
                ON CONFLICT (step_id) DO NOTHING
                RETURNING step_id AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
                continue;
            var name = Checklists.StepName(x.s.Kind);
            db.AddIntegrationEvent(new ReviewStepOverdue(x.r.Id, x.r.CaseId, tenant, x.r.CaseNumber, x.s.Number, name, x.s.Role, days, now));
            db.AddIntegrationEvent(new AuditableActionOccurred(tenant, "审查期限提醒", tenant, "review-step-overdue", $"case:{x.r.CaseId}",
                $"{x.r.CaseNumber} 第 {x.r.Round} 轮 {name} 已等待 {days} 个工作日（超过 {policy.StepAlertWorkingDays} 个）", null, now));
            raised++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }
}
