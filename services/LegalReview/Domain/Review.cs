using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.LegalReview.Domain;

public enum ReviewStepKind
{
    /// <summary>保密审查 (Art. 17): state secrets, other laws, 三安全一稳定, trade secrets, privacy.</summary>
    Confidentiality,

    /// <summary>合法性审查 by legal counsel: the five questions 补不补、该不该、有没有、给不给、当不当.</summary>
    Legality,

    /// <summary>签发 by the approver (负责人).</summary>
    SignOff,

    /// <summary>A step referred upwards by its reviewer; decided by the approver.</summary>
    Escalated,
}

public enum ReviewStepState { Waiting, Pending, Approved, Returned, Escalated }

public enum ReviewState { InProgress, Approved, Returned }

public enum ReviewVerdict { Approve, Return, Escalate }

/// <summary>
/// One round of review of a case's drafted decision, or of a catalogue item before it is published (Subject): an
/// ordered chain of steps, each for a role, each closed by one immutable opinion. A return ends the round (the
/// drafter reworks and asks again: a new round, which shows the earlier rounds' opinions).
/// </summary>
public sealed class Review : ITenantOwned
{
    private readonly List<ReviewStep> _steps = [];

    private Review() { }

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    /// <summary>The case, or for a publication review Publishing's catalogue item.</summary>
    public Guid CaseId { get; private set; }
    public ReviewSubject Subject { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public int Round { get; private set; }
    public string? ReplyType { get; private set; }
    public string? Outcome { get; private set; }
    public DateOnly ReplyDue { get; private set; }
    public ReviewState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public IReadOnlyList<ReviewStep> Steps => _steps;

    public ReviewStep? CurrentStep => _steps.FirstOrDefault(s => s.State == ReviewStepState.Pending);

    public static Review Start(Guid caseId, string caseNumber, int round, string? replyType, string? outcome, DateOnly replyDue,
        IReadOnlyList<(ReviewStepKind Kind, string Role)> chain, DateTimeOffset now, ReviewSubject subject = ReviewSubject.Case)
    {
        if (!Enum.IsDefined(subject))
            throw new ArgumentOutOfRangeException(nameof(subject), subject, "Undefined review subject.");
        if (chain.Count == 0)
            throw new InvalidOperationException("A review needs at least one step.");
        var review = new Review
        {
            Id = Guid.NewGuid(), CaseId = caseId, Subject = subject, CaseNumber = caseNumber, Round = round, ReplyType = replyType, Outcome = outcome,
            ReplyDue = replyDue, State = ReviewState.InProgress, CreatedAt = now,
        };
        for (var i = 0; i < chain.Count; i++)
            review._steps.Add(new ReviewStep(review.Id, i + 1, chain[i].Kind, chain[i].Role, i == 0 ? now : null));
        return review;
    }

    /// <summary>
    /// Records the reviewer's opinion on the current step and moves the chain on. Throws
    /// <see cref="ReviewRuleException"/> (Chinese message) and changes nothing when the opinion cannot be taken.
    /// </summary>
    public ReviewOpinion Decide(int stepNumber, string reviewerId, string reviewerName, IReadOnlyCollection<string> reviewerRoles,
        ReviewVerdict verdict, string? text, IReadOnlyDictionary<string, ChecklistAnswer>? checklist, DateTimeOffset now)
    {
        if (!Enum.IsDefined(verdict))
            throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Undefined review verdict.");
        if (State != ReviewState.InProgress)
            throw new ReviewRuleException($"本轮审查已{(State == ReviewState.Approved ? "通过" : "退回")}，不能再提出意见。");
        var step = CurrentStep!;
        if (step.Number != stepNumber)
            throw new ReviewRuleException($"当前待审环节是第 {step.Number} 步（{Checklists.StepName(step.Kind)}），不是第 {stepNumber} 步。");
        if (!reviewerRoles.Contains(step.Role))
            throw new ReviewForbiddenException($"本环节须由{StaffRoles.ChineseName(step.Role)}审查。");
        if (verdict != ReviewVerdict.Approve && string.IsNullOrWhiteSpace(text))
            throw new ReviewInputException("text", verdict == ReviewVerdict.Return ? "退回须说明理由。" : "提请上级审查须说明理由。");
        if (verdict == ReviewVerdict.Escalate && step.Kind == ReviewStepKind.Escalated)
            throw new ReviewRuleException("已是上级审查环节，不能再提请上级。");
        var missing = Checklists.Missing(step.Kind, checklist);
        if (missing.Count > 0)
            throw new ReviewInputException("checklist", $"请逐项回答审查要点（是或否）：{string.Join("、", missing)}。");

        var opinion = new ReviewOpinion(Guid.NewGuid(), Id, step.Number, step.Kind, verdict, text?.Trim() ?? "",
            checklist?.ToDictionary() ?? [], reviewerId, reviewerName, now) { TenantId = TenantId };
        step.Close(verdict switch
        {
            ReviewVerdict.Approve => ReviewStepState.Approved,
            ReviewVerdict.Return => ReviewStepState.Returned,
            _ => ReviewStepState.Escalated,
        }, opinion.Id);

        switch (verdict)
        {
            case ReviewVerdict.Return:
                State = ReviewState.Returned;
                FinishedAt = now;
                break;
            case ReviewVerdict.Escalate:
                // The approver decides in place of the referred step, then the chain continues.
                foreach (var later in _steps.Where(s => s.Number > step.Number))
                    later.Renumber(later.Number + 1);
                _steps.Insert(_steps.IndexOf(step) + 1, new ReviewStep(Id, step.Number + 1, ReviewStepKind.Escalated, StaffRoles.Approver, now) { TenantId = TenantId });
                break;
            default:
                if (_steps.FirstOrDefault(s => s.State == ReviewStepState.Waiting) is { } next)
                    next.Begin(now);
                else
                {
                    State = ReviewState.Approved;
                    FinishedAt = now;
                }
                break;
        }
        return opinion;
    }
}

public sealed class ReviewStep : ITenantOwned
{
    private ReviewStep() { }

    internal ReviewStep(Guid reviewId, int number, ReviewStepKind kind, string role, DateTimeOffset? startedAt)
    {
        Id = Guid.NewGuid();
        ReviewId = reviewId;
        Number = number;
        Kind = kind;
        Role = role;
        State = startedAt is null ? ReviewStepState.Waiting : ReviewStepState.Pending;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }
    public string TenantId { get; set; } = "";
    public int Number { get; private set; }
    public ReviewStepKind Kind { get; private set; }
    public string Role { get; private set; } = "";
    public ReviewStepState State { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public Guid? OpinionId { get; private set; }

    internal void Begin(DateTimeOffset now)
    {
        State = ReviewStepState.Pending;
        StartedAt = now;
    }

    internal void Close(ReviewStepState state, Guid opinionId)
    {
        State = state;
        OpinionId = opinionId;
    }

    internal void Renumber(int number) => Number = number;
}

/// <summary>One checklist question's answer; null means not answered (an empty <c>{}</c> answers nothing).</summary>
public sealed record ChecklistAnswer(bool? Answer, string? Note);

/// <summary>An opinion, attributed and time-stamped; stored append-only (a database trigger refuses changes).</summary>
public sealed record ReviewOpinion(
    Guid Id,
    Guid ReviewId,
    int StepNumber,
    ReviewStepKind StepKind,
    ReviewVerdict Verdict,
    string Text,
    Dictionary<string, ChecklistAnswer> Checklist,
    string ReviewerId,
    string ReviewerName,
    DateTimeOffset At) : ITenantOwned
{
    public string TenantId { get; set; } = "";
}

public class ReviewRuleException(string message) : InvalidOperationException(message);

public sealed class ReviewForbiddenException(string message) : ReviewRuleException(message);

/// <summary>The opinion itself is incomplete (no reasons, an unanswered question): the reviewer's input names the field.</summary>
public sealed class ReviewInputException(string field, string message) : ReviewRuleException(message)
{
    public string Field { get; } = field;
}
