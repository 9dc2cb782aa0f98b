using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Supervision;

/// <summary>
/// Computes a unit's indicators for a period from its own rows (row-level security binds every query to the unit), in two
/// round trips: the case figures over <c>supervised_cases</c> (working days as a histogram that a district adds up across
/// its units, <see cref="WorkingDayHistogram"/>), and the figures of the unit's other records.
/// </summary>
public static class IndicatorQueries
{
    /// <summary>One row per number of working days among the cases closed in the period, each with the period's scalars.</summary>
    public sealed record CaseRow(long Received, long OverdueOpen, int? WorkingDays, long Closed, long ClosedOnTime, long ClosedLate, long Extended,
        long CorrectionsRequested, long ReviewReturns);

    public sealed record OtherRow(long AppealsFiled, long AppealsCorrected, long ItemsOnTime, long ItemsLate, long EmptyObligations, DateOnly? ReportPublishedOn,
        string? UnitKind, int? ReportDueMonth, int? ReportDueDay);

    public static async Task<UnitIndicators> ForUnitAsync(PublishingDbContext db, string unitName, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var cases = await CaseFiguresAsync(db, period, today, ct);
        var other = await OtherFiguresAsync(db, period, today, ct);
        return new UnitIndicators(db.Tenant.Required, unitName, period.Code, cases, other);
    }

    /// <summary>
    /// One round trip, three index ranges: received (tenant, received_on), closed (tenant, closed_on, covering the columns
    /// counted, grouped by working days for the histogram) and open-and-overdue at the period's end (tenant, due_on).
    /// </summary>
    public static async Task<CaseFigures> CaseFiguresAsync(PublishingDbContext db, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var (from, to) = (period.From, period.To);
        // Open and overdue is judged at the period's end, or today for the running period.
        var end = to < today ? to : today;
        var rows = await db.Database.SqlQuery<CaseRow>($"""
            SELECT s."Received", s."OverdueOpen", g."WorkingDays", coalesce(g."Closed", 0) AS "Closed", coalesce(g."ClosedOnTime", 0) AS "ClosedOnTime",
                   coalesce(g."ClosedLate", 0) AS "ClosedLate", coalesce(g."Extended", 0) AS "Extended",
                   coalesce(g."CorrectionsRequested", 0) AS "CorrectionsRequested", coalesce(g."ReviewReturns", 0) AS "ReviewReturns"
            FROM (SELECT (SELECT count(*) FROM supervised_cases WHERE tenant_id = {tenant} AND received_on BETWEEN {from} AND {to}) AS "Received",
                         (SELECT count(*) FROM supervised_cases WHERE tenant_id = {tenant} AND due_on < {end} AND received_on <= {end}
                                 AND (closed_on IS NULL OR closed_on > {end}) AND (replied_on IS NULL OR replied_on > {end})) AS "OverdueOpen") s
            LEFT JOIN (SELECT working_days AS "WorkingDays", count(*) AS "Closed", count(*) FILTER (WHERE late = false) AS "ClosedOnTime",
                              count(*) FILTER (WHERE late) AS "ClosedLate", count(*) FILTER (WHERE extended) AS "Extended",
                              count(*) FILTER (WHERE corrections_requested > 0) AS "CorrectionsRequested", sum(review_returns) AS "ReviewReturns"
                       FROM supervised_cases WHERE tenant_id = {tenant} AND closed_on BETWEEN {from} AND {to}
                       GROUP BY working_days) g ON true
            """).ToListAsync(ct);
        var first = rows[0];
        return new CaseFigures(first.Received, rows.Sum(r => r.Closed), rows.Sum(r => r.ClosedOnTime), rows.Sum(r => r.ClosedLate), rows.Sum(r => r.Extended),
            rows.Sum(r => r.CorrectionsRequested), rows.Sum(r => r.ReviewReturns), first.OverdueOpen,
            WorkingDayHistogram.From(rows.Where(r => r.WorkingDays is not null).Select(r => (r.WorkingDays!.Value, r.Closed))));
    }

    /// <summary>The figures from the unit's other records in one round trip: appeals, the catalogue, the annual report due in the period's year.</summary>
    public static async Task<OtherFigures> OtherFiguresAsync(PublishingDbContext db, ReportingPeriod period, DateOnly today, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var (from, to) = (period.From, period.To);
        var reportYear = period.Year - 1;
        var row = (await db.Database.SqlQuery<OtherRow>($"""
            SELECT (SELECT count(*) FROM appeals WHERE tenant_id = {tenant} AND filed_on BETWEEN {from} AND {to}) AS "AppealsFiled",
                   (SELECT count(*) FROM appeals WHERE tenant_id = {tenant} AND outcome = 'Corrected' AND decided_on BETWEEN {from} AND {to}) AS "AppealsCorrected",
                   (SELECT count(*) FROM information_items WHERE tenant_id = {tenant} AND first_published_on BETWEEN {from} AND {to}
                           AND first_published_on <= due_on) AS "ItemsOnTime",
                   (SELECT count(*) FROM information_items WHERE tenant_id = {tenant} AND first_published_on BETWEEN {from} AND {to}
                           AND first_published_on > due_on) AS "ItemsLate",
                   (SELECT count(*) FROM standard_obligations o WHERE o.tenant_id = {tenant} AND o.retired_at IS NULL
                           AND NOT EXISTS (SELECT 1 FROM information_items i WHERE i.tenant_id = {tenant} AND i.obligation_id = o.id AND i.state = 'Published'))
                       AS "EmptyObligations",
                   (SELECT min(published_on) FROM annual_reports WHERE tenant_id = {tenant} AND year = {reportYear}) AS "ReportPublishedOn",
                   s.unit_kind AS "UnitKind", s.report_due_month AS "ReportDueMonth", s.report_due_day AS "ReportDueDay"
            FROM (SELECT 1) one LEFT JOIN publishing_settings s ON s.tenant_id = {tenant}
            """).ToListAsync(ct)).Single();
        // The annual report due in the period's year is last year's, judged at the period's end (or today).
        var due = ReportDeadline.Due(reportYear, row.UnitKind, row.ReportDueMonth, row.ReportDueDay);
        var asOf = to < today ? to : today;
        var report = ReportDeadline.State(due, asOf, row.ReportPublishedOn is { } p && p <= asOf ? p : null);
        return new OtherFigures(row.AppealsFiled, row.AppealsCorrected, row.ItemsOnTime, row.ItemsLate, row.EmptyObligations, report);
    }

    /// <summary>The unit's name as Identity has it, read through the unit's settings (refreshed at most every few minutes).</summary>
    public static async Task<string> UnitNameAsync(PublishingDbContext db, UnitDirectory units, CancellationToken ct)
    {
        await units.RefreshAsync(db, ct);
        return (await db.SettingsOrDefaultAsync(ct)).UnitName ?? db.Tenant.Required;
    }
}
