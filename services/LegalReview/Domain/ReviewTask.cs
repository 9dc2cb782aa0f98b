using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.LegalReview.Domain;

public enum ReviewTaskState
{
    Pending,
}

/// <summary>
/// A review requested for a case's draft decision. Chains (保密审查, 合法性审查, 签发), checklists and
/// opinions come with the LegalReview issue; the skeleton creates the task reviewers will work on.
/// </summary>
public sealed class ReviewTask : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public DateOnly ReplyDue { get; init; }
    public ReviewTaskState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? TraceId { get; init; }
}
