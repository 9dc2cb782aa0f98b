using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain;

/// <summary>
/// A case counted into the annual report's row 一 (本年新收政府信息公开申请数量) of the year it was received.
/// One row per case, so the count is exact and explainable; the full report tables come with their issue.
/// </summary>
public sealed class CountedApplication : ITenantOwned
{
    public Guid CaseId { get; init; }
    public string TenantId { get; set; } = "";
    public int Year { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateTimeOffset CountedAt { get; init; }
    public string? TraceId { get; init; }
}
