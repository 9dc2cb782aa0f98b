namespace Gongkai.Contracts;

/// <summary>
/// One handling of an application as the annual report's table 三 counts it: from <see cref="CountedFrom"/> (the legal
/// receipt date, or the day a ruling ordering a new reply was received) to <see cref="ClosedOn"/> with one result row.
/// Open while ClosedOn is null. A case has one handling, plus one per reopening whose earlier handling closed in an
/// earlier year (that year's report counted it and keeps it).
/// </summary>
public sealed record CountedHandling(DateOnly CountedFrom, DateOnly? ClosedOn, AnnualReportOutcome? Outcome);

/// <summary>A fee notice under 国办函〔2020〕109号: when it was issued, the amount in yuan, and when it was paid (if it was).</summary>
public sealed record CountedFee(DateOnly IssuedOn, decimal Amount, DateOnly? PaidOn);

/// <summary>
/// Workflow's facts about a case that the annual report counts changed (opened, closed, reopened, fee notice issued or
/// paid). Carries the whole current state, not a delta: a consumer keeps the highest Revision and ignores older ones,
/// so order and redelivery do not matter.
/// </summary>
public sealed record CaseCountingChanged(
    Guid CaseId,
    string TenantId,
    string CaseNumber,
    ApplicantCategory ApplicantCategory,
    long Revision,
    IReadOnlyList<CountedHandling> Handlings,
    CountedFee? Fee,
    DateTimeOffset ChangedAt,
    CaseSupervisionFacts? Supervision = null);

/// <summary>
/// What the district's supervision counts about a case, current as of the revision that carries it: when the reply was due
/// and given (<see cref="RepliedOn"/> is the day the clock stopped: the reply, or the day the case otherwise ended), the
/// working days the reply took on its last clock (pauses not counted), whether the deadline was extended, how many
/// correction notices were sent and how often the review returned the draft, and the case's key domain.
/// </summary>
public sealed record CaseSupervisionFacts(
    DateOnly ReceivedOn,
    DateOnly? DueOn,
    DateOnly? RepliedOn,
    int? WorkingDaysUsed,
    bool Extended,
    int CorrectionsRequested,
    int ReviewReturns,
    string? DomainCode,
    bool DomainConfirmed)
{
    /// <summary>Replied (or ended) after the due date. Unknown while there is no due date (e.g. still awaiting correction).</summary>
    public bool? Late => RepliedOn is { } replied && DueOn is { } due ? replied > due : null;
}

/// <summary>
/// A reconsideration decision or a court ruling recorded in Publishing orders the unit to reply again: Workflow reopens
/// the case (Art. 51 remedies) with a fresh clock from RulingReceivedOn.
/// </summary>
public sealed record CaseReopeningOrdered(
    Guid CaseId,
    string TenantId,
    Guid AppealId,
    DateOnly RulingReceivedOn,
    string Reason,
    int? ReplyWorkingDays,
    string OrderedBy,
    DateTimeOffset OrderedAt);

/// <summary>
/// A report laid out for print: headings, paragraphs and tables whose cells may span rows and columns. Publishing lays
/// out the annual report once in the official form; Document renders the same layout to PDF and DOCX and the public page
/// shows it as HTML, so the three never disagree.
/// </summary>
public sealed record ReportLayout(string Title, string Subtitle, IReadOnlyList<ReportBlock> Blocks);

public enum ReportBlockKind
{
    /// <summary>A section heading such as "一、总体情况".</summary>
    Heading,

    /// <summary>A sub-heading inside a section such as "（一）主动公开".</summary>
    SubHeading,
    Paragraph,
    Table,
}

/// <summary>One block; Rows only for a table (header rows are the cells marked IsHeader).</summary>
public sealed record ReportBlock(ReportBlockKind Kind, string Text, IReadOnlyList<IReadOnlyList<ReportCell>>? Rows = null);

public sealed record ReportCell(string Text, int RowSpan = 1, int ColSpan = 1, bool IsHeader = false);

/// <summary>Publishing published (or corrected) a unit's annual report: Document renders it to PDF and DOCX and stores both.</summary>
public sealed record AnnualReportRenderRequested(
    Guid ReportId,
    string TenantId,
    int Year,
    int Version,
    ReportLayout Layout,
    DateTimeOffset RequestedAt);

/// <summary>Document rendered and stored one version of an annual report; the files are public, found by report id and version.</summary>
public sealed record AnnualReportRendered(
    Guid ReportId,
    string TenantId,
    int Version,
    string PdfSha256,
    long PdfBytes,
    string DocxSha256,
    long DocxBytes,
    DateTimeOffset RenderedAt);

/// <summary>
/// A unit's annual report for Year is due soon (Kind "DueSoon") or overdue and unpublished ("Overdue"); raised once per
/// unit, year, kind and due date by Publishing's nightly scan.
/// </summary>
public sealed record AnnualReportDeadlineAlertRaised(
    string TenantId,
    int Year,
    string Kind,
    DateOnly Due,
    DateTimeOffset RaisedAt);

/// <summary>A district published a 通报 (supervision bulletin): Document renders its layout to PDF and DOCX and stores both for the district.</summary>
public sealed record BulletinRenderRequested(
    Guid BulletinId,
    string TenantId,
    string Number,
    ReportLayout Layout,
    DateTimeOffset RequestedAt);

/// <summary>Document rendered and stored a 通报; the files are the district's, downloaded by its staff.</summary>
public sealed record BulletinRendered(
    Guid BulletinId,
    string TenantId,
    string PdfSha256,
    long PdfBytes,
    string DocxSha256,
    long DocxBytes,
    DateTimeOffset RenderedAt);
