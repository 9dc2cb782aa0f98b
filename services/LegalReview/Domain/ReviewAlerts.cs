using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.LegalReview.Domain;

/// <summary>Units with reviews here: platform data without RLS, so the nightly scan knows which units to visit.</summary>
public sealed class ReviewingUnit
{
    public required string TenantId { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
}

/// <summary>One alert per step that waited too long; the unique step id makes repeated or parallel scans harmless.</summary>
public sealed class ReviewStepAlert : ITenantOwned
{
    public Guid StepId { get; init; }
    public string TenantId { get; set; } = "";
    public Guid ReviewId { get; init; }
    public int WaitingWorkingDays { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}
