using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Document.Domain;

public enum DocumentRequestState
{
    Pending,
    Issued,
    Failed,
}

/// <summary>
/// Every DocumentRequested as received, with how far it got: a requested letter is issued, or fails visibly —
/// never lost. The particulars (applicant, fields) are kept only until the document holds them.
/// </summary>
public sealed class DocumentRequest : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public Guid ApplicationId { get; init; }
    public required string Kind { get; init; }
    public required string CaseNumber { get; init; }
    public string? ApplicantName { get; set; }
    public DateOnly ReceivedOn { get; init; }
    public Dictionary<string, string>? Fields { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public DocumentRequestState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed, without personal data.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string StateLabel(DocumentRequestState state) => state switch
    {
        DocumentRequestState.Pending => "待出具",
        DocumentRequestState.Issued => "已出具",
        DocumentRequestState.Failed => "出具失败",
        _ => state.ToString(),
    };
}

/// <summary>
/// When a pending request is next tried. Platform data like the outbox (no row-level security): the retry worker
/// must find due requests of every unit, and this row holds nothing of the unit's but the request id.
/// </summary>
public sealed class DocumentRequestDue
{
    public Guid RequestId { get; init; }
    public required string TenantId { get; init; }
    public DateTimeOffset DueAt { get; set; }
}

/// <summary>How long a failing request keeps being tried: exponential backoff that outlasts a busy quarter of an hour.</summary>
public sealed class DocumentRequestRetryOptions
{
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before the request is marked Failed (with the defaults ≈ 20 minutes).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>An attempt in progress holds its request this long; if its instance dies, another takes over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the worker looks for due requests.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based): FirstDelay, doubling, at most MaxDelay.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
