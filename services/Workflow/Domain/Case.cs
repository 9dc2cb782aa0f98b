using Gongkai.Contracts;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.Workflow.Domain;

/// <summary>
/// A disclosure case as stored: the statutory <see cref="CaseLifecycle"/> (kept whole as a document) plus
/// the columns lists and alerts filter on, refreshed after every action, and the timeline as rows.
/// </summary>
public sealed class Case : ITenantOwned
{
    private readonly List<CaseEvent> _timeline = [];

    private Case() { }

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public Guid ApplicationId { get; private set; }
    public string CaseNumber { get; private set; } = "";

    /// <summary>Whom every letter is addressed to (no ID number, phone or address is kept here).</summary>
    public string ApplicantName { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public CaseLifecycle Lifecycle { get; private set; } = null!;

    // Denormalised from the lifecycle for queries (see Refresh).
    public CaseStatus Status { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public DateOnly? ReplyDue { get; private set; }
    public bool ReplyDueProvisional { get; private set; }
    public bool ClockPaused { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public string? HandlerId { get; private set; }
    public string? HandlerName { get; private set; }

    public IReadOnlyList<CaseEvent> Timeline => _timeline;

    public static Case Open(Guid applicationId, string caseNumber, string applicantName, DateOnly receivedOn, ApplicantCategory applicant, bool countStartDay,
        WorkingDayCalendar calendar, DateTimeOffset now, string? traceId, string? suggestedDomain = null)
    {
        var @case = new Case
        {
            Id = Guid.NewGuid(),
            ApplicationId = applicationId,
            CaseNumber = caseNumber,
            ApplicantName = applicantName,
            OpenedAt = now,
            Lifecycle = CaseLifecycle.Open(receivedOn, applicant, countStartDay, calendar, now, "系统"),
        };
        @case.Lifecycle.SuggestDomain(suggestedDomain);
        @case.TakeTimeline(0, traceId);
        @case.Refresh();
        return @case;
    }

    /// <summary>
    /// Runs one lifecycle action. On success its timeline entries become rows and the query columns are
    /// refreshed; on a refusal the lifecycle throws and nothing changes.
    /// </summary>
    /// <returns>True when the status changed.</returns>
    public bool Apply(Action<CaseLifecycle> action, string? traceId)
    {
        var before = Lifecycle.Status;
        var entries = Lifecycle.Timeline.Count;
        action(Lifecycle);
        TakeTimeline(entries, traceId);
        Refresh();
        return Lifecycle.Status != before;
    }

    public void Assign(string handlerId, string handlerName, DateTimeOffset now, string actor, string? traceId)
    {
        var previous = HandlerName;
        HandlerId = handlerId;
        HandlerName = handlerName;
        AddEvent(now, "assigned", previous is null ? $"分配承办人：{handlerName}" : $"承办人由 {previous} 改为 {handlerName}", actor, null, traceId);
    }

    /// <summary>A fact from elsewhere (an issued document, a review task) shown on the timeline.</summary>
    public void Note(DateTimeOffset at, string kind, string description, string actor, string? traceId) =>
        AddEvent(at, kind, description, actor, null, traceId);

    public void RecomputeDeadlines(WorkingDayCalendar calendar)
    {
        Lifecycle.RecomputeDeadlines(calendar);
        Refresh();
    }

    /// <summary>The lifecycle's in-memory timeline starts empty after loading; its new entries become rows.</summary>
    private void TakeTimeline(int from, string? traceId)
    {
        foreach (var entry in Lifecycle.Timeline.Skip(from))
            AddEvent(entry.At, entry.Kind, entry.Description, entry.Actor, entry.Reason, traceId);
    }

    private void AddEvent(DateTimeOffset at, string kind, string description, string actor, string? reason, string? traceId) =>
        _timeline.Add(new CaseEvent
        {
            Id = Guid.NewGuid(),
            CaseId = Id,
            TenantId = TenantId,
            At = at,
            Kind = kind,
            Description = CaseEvent.Fit(description)!,
            Reason = CaseEvent.Fit(reason),
            Actor = actor,
            TraceId = traceId,
        });

    private void Refresh()
    {
        Status = Lifecycle.Status;
        ReceivedOn = Lifecycle.ReceivedOn;
        ReplyDue = Lifecycle.Clock.Due;
        ReplyDueProvisional = Lifecycle.Clock.DueProvisional;
        ClockPaused = Lifecycle.Clock.IsPaused;
        ClosedOn = Lifecycle.ClosedOn;
    }
}

/// <summary>One line of the case timeline: who did what, when, why, and the trace that did it.</summary>
public sealed class CaseEvent : ITenantOwned
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public string TenantId { get; set; } = "";
    public DateTimeOffset At { get; init; }
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public string? Reason { get; init; }
    public required string Actor { get; init; }
    public string? TraceId { get; init; }

    /// <summary>The columns' length. A line quoting long input is shortened here; the case document keeps the whole text.</summary>
    public const int MaxTextLength = 2000;

    public static string? Fit(string? text) => text is { Length: > MaxTextLength } ? text[..(MaxTextLength - 1)] + "…" : text;
}
