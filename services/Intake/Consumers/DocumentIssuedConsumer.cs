using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>
/// Keeps the titles of a case's issued documents for public tracking. Stored by case, not application:
/// the receipt is often issued before Intake has heard of the case (CaseOpened travels on another queue).
/// </summary>
public sealed class DocumentIssuedConsumer(IntakeDbContext db) : IConsumer<DocumentIssued>
{
    public async Task Consume(ConsumeContext<DocumentIssued> context)
    {
        var message = context.Message;
        if (await db.CaseDocuments.AnyAsync(d => d.DocumentId == message.DocumentId, context.CancellationToken))
            return;
        db.CaseDocuments.Add(new CaseDocument
        {
            DocumentId = message.DocumentId,
            CaseId = message.CaseId,
            Kind = message.Kind,
            Title = message.Title,
            IssuedAt = message.IssuedAt,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
