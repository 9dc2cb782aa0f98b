using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Workflow.Domain;

public enum CaseState
{
    /// <summary>登记受理: the application is registered and the reply clock runs.</summary>
    Received,

    /// <summary>审查中: the draft decision is with LegalReview.</summary>
    UnderReview,
}

/// <summary>
/// A disclosure case (one per application). The full statutory state machine comes with the Workflow
/// issue; this holds what the walking skeleton needs: state, the reply deadline and the timeline.
/// </summary>
public sealed class Case : ITenantOwned
{
    public const int ReplyWorkingDays = 20; // Art. 33: 20 working days from receipt.

    private readonly List<CaseEvent> _timeline = [];

    private Case() { }

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public Guid ApplicationId { get; private set; }
    public string CaseNumber { get; private set; } = "";
    public CaseState State { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public DateOnly ReplyDue { get; private set; }
    public bool ReplyDueProvisional { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public IReadOnlyList<CaseEvent> Timeline => _timeline;

    public static Case Open(Guid applicationId, string caseNumber, DateOnly receivedOn, WorkingDayCalendar calendar, DateTimeOffset now, string? traceId)
    {
        var deadline = calendar.AddWorkingDays(receivedOn, ReplyWorkingDays);
        var @case = new Case
        {
            Id = Guid.NewGuid(),
            ApplicationId = applicationId,
            CaseNumber = caseNumber,
            State = CaseState.Received,
            ReceivedOn = receivedOn,
            ReplyDue = deadline.Due,
            ReplyDueProvisional = deadline.Provisional,
            OpenedAt = now,
        };
        @case.Record(now, "opened", $"登记受理，法定收到申请日 {receivedOn:yyyy-MM-dd}，答复期限 {deadline.Due:yyyy-MM-dd}" +
            (deadline.Provisional ? "（暂定）" : ""), "系统", traceId);
        return @case;
    }

    public void RequestReview(DateTimeOffset now, string actor, string? traceId)
    {
        if (State != CaseState.Received)
            throw new InvalidCaseTransitionException(State, "提请审查");
        State = CaseState.UnderReview;
        Record(now, "review-requested", "答复意见已提请法律审查", actor, traceId);
    }

    public void Record(DateTimeOffset at, string kind, string description, string actor, string? traceId) =>
        _timeline.Add(new CaseEvent
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            TenantId = TenantId,
            At = at,
            Kind = kind,
            Description = description,
            Actor = actor,
            TraceId = traceId,
        });
}

/// <summary>One line of the case timeline: who did what, when, and the trace that did it.</summary>
public sealed class CaseEvent : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public string TenantId { get; set; } = "";
    public DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public required string Actor { get; init; }
    public string? TraceId { get; init; }
}

public sealed class InvalidCaseTransitionException(CaseState current, string action)
    : InvalidOperationException($"案件当前状态为 {current}，不能{action}。")
{
    public CaseState Current { get; } = current;
}
