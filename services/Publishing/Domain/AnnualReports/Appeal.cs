using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// A reconsideration (行政复议) or lawsuit (行政诉讼) about how the unit answered an application, linked to that case. Its
/// decision is recorded once: the outcome, the decision's or judgment's number and date, and whether it orders a new
/// reply (which reopens the case in Workflow).
/// </summary>
public sealed class Appeal : ITenantOwned
{
    public const int MaxTextLength = 500;

    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; init; }
    public string CaseNumber { get; init; } = "";
    public AppealKind Kind { get; init; }

    /// <summary>复议机关 or 人民法院.</summary>
    public string Body { get; init; } = "";
    public DateOnly FiledOn { get; init; }
    public string? FilingNumber { get; init; }
    public AppealOutcome Outcome { get; private set; } = AppealOutcome.Pending;
    public DateOnly? DecidedOn { get; private set; }
    public string? DecisionNumber { get; private set; }
    public string? DecisionSummary { get; private set; }
    public bool OrdersNewReply { get; private set; }
    public DateOnly? RulingReceivedOn { get; private set; }
    public bool Imported { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    public bool IsDecided => Outcome != AppealOutcome.Pending;

    /// <summary>Records the decision; refused (false) when one is recorded already.</summary>
    public bool Decide(AppealOutcome outcome, DateOnly decidedOn, string? number, string? summary, bool ordersNewReply, DateOnly? rulingReceivedOn,
        DateTimeOffset at, string actor)
    {
        if (IsDecided || outcome == AppealOutcome.Pending)
            return false;
        Outcome = outcome;
        DecidedOn = decidedOn;
        DecisionNumber = number;
        DecisionSummary = summary;
        OrdersNewReply = ordersNewReply;
        RulingReceivedOn = ordersNewReply ? rulingReceivedOn ?? decidedOn : null;
        DecidedAt = at;
        DecidedBy = actor;
        return true;
    }

    /// <summary>An imported record with its outcome as the unit's own records have it.</summary>
    public static Appeal Import(Guid caseId, string caseNumber, AppealKind kind, DateOnly filedOn, AppealOutcome outcome, DateOnly? decidedOn,
        DateTimeOffset at, string actor)
    {
        var appeal = new Appeal
        {
            Id = Guid.NewGuid(), CaseId = caseId, CaseNumber = caseNumber, Kind = kind, Body = "（导入）", FiledOn = filedOn, Imported = true,
            CreatedAt = at, CreatedBy = actor,
        };
        if (outcome != AppealOutcome.Pending)
            appeal.Decide(outcome, decidedOn ?? filedOn, null, null, false, null, at, actor);
        return appeal;
    }
}
