namespace Gongkai.Intake.CityLink;

// The city link's own records. They belong to the link between two platforms, not to one unit's case work, and hold
// no personal data (references, numbers, statuses, hashes), so they carry the unit as a column, not as a tenant.

/// <summary>An application the city pushed: its reference, where it went, and the next callback sequence.</summary>
public sealed class CityApplication
{
    public required string CityReference { get; init; }
    public required string UnitCode { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string ApplicationNumber { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public long LastSequence { get; set; }

    /// <summary>The city client that pushed it: only that client reads it, withdraws from it or supplements it.</summary>
    public required string ClientId { get; init; }
}

public enum CityDeliveryState
{
    Pending,
    Delivered,
    DeadLettered,
}

/// <summary>
/// One callback to the city, queued in the same transaction as the change it reports (the outbox of the city link).
/// OrderingKey is the application's reference (or "statistics:unit"): a key's callbacks go out one after another.
/// </summary>
public sealed class CityDelivery
{
    public required Guid Id { get; init; }
    public required string OrderingKey { get; init; }
    public required long Sequence { get; init; }
    public required string UnitCode { get; init; }
    public string? CityReference { get; init; }
    public string? ApplicationNumber { get; init; }
    public required Gongkai.Contracts.CityCallbackKind Kind { get; init; }
    public required string Payload { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public CityDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int Replays { get; set; }
}

/// <summary>A signature nonce seen within the replay window.</summary>
public sealed class CityNonce
{
    public required string KeyId { get; init; }
    public required string Nonce { get; init; }
    public required DateTimeOffset SeenAt { get; init; }
}

/// <summary>A withdrawal or supplement the city sent, by the city's message id: a retry is answered, not applied again.</summary>
public sealed class CityInboundMessage
{
    public required string CityReference { get; init; }
    public required string Kind { get; init; }
    public required string MessageId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>The reconciliation of one day (China Standard Time), kept as run last.</summary>
public sealed class CityReconciliation
{
    public required DateOnly Day { get; init; }
    public DateTimeOffset RanAt { get; set; }
    public required string Report { get; set; }
}
