using Gongkai.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gongkai.BuildingBlocks.Messaging;

/// <summary>
/// Every consumer processes a message once. The filter runs in the consumer's scope and adds an inbox row for
/// (message id, queue) to the service's DbContext, so it commits in the same SaveChanges (and transaction) as the
/// consumer's effects; a message already in the inbox (a redelivery) does not reach the consumer. Each queue has
/// one consumer, so the queue names it. Two concurrent deliveries both pass the check, but the second insert
/// violates the inbox's primary key, its transaction rolls back and the retry finds the first one's row.
/// </summary>
public sealed class InboxFilter<T>(ServiceDbContext db, ILogger<InboxFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without MessageId cannot be deduplicated.");
        var consumer = ConsumerOf(context.ReceiveContext.InputAddress);
        if (await IsRecordedAsync(messageId, consumer, context.CancellationToken))
        {
            logger.LogInformation("Message {MessageId} was processed by {Consumer} already; skipped", messageId, consumer);
            return;
        }
        var row = new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow };
        db.InboxMessages.Add(row);
        await next.Send(context);
        // A consumer with nothing to change saved nothing, and one that cleared its change tracker after a
        // conflict may have dropped the row unsaved: the row alone then says the message is handled.
        var state = db.Entry(row).State;
        if (state == EntityState.Detached && !await IsRecordedAsync(messageId, consumer, context.CancellationToken))
            db.InboxMessages.Add(row);
        if (db.Entry(row).State == EntityState.Added)
            await db.SaveChangesAsync(context.CancellationToken);
    }

    private Task<bool> IsRecordedAsync(Guid messageId, string consumer, CancellationToken ct) =>
        db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");

    public static string ConsumerOf(Uri inputAddress) => inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
