using System.Diagnostics;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>
/// Puts every issued document on its case's timeline; the issued reply moves an approved case on
/// (制作 → then the handler records delivery).
/// </summary>
public sealed class DocumentIssuedConsumer(WorkflowDbContext db, TimeProvider clock) : IConsumer<DocumentIssued>
{
    public async Task Consume(ConsumeContext<DocumentIssued> context)
    {
        var message = context.Message;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == message.CaseId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {message.CaseId} not found for document {message.DocumentId}.");
        var traceId = Activity.Current?.TraceId.ToString();
        if (message.Kind == DocumentKinds.Reply && @case.Status == CaseStatus.Approved)
        {
            var before = @case.Status;
            @case.Apply(l => l.IssueDocument(message.DocumentNumber ?? message.Title, ChinaTime.DateOf(message.IssuedAt), message.IssuedAt, "文书服务"), traceId);
            CaseEvents.Publish(db, @case, before, "documents", "文书服务", null, clock.GetUtcNow());
        }
        else
        {
            var number = message.DocumentNumber is null ? "" : $"（{message.DocumentNumber}）";
            @case.Note(message.IssuedAt, "document-issued", $"已出具《{message.Title}》{number}", "文书服务", traceId);
        }
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
