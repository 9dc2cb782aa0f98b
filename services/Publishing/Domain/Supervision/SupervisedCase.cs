using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>
/// One case as the district's supervision counts it: kept current from Workflow's CaseCountingChanged (the newest revision
/// wins), one row per case with the columns every indicator filters on, so a unit's figures are one indexed aggregate.
/// </summary>
public sealed class SupervisedCase : ITenantOwned
{
    public Guid CaseId { get; init; }
    public string TenantId { get; set; } = "";
    public string CaseNumber { get; set; } = "";
    public long Revision { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateOnly? RepliedOn { get; set; }
    public bool? Late { get; set; }
    public int? WorkingDays { get; set; }
    public bool Extended { get; set; }
    public int CorrectionsRequested { get; set; }
    public int ReviewReturns { get; set; }
    public string? DomainCode { get; set; }
    public bool DomainConfirmed { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A new row from the facts, or null when the message carries none (sent before supervision existed).</summary>
    public static SupervisedCase? From(CaseCountingChanged m)
    {
        if (m.Supervision is null)
            return null;
        var row = new SupervisedCase { CaseId = m.CaseId, Revision = -1 };
        row.Take(m);
        return row;
    }

    /// <summary>Takes the facts if they are newer than what is kept; older or repeated facts change nothing.</summary>
    public bool Take(CaseCountingChanged m)
    {
        if (m.Supervision is not { } f || m.Revision <= Revision)
            return false;
        CaseNumber = m.CaseNumber;
        Revision = m.Revision;
        ReceivedOn = f.ReceivedOn;
        // The case's current handling: a reopened case is open again, whatever an earlier handling closed.
        ClosedOn = m.Handlings.Count > 0 ? m.Handlings[^1].ClosedOn : null;
        DueOn = f.DueOn;
        RepliedOn = f.RepliedOn;
        Late = f.Late;
        WorkingDays = f.WorkingDaysUsed;
        Extended = f.Extended;
        CorrectionsRequested = f.CorrectionsRequested;
        ReviewReturns = f.ReviewReturns;
        DomainCode = f.DomainCode;
        DomainConfirmed = f.DomainConfirmed;
        UpdatedAt = m.ChangedAt;
        return true;
    }
}
