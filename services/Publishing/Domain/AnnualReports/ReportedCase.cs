using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// An application as the annual report counts it: kept current from Workflow's CaseCountingChanged (newest revision wins),
/// or imported by a unit that handled it before it used Gongkai (<see cref="Imported"/>, shown in every view).
/// </summary>
public sealed class ReportedCase : ITenantOwned
{
    public Guid CaseId { get; init; }
    public string TenantId { get; set; } = "";
    public string CaseNumber { get; set; } = "";
    public ApplicantCategory ApplicantCategory { get; set; }
    public long Revision { get; set; }
    public List<CountedHandling> Handlings { get; set; } = [];
    public CountedFee? Fee { get; set; }
    public bool Imported { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static ReportedCase From(CaseCountingChanged m) => new()
    {
        CaseId = m.CaseId,
        CaseNumber = m.CaseNumber,
        ApplicantCategory = m.ApplicantCategory,
        Revision = m.Revision,
        Handlings = [.. m.Handlings],
        Fee = m.Fee,
        UpdatedAt = m.ChangedAt,
    };

    /// <summary>Takes the facts if they are newer than what is kept; older or repeated facts change nothing.</summary>
    public bool Take(CaseCountingChanged m)
    {
        if (m.Revision <= Revision)
            return false;
        CaseNumber = m.CaseNumber;
        ApplicantCategory = m.ApplicantCategory;
        Revision = m.Revision;
        Handlings = [.. m.Handlings];
        Fee = m.Fee;
        UpdatedAt = m.ChangedAt;
        return true;
    }
}
