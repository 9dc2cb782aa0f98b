using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Supervision;

/// <summary>
/// Computes a unit's indicators for a period from its own rows (row-level security binds every query to the unit). Case
/// figures are two indexed aggregates over <c>supervised_cases</c>: the counts, and the working days as a histogram that a
/// district adds up across its units (<see cref="WorkingDayHistogram"/>).
/// </summary>
public static class IndicatorQueries
{
    public sealed record CaseCounts(long Received, long Closed, long ClosedOnTime, long ClosedLate, long Extended, long CorrectionsRequested,
        long ReviewReturns, long OverdueOpen);

    public sealed record DaysCount(int WorkingDays, long Cases);

    public static async Task<UnitIndicators> ForUnitAsync(PublishingDbContext db, string unitName, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var cases = await CaseFiguresAsync(db, period, today, ct);
        var other = await OtherFiguresAsync(db, period, today, ct);
        return new UnitIndicators(db.Tenant.Required, unitName, period.Code, cases, other);
    }

    public static async Task<CaseFigures> CaseFiguresAsync(PublishingDbContext db, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var (from, to) = (period.From, period.To);
        // Open and overdue is judged at the period's end, or today for the running period.
        var end = to < today ? to : today;
        var counts = (await db.Database.SqlQuery<CaseCounts>($"""
            SELECT count(*) FILTER (WHERE received_on BETWEEN {from} AND {to}) AS "Received",
                   count(*) FILTER (WHERE closed_on BETWEEN {from} AND {to}) AS "Closed",
                   count(*) FILTER (WHERE closed_on BETWEEN {from} AND {to} AND late = false) AS "ClosedOnTime",
                   count(*) FILTER (WHERE closed_on BETWEEN {from} AND {to} AND late = true) AS "ClosedLate",
                   count(*) FILTER (WHERE closed_on BETWEEN {from} AND {to} AND extended) AS "Extended",
                   count(*) FILTER (WHERE closed_on BETWEEN {from} AND {to} AND corrections_requested > 0) AS "CorrectionsRequested",
                   coalesce(sum(review_returns) FILTER (WHERE closed_on BETWEEN {from} AND {to}), 0) AS "ReviewReturns",
                   count(*) FILTER (WHERE received_on <= {end} AND (closed_on IS NULL OR closed_on > {end})
                                    AND due_on < {end} AND (replied_on IS NULL OR replied_on > {end})) AS "OverdueOpen"
            FROM supervised_cases
            WHERE tenant_id = {tenant} AND received_on <= {to} AND (closed_on IS NULL OR closed_on >= {from})
            """).ToListAsync(ct)).Single();
        var days = await db.Database.SqlQuery<DaysCount>($"""
            SELECT working_days AS "WorkingDays", count(*) AS "Cases"
            FROM supervised_cases
            WHERE tenant_id = {tenant} AND closed_on BETWEEN {from} AND {to} AND working_days IS NOT NULL
            GROUP BY working_days
            """).ToListAsync(ct);
        return new CaseFigures(counts.Received, counts.Closed, counts.ClosedOnTime, counts.ClosedLate, counts.Extended, counts.CorrectionsRequested,
            counts.ReviewReturns, counts.OverdueOpen, WorkingDayHistogram.From(days.Select(d => (d.WorkingDays, d.Cases))));
    }

    public static async Task<OtherFigures> OtherFiguresAsync(PublishingDbContext db, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var (from, to) = (period.From, period.To);
        var appealsFiled = await db.Appeals.CountAsync(a => a.FiledOn >= from && a.FiledOn <= to, ct);
        var appealsCorrected = await db.Appeals.CountAsync(a => a.Outcome == AppealOutcome.Corrected && a.DecidedOn >= from && a.DecidedOn <= to, ct);
        var published = db.Items.Where(i => i.FirstPublishedOn >= from && i.FirstPublishedOn <= to);
        var onTime = await published.CountAsync(i => i.FirstPublishedOn <= i.DueOn, ct);
        var late = await published.CountAsync(i => i.FirstPublishedOn > i.DueOn, ct);
        var empty = await db.Obligations.Where(o => o.RetiredAt == null)
            .CountAsync(o => !db.Items.Any(i => i.ObligationId == o.Id && i.State == ItemState.Published), ct);

        // The annual report due in the period's year is last year's.
        var settings = await db.SettingsOrDefaultAsync(ct);
        var reportYear = period.Year - 1;
        var due = ReportDeadline.Due(reportYear, settings.UnitKind, settings.ReportDueMonth, settings.ReportDueDay);
        var publishedOn = await db.AnnualReports.Where(r => r.Year == reportYear && r.PublishedOn != null).MinAsync(r => r.PublishedOn, ct);
        var asOf = period.To < today ? period.To : today;
        var report = ReportDeadline.State(due, asOf, publishedOn is { } p && p <= asOf ? p : null);
        return new OtherFigures(appealsFiled, appealsCorrected, onTime, late, empty, report);
    }

    /// <summary>The unit's name as Identity has it, read through the unit's settings (refreshed at most every few minutes).</summary>
    public static async Task<string> UnitNameAsync(PublishingDbContext db, UnitDirectory units, CancellationToken ct)
    {
        await units.RefreshAsync(db, ct);
        return (await db.SettingsOrDefaultAsync(ct)).UnitName ?? db.Tenant.Required;
    }
}
