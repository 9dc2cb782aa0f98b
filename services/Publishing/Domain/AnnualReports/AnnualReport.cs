using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.AnnualReports;

public enum ReportState
{
    /// <summary>起草: tables counted live, table 二 and the text editable.</summary>
    Draft,

    /// <summary>审核签发: submitted with its content frozen, in LegalReview's chain.</summary>
    InReview,

    /// <summary>公布: immutable, numbered, hashed.</summary>
    Published,

    /// <summary>A published version a correction replaced; still readable, marked as replaced.</summary>
    Superseded,
}

/// <summary>A rule of the report's workflow was broken; the message is Chinese and meant for the person who tried.</summary>
public sealed class ReportRuleException(string message) : Exception(message);

/// <summary>
/// One version of a unit's annual report for a year. Version 1 is the report; each correction of a published report is a
/// new version with its reason, and publishing it supersedes the one before. The content reviewed is the content frozen
/// at submission (<see cref="Submitted"/>), and exactly that is published.
/// </summary>
public sealed class AnnualReport : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public int Year { get; init; }
    public int Version { get; init; }
    public ReportState State { get; private set; }
    public ProactiveTable Proactive { get; private set; } = ProactiveTable.Empty;
    public ReportSections Sections { get; private set; } = ReportSections.Empty;
    public string? CorrectionReason { get; init; }

    public ReportContent? Submitted { get; private set; }
    public List<ReportCheck> Checks { get; private set; } = [];
    public string? OverrideReason { get; private set; }
    public int ReviewRound { get; private set; }
    public string? ReturnReasons { get; private set; }

    public string? Number { get; private set; }
    public string? Sha256 { get; private set; }
    public DateOnly? PublishedOn { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public string? PdfSha256 { get; private set; }
    public string? DocxSha256 { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public uint RowVersion { get; private set; }

    public static AnnualReport Start(int year, ProactiveTable proactive, ReportSections sections, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.NewGuid(), Year = year, Version = 1, State = ReportState.Draft, Proactive = proactive, Sections = sections,
        CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
    };

    /// <summary>A correction of this published report: a new draft with the same content and the reason shown to readers.</summary>
    public AnnualReport Correct(string reason, DateTimeOffset now, string actor)
    {
        if (State != ReportState.Published)
            throw new ReportRuleException("只有已公布的报告才能更正；草稿请直接修改。");
        return new AnnualReport
        {
            Id = Guid.NewGuid(), Year = Year, Version = Version + 1, State = ReportState.Draft, Proactive = Proactive, Sections = Sections,
            CorrectionReason = reason, CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor,
        };
    }

    public void Edit(ProactiveTable? proactive, ReportSections? sections, DateTimeOffset now, string actor)
    {
        RequireDraft();
        Proactive = proactive ?? Proactive;
        Sections = sections ?? Sections;
        Touch(now, actor);
    }

    /// <summary>
    /// Freezes <paramref name="content"/> for review. Failed checks that block (errors, and 雷同 where the unit chose so)
    /// need an override reason, which is kept with the report.
    /// </summary>
    public void Submit(ReportContent content, IReadOnlyList<ReportCheck> checks, bool similarityBlocks, string? overrideReason, DateTimeOffset now, string actor)
    {
        RequireDraft();
        var blocking = checks.Where(c => Blocks(c, similarityBlocks)).ToList();
        if (blocking.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
            throw new ReportChecksFailedException(blocking);
        Submitted = content;
        Checks = [.. checks];
        OverrideReason = blocking.Count > 0 ? overrideReason!.Trim() : null;
        ReviewRound++;
        ReturnReasons = null;
        State = ReportState.InReview;
        Touch(now, actor);
    }

    public static bool Blocks(ReportCheck check, bool similarityBlocks) =>
        check.Failed && (check.Severity == CheckSeverity.Error || (check.Id == "AR-13" && similarityBlocks));

    public bool AwaitsReview(int round) => State == ReportState.InReview && round == ReviewRound;

    public void Return(string reasons, DateTimeOffset now, string actor)
    {
        State = ReportState.Draft;
        ReturnReasons = reasons;
        Submitted = null;
        Touch(now, actor);
    }

    public void Publish(string number, string sha256, DateOnly today, DateTimeOffset now, string approvedBy)
    {
        State = ReportState.Published;
        Number = number;
        Sha256 = sha256;
        PublishedOn = today;
        PublishedAt = now;
        ApprovedBy = approvedBy;
        Touch(now, approvedBy);
    }

    public void Supersede(DateTimeOffset now, string actor)
    {
        State = ReportState.Superseded;
        Touch(now, actor);
    }

    public void Rendered(string pdfSha256, string docxSha256)
    {
        PdfSha256 = pdfSha256;
        DocxSha256 = docxSha256;
    }

    private void RequireDraft()
    {
        if (State != ReportState.Draft)
            throw new ReportRuleException(State == ReportState.InReview ? "报告正在审核签发，不能修改；如需修改请由审核人退回。" : "报告已公布，不能修改；如有错误请提出更正。");
    }

    private void Touch(DateTimeOffset now, string actor)
    {
        UpdatedAt = now;
        UpdatedBy = actor;
    }
}

/// <summary>Checks that block sign-off failed and no override reason was given.</summary>
public sealed class ReportChecksFailedException(IReadOnlyList<ReportCheck> failures)
    : Exception("报告未通过签发前检查，请修改后再提交，或填写坚持提交的理由。")
{
    public IReadOnlyList<ReportCheck> Failures { get; } = failures;
}
