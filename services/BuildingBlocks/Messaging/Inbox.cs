using Gongkai.BuildingBlocks.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.BuildingBlocks.Messaging;

public static class Inbox
{
    /// <summary>
    /// Records that <paramref name="consumer"/> processes this message, in the same SaveChanges as the
    /// consumer's effects. Returns false when it was already processed (a redelivery): do nothing then.
    /// Two concurrent deliveries both pass the check, but the second insert violates the inbox's primary
    /// key, its transaction rolls back and the retry sees the first one's row.
    /// </summary>
    public static async Task<bool> TryStartProcessingAsync(this ServiceDbContext db, ConsumeContext context, string consumer)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without MessageId cannot be deduplicated.");
        if (await db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
            return false;
        db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
        return true;
    }
}
