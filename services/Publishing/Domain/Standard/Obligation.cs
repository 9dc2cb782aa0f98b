using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Standard;

public enum ObligationOrigin
{
    /// <summary>The unit's own: a district's catalogue, or a township's 补充目录 item.</summary>
    Local,

    /// <summary>Taken over from the district's published catalogue on adoption; changed only as a recorded local difference.</summary>
    Inherited,
}

/// <summary>A rule of the standard catalogue was broken; the message is for the member of staff (Chinese).</summary>
public sealed class CatalogueRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// One obligation (事项) of a unit's 政务公开事项标准目录: the working copy staff edit. A district publishes it as an
/// immutable version (<see cref="PublishedCatalogue"/>); a township inherits the district's obligations on adoption
/// (<see cref="Origin"/> Inherited, <see cref="InheritedFromId"/> the district's obligation) and may change one only
/// with a reason, the change staying visible against <see cref="Baseline"/> (never a silent divergence).
/// An obligation that was published or that items name is never deleted, only retired (kept for the links and history).
/// </summary>
public sealed class Obligation : ITenantOwned
{
    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public ObligationOrigin Origin { get; private set; }

    /// <summary>The district's obligation this one was inherited from (its id in the district's published versions).</summary>
    public Guid? InheritedFromId { get; private set; }

    /// <summary>The district's content as of the adopted version: what a local difference is measured against.</summary>
    public ObligationContent? Baseline { get; private set; }

    // The content (the sheet's columns).
    public string Code { get; private set; } = "";
    public string DomainCode { get; private set; } = "";
    public string Level1 { get; private set; } = "";
    public string? Level2 { get; private set; }
    public string Content { get; private set; } = "";
    public string Basis { get; private set; } = "";
    public string DeadlineText { get; private set; } = "";
    public string Responsible { get; private set; } = "";
    public PublicationChannels Channels { get; private set; }
    public ObligationAudience Audience { get; private set; }
    public ObligationMode Mode { get; private set; }
    public DisclosureLevels Levels { get; private set; }

    // Parsed from DeadlineText on every change, stored so coverage and lists need not parse.
    public DeadlineKind DeadlineKind { get; private set; }
    public int? DeadlineWorkingDays { get; private set; }

    /// <summary>Why an inherited obligation differs from the district's (required while it does).</summary>
    public string? DifferenceReason { get; private set; }

    /// <summary>The first published version of the unit's catalogue that contained it (null: never published, may be deleted).</summary>
    public int? FirstPublishedVersion { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }
    public string? RetiredReason { get; private set; }

    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two editors saving the same obligation, or an edit racing an adoption.</summary>
    public int Revision { get; private set; }

    private Obligation() { }

    public ObligationContent Snapshot => new(Code, DomainCode, Level1, Level2, Content, Basis, DeadlineText, Responsible, Channels, Audience, Mode, Levels);

    public bool Active => RetiredAt is null;

    /// <summary>An inherited obligation whose content is no longer the district's.</summary>
    public bool ChangedLocally => Origin == ObligationOrigin.Inherited && Baseline is not null && Snapshot != Baseline;

    public static Obligation Local(Guid id, ObligationContent content, string actor, DateTimeOffset now)
    {
        var obligation = new Obligation { Id = id, Origin = ObligationOrigin.Local, CreatedBy = actor, CreatedAt = now };
        obligation.Apply(content, actor, now);
        return obligation;
    }

    public static Obligation Inherit(Guid id, PublishedObligation district, string actor, DateTimeOffset now)
    {
        var obligation = new Obligation
        {
            Id = id,
            Origin = ObligationOrigin.Inherited,
            InheritedFromId = district.Id,
            Baseline = district.Content,
            CreatedBy = actor,
            CreatedAt = now,
        };
        obligation.Apply(district.Content, actor, now);
        return obligation;
    }

    /// <summary>
    /// Changes the content. A local obligation is simply changed; an inherited one may differ from the district's only
    /// with a reason, and going back to the district's content clears the difference.
    /// </summary>
    public void Edit(ObligationContent content, string? differenceReason, string actor, DateTimeOffset now)
    {
        EnsureActive();
        if (Origin == ObligationOrigin.Inherited)
        {
            var reason = string.IsNullOrWhiteSpace(differenceReason) ? DifferenceReason : differenceReason.Trim();
            if (content != Baseline && reason is null)
                throw new CatalogueRuleException("继承自区级目录的事项只能作为本地差异修改，请填写差异说明（differenceReason）。");
            DifferenceReason = content == Baseline ? null : reason;
        }
        Apply(content, actor, now);
    }

    /// <summary>
    /// The district published a new version and the township adopts it. Without a local difference the obligation
    /// follows the district; with one it keeps its content (the difference is then measured against the new content,
    /// and disappears if the district now says the same). Returns whether the local content was kept.
    /// </summary>
    public bool FollowDistrict(ObligationContent district, string actor, DateTimeOffset now)
    {
        if (Origin != ObligationOrigin.Inherited)
            throw new InvalidOperationException("Only an inherited obligation follows the district.");
        var keep = ChangedLocally;
        Baseline = district;
        if (RetiredAt is not null)
        {
            // The district brought back an obligation it had removed: the township has it again.
            RetiredAt = null;
            RetiredReason = null;
            keep = false;
        }
        if (keep && Snapshot != district)
        {
            Touch(actor, now);
            return true;
        }
        DifferenceReason = null;
        Apply(district, actor, now);
        return false;
    }

    public void MarkPublished(int version) => FirstPublishedVersion ??= version;

    /// <summary>Whether it may be deleted outright (never published, named by no item); otherwise it is retired.</summary>
    public bool Deletable(bool namedByItems) => Origin == ObligationOrigin.Local && FirstPublishedVersion is null && !namedByItems;

    /// <summary>
    /// Takes it out of the working catalogue (the next published version lacks it); items that name it keep the link.
    /// A township cannot drop an inherited obligation on its own: that would diverge from the district silently.
    /// </summary>
    public void Retire(string reason, string actor, DateTimeOffset now, bool byAdoption = false)
    {
        EnsureActive();
        if (Origin == ObligationOrigin.Inherited && !byAdoption)
            throw new CatalogueRuleException("继承自区级目录的事项不能删除；如本单位情况不同，请修改该事项并填写差异说明。");
        RetiredAt = now;
        RetiredReason = reason;
        Touch(actor, now);
    }

    private void EnsureActive()
    {
        if (RetiredAt is not null)
            throw new CatalogueRuleException("该事项已停用。");
    }

    private void Apply(ObligationContent content, string actor, DateTimeOffset now)
    {
        Code = content.Code;
        DomainCode = content.DomainCode;
        Level1 = content.Level1;
        Level2 = content.Level2;
        Content = content.Content;
        Basis = content.Basis;
        DeadlineText = content.DeadlineText;
        Responsible = content.Responsible;
        Channels = content.Channels;
        Audience = content.Audience;
        Mode = content.Mode;
        Levels = content.Levels;
        var deadline = content.Deadline;
        DeadlineKind = deadline.Kind;
        DeadlineWorkingDays = deadline.WorkingDays;
        Touch(actor, now);
    }

    private void Touch(string actor, DateTimeOffset now)
    {
        UpdatedBy = actor;
        UpdatedAt = now;
        Revision++;
    }
}

/// <summary>未涉及领域事项说明: a domain the unit has no obligations in, and why (an empty domain must be explained, brief §1.5).</summary>
public sealed class DomainExemption : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public string DomainCode { get; set; } = "";
    public string Reason { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Which published version of its district's catalogue a township adopted (one row per township).</summary>
public sealed class CatalogueAdoption : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset AdoptedAt { get; set; }
    public string AdoptedBy { get; set; } = "";
    public int Revision { get; set; }
}

/// <summary>One obligation as a published version holds it: its id in the publishing unit and its content.</summary>
public sealed record PublishedObligation(Guid Id, ObligationContent Content, Guid? InheritedFromId = null, string? DifferenceReason = null);

/// <summary>A domain marked not applicable in a published version.</summary>
public sealed record PublishedExemption(string DomainCode, string Reason);

/// <summary>
/// An immutable published version of a unit's standard catalogue. Deliberately NOT tenant-owned: a township must read
/// its district's versions to adopt them and to see what changed, and the public reads them anonymously. Rather than
/// an RLS exception on the working tables (drafts of the district's next version one mistake away from other units),
/// cross-unit reads go only to this table, which by construction holds nothing but published catalogue content — no
/// staff names, no unpublished obligation. Who published is in the audit log.
/// </summary>
public sealed class PublishedCatalogue
{
    public Guid Id { get; set; }
    public string UnitCode { get; set; } = "";

    /// <summary>The unit's parent in Identity's tree when it was published (a township's district).</summary>
    public string? ParentUnitCode { get; set; }

    public int Version { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>For a township's version: the district version it had adopted.</summary>
    public string? AdoptedDistrictCode { get; set; }
    public int? AdoptedVersion { get; set; }

    public List<PublishedObligation> Obligations { get; set; } = [];
    public List<PublishedExemption> Exemptions { get; set; } = [];
}
