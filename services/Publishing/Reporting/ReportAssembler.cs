using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Reporting;

/// <summary>Gathers one unit's report for a year from its own data: the counted applications, appeals, catalogue and fees.</summary>
public static class ReportAssembler
{
    public static async Task<ReportContent> ContentAsync(PublishingDbContext db, int year, ProactiveTable proactive, ReportSections sections,
        CancellationToken ct)
    {
        var settings = await db.SettingsOrDefaultAsync(ct);
        var cases = await db.ReportedCases.AsNoTracking().ToListAsync(ct);
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.FiledOn >= new DateOnly(year, 1, 1) && a.FiledOn <= new DateOnly(year, 12, 31)).ToListAsync(ct);
        return new ReportContent(year, db.Tenant.Required, settings.UnitName ?? db.Tenant.Required, ApplicationTable.Count(year, cases),
            AppealTable.Count(year, appeals), proactive, sections, await FiguresAsync(db, year, cases, ct));
    }

    private static async Task<ReportFigures> FiguresAsync(PublishingDbContext db, int year, List<ReportedCase> cases, CancellationToken ct)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var published = await db.Items.CountAsync(i => i.FirstPublishedOn >= from && i.FirstPublishedOn <= to, ct);
        var fees = cases.Select(c => c.Fee).OfType<CountedFee>().ToList();
        return new ReportFigures(published, fees.Count(f => f.IssuedOn.Year == year), fees.Where(f => f.PaidOn?.Year == year).Sum(f => f.Amount));
    }

    /// <summary>Last year's published report and the texts a copy would come from: that report and the sibling units' of this year.</summary>
    public static async Task<CheckContext> CheckContextAsync(PublishingDbContext db, int year, CancellationToken ct)
    {
        var settings = await db.SettingsOrDefaultAsync(ct);
        var unit = db.Tenant.Required;
        var lastYear = await db.PublicAnnualReports.AsNoTracking().Where(r => r.UnitCode == unit && r.Year == year - 1 && !r.Superseded)
            .Select(r => r.Content).FirstOrDefaultAsync(ct);
        var siblings = settings.ParentUnitCode is { } parent
            ? await db.PublicAnnualReports.AsNoTracking().Where(r => r.ParentUnitCode == parent && r.Year == year && r.UnitCode != unit && !r.Superseded)
                .Select(r => new { r.UnitName, r.Content }).ToListAsync(ct)
            : [];
        var comparables = new List<(string, ReportSections)>();
        if (lastYear is not null)
            comparables.Add(($"本单位{year - 1}年度报告", lastYear.Sections));
        comparables.AddRange(siblings.Select(s => ($"{s.UnitName}{year}年度报告", s.Content.Sections)));
        return new CheckContext(lastYear, comparables, settings.ReportSimilarityThreshold ?? CheckContext.DefaultSimilarityThreshold);
    }

    /// <summary>The published hash: SHA-256 of the layout as JSON (what is printed, in print order).</summary>
    public static string Hash(ReportLayout layout) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(layout, PublishingDbContext.Json))));

    public static string Number(string unit, int year, int version) => $"{unit}-NB{year}-{version:D2}";
}
