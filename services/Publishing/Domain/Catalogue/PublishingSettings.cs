using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>A unit's catalogue settings: its 索引号 scheme and Art. 26 period, and what Identity says about the unit.</summary>
public sealed class PublishingSettings : ITenantOwned
{
    public string TenantId { get; set; } = "";

    /// <summary>Null until an admin configures one: the national form with the unit code as prefix applies.</summary>
    public IndexNumberScheme? IndexScheme { get; set; }

    public int PublicationWorkingDays { get; set; } = PublicationDeadline.StatutoryWorkingDays;
    public int DueSoonWorkingDays { get; set; } = PublicationDeadline.DefaultDueSoonWorkingDays;

    /// <summary>
    /// The working days a standard-catalogue obligation whose 公开时限 says only "及时公开" is checked against; null: the
    /// platform default (<see cref="Standard.ObligationDeadline.DefaultPromptWorkingDays"/>). The brief marks the value UNSURE.
    /// </summary>
    public int? PromptWorkingDays { get; set; }

    /// <summary>Months between periodic re-reviews of items marked 不予公开 or 依申请公开 (<see cref="NonPublicReReview"/>).</summary>
    public int NonPublicReReviewMonths { get; set; } = NonPublicReReview.DefaultMonths;

    /// <summary>
    /// Genres whose documents may not be submitted without a 政策解读 (e.g. 意见, 决定 where the unit's 解读 rule covers them).
    /// Which documents must be interpreted is set by local rules, not by the Regulation, so it is the unit's choice and
    /// empty by default (null: none).
    /// </summary>
    public List<Genre>? InterpretationRequiredFor { get; set; }

    public IReadOnlyCollection<Genre> InterpretationRequiredForOrNone => InterpretationRequiredFor ?? [];

    public int PromptWorkingDaysOrDefault => PromptWorkingDays ?? Standard.ObligationDeadline.DefaultPromptWorkingDays;

    /// <summary>The unit's parent in Identity's unit tree, refreshed from Identity; the public list of the parent includes this unit.</summary>
    public string? ParentUnitCode { get; set; }
    public string? UnitName { get; set; }

    /// <summary>Identity's kind of the unit (District, Department, Township…): the annual report's default deadline depends on it.</summary>
    public string? UnitKind { get; set; }

    /// <summary>The annual report's publication deadline as month and day of the following year; null: the default for the unit's kind.</summary>
    public int? ReportDueMonth { get; set; }
    public int? ReportDueDay { get; set; }

    /// <summary>雷同 threshold for the report's text (AR-13; the brief marks the value UNSURE) and whether failing it blocks sign-off.</summary>
    public double? ReportSimilarityThreshold { get; set; }
    public bool ReportSimilarityBlocks { get; set; }
    public DateTimeOffset? UnitCheckedAt { get; set; }

    public int Revision { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public IndexNumberScheme SchemeOrDefault => IndexScheme ?? IndexNumberScheme.National(TenantId);

    public PublicationDeadline Deadline(WorkingDayCalendar calendar) => new(calendar, PublicationWorkingDays, DueSoonWorkingDays);
}

/// <summary>The last serial drawn in one 索引号 series of a unit (see <see cref="IndexNumberScheme.SeriesKey"/>).</summary>
public sealed class IndexNumberCounter : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public string SeriesKey { get; set; } = "";
    public long LastValue { get; set; }
}

/// <summary>
/// A unit that has catalogue items: the list the nightly deadline scan walks. Not tenant-owned, on purpose: the scan
/// starts without a tenant and must learn which units to open a tenant scope for; the table holds unit codes only.
/// </summary>
public sealed class CatalogueUnit
{
    public string TenantId { get; set; } = "";
    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary>A raised due-soon or overdue alert; its unique key makes the alert once per item, kind and due date.</summary>
public sealed class PublicationAlert : ITenantOwned
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public Guid ItemId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
}
