using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Catalogue;

public sealed class PublicationAlertOptions
{
    /// <summary>China Standard Time of the nightly scan.</summary>
    public TimeOnly NightlyAt { get; set; } = new(1, 30);
}

/// <summary>
/// Raises PublicationDueSoon and PublicationOverdue for proactive items not yet published (draft or under review) whose
/// Art. 26 due date is near or past. Once per item, kind and due date, however many Publishing instances scan: the alert
/// row is inserted with ON CONFLICT DO NOTHING and only the instance whose insert won publishes the event, in the same
/// transaction. A new version has a new due date, so it is alerted afresh. Runs nightly and on demand. The same scan
/// raises AnnualReportDeadlineAlertRaised while last year's annual report is due soon or overdue and unpublished.
/// </summary>
public sealed class PublicationAlertScanner(IServiceScopeFactory scopes, WorkingDayCalendar calendar, TimeProvider clock,
    PublicationAlertOptions options, ILogger<PublicationAlertScanner> logger) : NightlyScan(clock, logger)
{
    protected override TimeOnly RunsAt => options.NightlyAt;

    protected override async Task<List<string>> AllUnitsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PublishingDbContext>().CatalogueUnits.Select(u => u.TenantId).ToListAsync(ct);
    }

    protected override async Task<int> ScanUnitAsync(string tenant, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<PublishingDbContext>();
        // The report deadline depends on the unit's kind (Identity's tree).
        await scope.ServiceProvider.GetRequiredService<UnitDirectory>().RefreshAsync(db, ct);
        var now = Clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var settings = await db.SettingsOrDefaultAsync(ct);
        var horizon = settings.DueSoonWorkingDays == 0 ? today : calendar.Due(today, settings.DueSoonWorkingDays);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var items = await db.Items.AsNoTracking()
            // An interpretation waiting for its policy is not published yet either: its Art. 26 clock runs on.
            .Where(i => (i.State == ItemState.Draft || i.State == ItemState.UnderReview || i.State == ItemState.AwaitingPolicy) && i.Mode == DisclosureMode.Proactive && i.DueOn <= horizon)
            .Select(i => new { i.Id, i.Title, i.DueOn })
            .ToListAsync(ct);
        var raised = 0;
        foreach (var item in items)
        {
            var kind = item.DueOn < today ? "Overdue" : "DueSoon";
            var inserted = await db.Database.SqlQuery<Guid>($"""
                INSERT INTO publication_alerts (id, tenant_id, item_id, kind, due_on, raised_at)
                VALUES ({Guid.NewGuid()}, {tenant}, {item.Id}, {kind}, {item.DueOn}, {now})
                ON CONFLICT (item_id, kind, due_on) DO NOTHING
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
                continue;
            var remaining = calendar.WorkingDaysBetween(today, item.DueOn);
            if (kind == "Overdue")
                db.AddIntegrationEvent(new PublicationOverdue(item.Id, tenant, item.Title, item.DueOn, -remaining, now));
            else
                db.AddIntegrationEvent(new PublicationDueSoon(item.Id, tenant, item.Title, item.DueOn, remaining, now));
            raised++;
        }
        raised += await ReportDeadlineAsync(db, settings, tenant, today, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return raised;
    }

    private static async Task<int> ReportDeadlineAsync(PublishingDbContext db, PublishingSettings settings, string tenant, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var year = today.Year - 1;
        var due = ReportDeadline.Due(year, settings.UnitKind, settings.ReportDueMonth, settings.ReportDueDay);
        var publishedOn = await db.AnnualReports.Where(r => r.Year == year && r.PublishedOn != null).MinAsync(r => r.PublishedOn, ct);
        var kind = ReportDeadline.State(due, today, publishedOn) switch
        {
            ReportDeadlineState.DueSoon => "ReportDueSoon",
            ReportDeadlineState.Overdue => "ReportOverdue",
            _ => null,
        };
        if (kind is null)
            return 0;
        // The alert row's key: one per unit and year, whether or not a draft exists yet.
        var key = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"annual-report:{tenant}:{year}")));
        var inserted = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO publication_alerts (id, tenant_id, item_id, kind, due_on, raised_at)
            VALUES ({Guid.NewGuid()}, {tenant}, {key}, {kind}, {due}, {now})
            ON CONFLICT (item_id, kind, due_on) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (inserted.Count == 0)
            return 0;
        db.AddIntegrationEvent(new AnnualReportDeadlineAlertRaised(tenant, year, kind == "ReportOverdue" ? "Overdue" : "DueSoon", due, now));
        return 1;
    }
}
