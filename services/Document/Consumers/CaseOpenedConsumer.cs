using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using MassTransit;

namespace Gongkai.Document.Consumers;

/// <summary>Every opened case gets its registration receipt (回执).</summary>
public sealed class CaseOpenedConsumer(DocumentDbContext db, TimeProvider clock) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(CaseOpenedConsumer)))
            return;
        var receipt = new IssuedDocument
        {
            Id = Guid.NewGuid(),
            CaseId = message.CaseId,
            Kind = IssuedDocument.ReceiptKind,
            Title = IssuedDocument.ReceiptTitle,
            IssuedAt = clock.GetUtcNow(),
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        db.Documents.Add(receipt);
        db.AddIntegrationEvent(new DocumentIssued(receipt.Id, receipt.CaseId, db.Tenant.Required, receipt.Kind, receipt.Title, receipt.IssuedAt));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, "文书服务", db.Tenant.Required, "document-issued",
            $"document:{receipt.Id}", $"{receipt.Title}（案件 {message.CaseNumber}）", null, receipt.IssuedAt));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
