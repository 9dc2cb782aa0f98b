namespace Gongkai.BuildingBlocks.Persistence;

/// <summary>
/// An integration event waiting to be published. It is added by the same SaveChanges as the state change
/// that caused it, so the change and the event commit or roll back together; the relay publishes it later.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Creation order; the relay publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>Becomes the MassTransit MessageId, which consumers' inboxes deduplicate on.</summary>
    public Guid MessageId { get; init; }

    public string? TenantId { get; init; }

    /// <summary>Full CLR name of a type in the contracts assembly.</summary>
    public required string MessageType { get; init; }

    public required string Body { get; init; }

    /// <summary>W3C traceparent of the activity that produced the event, so the trace continues after the relay.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A message a consumer has already processed; the unique key makes redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
