using System.Diagnostics;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using Gongkai.Document.Rendering;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.Document.Consumers;

/// <summary>
/// Renders a published version of a unit's annual report to PDF and DOCX and, in one transaction, stores both with their
/// SHA-256, makes them downloadable by anyone (<see cref="PublicAnnualReport"/>) and queues AnnualReportRendered. A
/// version is rendered once: a redelivery is skipped by the inbox, the same request published again by the report and
/// version already stored, and a concurrent twin by the primary key (its transaction rolls back, nothing is published).
/// </summary>
public sealed class AnnualReportRenderRequestedConsumer(DocumentDbContext db, PdfReport pdfReport, TimeProvider clock,
    ILogger<AnnualReportRenderRequestedConsumer> logger) : IConsumer<AnnualReportRenderRequested>
{
    public async Task Consume(ConsumeContext<AnnualReportRenderRequested> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (db.Tenant.TenantId != message.TenantId)
            throw new InvalidOperationException($"Annual report {message.ReportId} of unit {message.TenantId} arrived for unit {db.Tenant.TenantId ?? "(none)"}; not rendered.");
        if (await db.AnnualReportFiles.AnyAsync(f => f.ReportId == message.ReportId && f.Version == message.Version, ct))
        {
            logger.LogInformation("Annual report {ReportId} version {Version} was rendered already", message.ReportId, message.Version);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var docx = DocxReport.Render(message.Layout);
        var pdf = pdfReport.Render(message.Layout);
        var title = message.Layout.Title.Trim();
        var file = new AnnualReportFile
        {
            ReportId = message.ReportId,
            Version = message.Version,
            Year = message.Year,
            Title = title.Length > AnnualReportFile.MaxTitleLength ? title[..AnnualReportFile.MaxTitleLength] : title,
            Pdf = pdf,
            PdfSha256 = DocumentIssuer.Sha256(pdf),
            PdfLength = pdf.Length,
            Docx = docx,
            DocxSha256 = DocumentIssuer.Sha256(docx),
            DocxLength = docx.Length,
            RenderedAt = clock.GetUtcNow(),
        };
        db.AnnualReportFiles.Add(file);
        db.PublicAnnualReports.Add(new PublicAnnualReport { ReportId = file.ReportId, Version = file.Version, UnitCode = message.TenantId });
        db.AddIntegrationEvent(new AnnualReportRendered(file.ReportId, message.TenantId, file.Version, file.PdfSha256, file.PdfLength,
            file.DocxSha256, file.DocxLength, file.RenderedAt));
        db.AddIntegrationEvent(new AuditableActionOccurred(message.TenantId, "文书服务", message.TenantId, "annual-report-rendered",
            $"annual-report:{file.ReportId}", $"{file.Title}（第 {file.Version} 版）生成 PDF 和 DOCX 并公开下载", null, file.RenderedAt));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent delivery stored it first; the inbox filter records this message as handled.
            db.ChangeTracker.Clear();
            logger.LogInformation("Annual report {ReportId} version {Version} was rendered concurrently; nothing more to do", message.ReportId, message.Version);
            return;
        }
        logger.LogInformation("Rendered annual report {ReportId} version {Version} of {Year} in {Milliseconds} ms: PDF {PdfBytes} bytes, DOCX {DocxBytes} bytes",
            file.ReportId, file.Version, file.Year, stopwatch.ElapsedMilliseconds, file.PdfLength, file.DocxLength);
    }
}
