using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Document.Issuing;
using Gongkai.Document.Infrastructure;
using MassTransit;

namespace Gongkai.Document.Consumers;

/// <summary>
/// Renders, numbers and stores the document Workflow asked for, and answers with DocumentIssued. A redelivered
/// message is skipped by the inbox; a request published again (another message id) by its RequestId.
/// </summary>
public sealed class DocumentRequestedConsumer(DocumentDbContext db, DocumentIssuer issuer, ILogger<DocumentRequestedConsumer> logger) : IConsumer<DocumentRequested>
{
    public async Task Consume(ConsumeContext<DocumentRequested> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(DocumentRequestedConsumer)))
            return;
        var result = await issuer.IssueAsync(new IssueCommand(message.RequestId, message.CaseId, message.Kind, message.CaseNumber,
            message.ApplicantName, message.ReceivedOn, message.Fields ?? new Dictionary<string, string>()), context.CancellationToken);
        if (result != IssueResult.Issued)
            logger.LogInformation("Request {RequestId} ({Kind}) for case {CaseNumber}: {Result}", message.RequestId, message.Kind, message.CaseNumber, result);
    }
}
