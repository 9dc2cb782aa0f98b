using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Supervision;

public enum BulletinState
{
    Draft,
    Published,
}

/// <summary>A unit's figures as a 通报 shows them, flattened for the table and for the unit's own view.</summary>
public sealed record BulletinFigures(
    long Received, long Closed, long ClosedOnTime, long ClosedLate, double? OnTimeRate, double? AverageWorkingDays, int? Percentile90WorkingDays,
    long Extended, long CorrectionsRequested, long ReviewReturns, long OverdueOpen, long AppealsFiled, long AppealsCorrected,
    long ItemsPublishedOnTime, long ItemsPublishedLate, long EmptyObligations, string? AnnualReport, int SpotCheckProblems)
{
    public static BulletinFigures Of(UnitIndicators u, int spotCheckProblems) => new(u.Received, u.Closed, u.ClosedOnTime, u.ClosedLate, u.OnTimeRate,
        u.AverageWorkingDays, u.Percentile90WorkingDays, u.Extended, u.CorrectionsRequested, u.ReviewReturns, u.OverdueOpen, u.AppealsFiled,
        u.AppealsCorrected, u.ItemsPublishedOnTime, u.ItemsPublishedLate, u.EmptyObligations, u.AnnualReportLabel, spotCheckProblems);
}

/// <summary>One unit in a 通报: its score line and figures, and the supervisor's remark on it.</summary>
public sealed record BulletinEntry(ScoredUnit Score, BulletinFigures Figures, string? Remark);

/// <summary>
/// A district's 通报 for a month, quarter or year: a draft ranks the supervised units by the district's rules with the
/// figures behind every score; the supervisor adds remarks and publishes it. Published, it never changes: Document renders
/// it to PDF and DOCX (hashes kept here) and every unit sees its own line.
/// </summary>
public sealed class Bulletin : ITenantOwned
{
    public const int MaxRemarkLength = 2000;

    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public string Period { get; init; } = "";
    public string PeriodLabel { get; init; } = "";
    public BulletinState State { get; private set; }
    public string DistrictName { get; private set; } = "";
    public ScoringRules Rules { get; private set; } = ScoringRules.Default;
    public List<BulletinEntry> Entries { get; private set; } = [];
    public BulletinFigures? DistrictFigures { get; private set; }
    public string? Remarks { get; private set; }
    public string? Number { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public string? Sha256 { get; private set; }
    public string? PdfSha256 { get; private set; }
    public string? DocxSha256 { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Recomputes a draft from current figures; the supervisor's remarks on units that remain are kept.</summary>
    public void Refresh(string districtName, ScoringRules rules, IReadOnlyList<BulletinEntry> entries, BulletinFigures district, DateTimeOffset at)
    {
        RequireDraft();
        var remarks = Entries.Where(e => e.Remark is not null).ToDictionary(e => e.Score.UnitCode, e => e.Remark);
        DistrictName = districtName;
        Rules = rules;
        Entries = [.. entries.Select(e => e with { Remark = remarks.GetValueOrDefault(e.Score.UnitCode) })];
        DistrictFigures = district;
        UpdatedAt = at;
    }

    public void Remark(string? overall, IReadOnlyDictionary<string, string?> perUnit, DateTimeOffset at)
    {
        RequireDraft();
        Remarks = overall;
        Entries = [.. Entries.Select(e => perUnit.TryGetValue(e.Score.UnitCode, out var remark) ? e with { Remark = remark } : e)];
        UpdatedAt = at;
    }

    public void Publish(string number, string sha256, DateOnly on, DateTimeOffset at, string actor)
    {
        RequireDraft();
        State = BulletinState.Published;
        Number = number;
        Sha256 = sha256;
        PublishedOn = on;
        PublishedAt = at;
        PublishedBy = actor;
        UpdatedAt = at;
    }

    public void Rendered(string pdfSha256, string docxSha256)
    {
        PdfSha256 = pdfSha256;
        DocxSha256 = docxSha256;
    }

    private void RequireDraft()
    {
        if (State != BulletinState.Draft)
            throw new InvalidOperationException("A published bulletin never changes.");
    }
}

/// <summary>A unit's own line of a published 通报, kept in the unit's rows so it reads it like any of its records.</summary>
public sealed class BulletinStanding : ITenantOwned
{
    public Guid BulletinId { get; init; }
    public string TenantId { get; set; } = "";
    public string DistrictCode { get; init; } = "";
    public string Number { get; init; } = "";
    public string Period { get; init; } = "";
    public string PeriodLabel { get; init; } = "";
    public int UnitsRanked { get; init; }
    public BulletinEntry Entry { get; init; } = null!;
    public DateOnly PublishedOn { get; init; }
}
