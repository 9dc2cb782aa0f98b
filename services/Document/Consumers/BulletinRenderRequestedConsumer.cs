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
/// Renders a district's published 通报 to PDF and DOCX and, in one transaction, stores both with their SHA-256 and queues
/// BulletinRendered. Rendered once: a redelivery is skipped by the inbox, a repeat by the stored row, a concurrent twin by
/// the primary key.
/// </summary>
public sealed class BulletinRenderRequestedConsumer(DocumentDbContext db, PdfReport pdfReport, TimeProvider clock) : IConsumer<BulletinRenderRequested>
{
    public async Task Consume(ConsumeContext<BulletinRenderRequested> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (db.Tenant.TenantId != message.TenantId)
            throw new InvalidOperationException($"Bulletin {message.BulletinId} of unit {message.TenantId} arrived for unit {db.Tenant.TenantId ?? "(none)"}; not rendered.");
        if (await db.BulletinFiles.AnyAsync(f => f.BulletinId == message.BulletinId, ct))
            return;
        var docx = DocxReport.Render(message.Layout);
        var pdf = pdfReport.Render(message.Layout);
        var title = message.Layout.Title.Trim();
        var file = new BulletinFile
        {
            BulletinId = message.BulletinId,
            Number = message.Number,
            Title = title.Length > AnnualReportFile.MaxTitleLength ? title[..AnnualReportFile.MaxTitleLength] : title,
            Pdf = pdf,
            PdfSha256 = DocumentIssuer.Sha256(pdf),
            Docx = docx,
            DocxSha256 = DocumentIssuer.Sha256(docx),
            RenderedAt = clock.GetUtcNow(),
        };
        db.BulletinFiles.Add(file);
        db.AddIntegrationEvent(new BulletinRendered(file.BulletinId, message.TenantId, file.PdfSha256, pdf.Length, file.DocxSha256, docx.Length, file.RenderedAt));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // a concurrent delivery stored it first
        }
    }
}
