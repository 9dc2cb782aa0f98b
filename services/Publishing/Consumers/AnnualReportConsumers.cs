using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.AnnualReports;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Reporting;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Consumers;

/// <summary>
/// Keeps the annual report's count of a case and the district supervision's figures current: the newest revision of
/// Workflow's facts wins. The unit joins the nightly scan, which watches its report deadline.
/// </summary>
public sealed class CaseCountingChangedConsumer(PublishingDbContext db) : IConsumer<CaseCountingChanged>
{
    public async Task Consume(ConsumeContext<CaseCountingChanged> context)
    {
        var m = context.Message;
        await db.RegisterCatalogueUnitAsync(m.ChangedAt, context.CancellationToken);
        if (await db.ReportedCases.SingleOrDefaultAsync(c => c.CaseId == m.CaseId, context.CancellationToken) is { } known)
            known.Take(m);
        else
            db.ReportedCases.Add(ReportedCase.From(m));
        if (await db.SupervisedCases.SingleOrDefaultAsync(c => c.CaseId == m.CaseId, context.CancellationToken) is { } supervised)
            supervised.Take(m);
        else if (SupervisedCase.From(m) is { } added)
            db.SupervisedCases.Add(added);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>
/// The review chain signed off a report: it is published today (China time) exactly as submitted — numbered, hashed, copied
/// to the public table — a correction supersedes the version before it, and Document is asked for the PDF and DOCX.
/// </summary>
public sealed class ReportApprovedConsumer(PublishingDbContext db, UnitDirectory units, TimeProvider clock, ILogger<ReportApprovedConsumer> logger)
    : IConsumer<ReviewApproved>
{
    public async Task Consume(ConsumeContext<ReviewApproved> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Subject != ReviewSubject.AnnualReport)
            return;
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.Id == m.CaseId, ct);
        if (report is null || !report.AwaitsReview(m.Round))
        {
            logger.LogWarning("Review {ReviewId} approved report {ReportId} round {Round}, which does not await that review", m.ReviewId, m.CaseId, m.Round);
            return;
        }
        await units.RefreshAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.SettingsOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var content = report.Submitted! with { UnitName = settings.UnitName ?? report.Submitted!.UnitName };
        var number = ReportAssembler.Number(db.Tenant.Required, report.Year, report.Version);
        var layout = ReportLayoutBuilder.Build(content, number, today, report.CorrectionReason);
        var sha256 = ReportAssembler.Hash(layout);
        report.Publish(number, sha256, today, now, m.ApprovedBy);

        var earlier = await db.AnnualReports.Where(r => r.Year == report.Year && r.State == ReportState.Published && r.Id != report.Id).ToListAsync(ct);
        foreach (var replaced in earlier)
            replaced.Supersede(now, m.ApprovedBy);
        var unit = db.Tenant.Required;
        await db.PublicAnnualReports.Where(p => p.UnitCode == unit && p.Year == report.Year)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Superseded, true), ct);
        db.PublicAnnualReports.Add(new PublicAnnualReport
        {
            ReportId = report.Id, UnitCode = unit, ParentUnitCode = settings.ParentUnitCode, UnitName = content.UnitName, Year = report.Year,
            Version = report.Version, Number = number, PublishedOn = today, PublishedAt = now, Sha256 = sha256, CorrectionReason = report.CorrectionReason,
            Content = content,
        });
        db.AddIntegrationEvent(new AnnualReportRenderRequested(report.Id, unit, report.Year, report.Version, layout, now));
        db.AddIntegrationEvent(new AuditableActionOccurred(unit, m.ApprovedBy, unit, "annual-report-published", $"annual-report:{report.Id}",
            $"公布{report.Year}年度报告（第 {report.Version} 版，{number}，SHA-256 {sha256}）", null, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>A reviewer returned the report: back to draft with the reasons.</summary>
public sealed class ReportReturnedConsumer(PublishingDbContext db, TimeProvider clock, ILogger<ReportReturnedConsumer> logger) : IConsumer<ReviewReturned>
{
    public async Task Consume(ConsumeContext<ReviewReturned> context)
    {
        var m = context.Message;
        if (m.Subject != ReviewSubject.AnnualReport)
            return;
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.Id == m.CaseId, context.CancellationToken);
        if (report is null || !report.AwaitsReview(m.Round))
        {
            logger.LogWarning("Review {ReviewId} returned report {ReportId} round {Round}, which does not await that review", m.ReviewId, m.CaseId, m.Round);
            return;
        }
        var now = clock.GetUtcNow();
        report.Return(m.Reasons, now, m.ReturnedBy);
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, m.ReturnedBy, db.Tenant.Required, "annual-report-returned",
            $"annual-report:{report.Id}", $"{report.Year}年度报告审核退回（第 {m.Round} 轮）：{m.Reasons}", null, now));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>Document stored the PDF and DOCX of a published version: the report and its public copy say so.</summary>
public sealed class AnnualReportRenderedConsumer(PublishingDbContext db) : IConsumer<AnnualReportRendered>
{
    public async Task Consume(ConsumeContext<AnnualReportRendered> context)
    {
        var m = context.Message;
        if (await db.AnnualReports.SingleOrDefaultAsync(r => r.Id == m.ReportId, context.CancellationToken) is not { } report)
            return;
        report.Rendered(m.PdfSha256, m.DocxSha256);
        await db.PublicAnnualReports.Where(p => p.ReportId == m.ReportId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Rendered, true), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
