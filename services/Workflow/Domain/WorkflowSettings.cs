using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Workflow.Domain;

/// <summary>A unit's own choices where the law leaves room (brief §1.6 UNSURE items are configurable).</summary>
public sealed class TenantSettings : ITenantOwned
{
    public const int DefaultDueSoonWorkingDays = 5;

    public string TenantId { get; set; } = "";

    /// <summary>Whether the day of receipt counts as day 1 (default: no, the next working day is day 1).</summary>
    public bool CountStartDay { get; set; }

    /// <summary>A "due soon" alert is raised this many working days before the reply deadline.</summary>
    public int DueSoonWorkingDays { get; set; } = DefaultDueSoonWorkingDays;

    public static TenantSettings Defaults(string tenantId) => new() { TenantId = tenantId };
}

/// <summary>
/// Units that have cases here. Platform data without row-level security: the nightly alert scan needs to
/// know which units to visit, and then reads each one's cases under that unit's own tenant scope.
/// </summary>
public sealed class KnownTenant
{
    public required string TenantId { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
}

public enum AlertKind
{
    /// <summary>临期: the reply deadline is within the unit's due-soon window.</summary>
    DueSoon,

    /// <summary>超期: the reply deadline has passed without delivery.</summary>
    Overdue,
}

/// <summary>
/// One alert raised for one deadline. The unique key (case, kind, deadline) makes a second scan — or a
/// second Workflow instance scanning at the same time — a no-op; a moved deadline may alert again.
/// </summary>
public sealed class CaseAlert : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public AlertKind Kind { get; init; }
    public DateOnly Deadline { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>A holiday schedule entered by a platform admin (the shipped years come with the service).</summary>
public sealed class StoredHolidaySchedule
{
    public int Year { get; init; }
    public required string Json { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
