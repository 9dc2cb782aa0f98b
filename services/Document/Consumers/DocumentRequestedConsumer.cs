using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using MassTransit;

namespace Gongkai.Document.Consumers;

/// <summary>
/// Records the document Workflow asked for and makes the first attempt at it; later attempts belong to the
/// retry worker (see <see cref="RequestedDocuments"/>). A redelivered message is skipped by the inbox; a request
/// published again (another message id) by its RequestId.
/// </summary>
public sealed class DocumentRequestedConsumer(RequestedDocuments requests) : IConsumer<DocumentRequested>
{
    public async Task Consume(ConsumeContext<DocumentRequested> context)
    {
        Activity.Current?.SetTag("gongkai.case_number", context.Message.CaseNumber);
        if (await requests.RecordAsync(context.Message, context.CancellationToken) is { } request)
            await requests.AttemptAsync(request, context.CancellationToken);
    }
}

/// <summary>
/// Few requests at a time: drawing a letter is CPU work, so more than a few at once only slow each other down (under load
/// they once waited past the 30 s command timeout). The rest wait in the queue, where waiting costs nothing.
/// </summary>
public sealed class DocumentRequestedConsumerDefinition : ConsumerDefinition<DocumentRequestedConsumer>
{
    public DocumentRequestedConsumerDefinition() => ConcurrentMessageLimit = 4;
}
