using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>Puts every issued document on its case's timeline.</summary>
public sealed class DocumentIssuedConsumer(WorkflowDbContext db) : IConsumer<DocumentIssued>
{
    public async Task Consume(ConsumeContext<DocumentIssued> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(DocumentIssuedConsumer)))
            return;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == message.CaseId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {message.CaseId} not found for document {message.DocumentId}.");
        @case.Note(message.IssuedAt, "document-issued", $"已出具《{message.Title}》", "文书服务", Activity.Current?.TraceId.ToString());
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
