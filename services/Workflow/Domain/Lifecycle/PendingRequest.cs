namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>Whom the case is waiting for, and under which rule its answer period runs.</summary>
public enum RequestKind
{
    /// <summary>补正 (Art. 30): period set by the body ("合理的补正期限").</summary>
    Correction,

    /// <summary>征求第三方意见 (Art. 32): 15 working days from the letter's receipt.</summary>
    ThirdPartyOpinion,

    /// <summary>征求其他机关意见 (Art. 34): 15 working days from the letter's receipt; silence = consent.</summary>
    AgencyOpinion,

    /// <summary>协办 (internal practice; Songjiang asks for 5 working days).</summary>
    Assist,

    /// <summary>信息处理费 (109号): 20 working days counted from the day after the notice is received.</summary>
    FeePayment,

    /// <summary>说明理由 (Art. 35): period set by the body.</summary>
    Explanation,
}

/// <summary>
/// A letter or notice the case waits on: sent on one day, received by the other side on another (often
/// unknown when it is posted), answered or not. Until the receipt date is known the due date is
/// counted from the sending date and marked as an estimate; deemed-abandonment needs the real one.
/// </summary>
public sealed class PendingRequest
{
    private PendingRequest() { }

    public Guid Id { get; private set; }
    public RequestKind Kind { get; private set; }

    /// <summary>申请人, the third party, the agency or the internal unit.</summary>
    public string Party { get; private set; } = "";

    /// <summary>What was asked: the items to correct, the fee basis, the question.</summary>
    public string Details { get; private set; } = "";

    public DateOnly SentOn { get; private set; }
    public DateOnly? ReceivedOn { get; private set; }
    public int PeriodWorkingDays { get; private set; }

    /// <summary>Counting convention: the tenant's, except the fee period, which the rule fixes at "次日起".</summary>
    public bool CountStartDay { get; private set; }

    public DateOnly Due { get; private set; }
    public bool DueIsEstimate => ReceivedOn is null;
    public DateOnly? AnsweredOn { get; private set; }
    public string? Answer { get; private set; }
    public bool IsOpen => AnsweredOn is null;

    internal static PendingRequest Create(RequestKind kind, string party, string details, DateOnly sentOn, DateOnly? receivedOn,
        int periodWorkingDays, bool countStartDay, WorkingDayCalendar calendar)
    {
        var request = new PendingRequest
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Party = party,
            Details = details,
            SentOn = sentOn,
            PeriodWorkingDays = periodWorkingDays,
            CountStartDay = countStartDay,
        };
        request.MarkReceived(receivedOn, calendar);
        return request;
    }

    internal void MarkReceived(DateOnly? receivedOn, WorkingDayCalendar calendar)
    {
        ReceivedOn = receivedOn;
        Recompute(calendar);
    }

    internal void Close(DateOnly answeredOn, string answer)
    {
        AnsweredOn = answeredOn;
        Answer = answer;
    }

    internal void Recompute(WorkingDayCalendar calendar) =>
        Due = calendar.Due(ReceivedOn ?? SentOn, PeriodWorkingDays, CountStartDay);

    /// <summary>Whether the period has run out by <paramref name="today"/> (the due day itself is still in time).</summary>
    public bool HasLapsed(DateOnly today) => today > Due;

    public static string Text(RequestKind kind) => kind switch
    {
        RequestKind.Correction => "补正",
        RequestKind.ThirdPartyOpinion => "第三方意见",
        RequestKind.AgencyOpinion => "其他机关意见",
        RequestKind.Assist => "协办",
        RequestKind.FeePayment => "缴费",
        RequestKind.Explanation => "说明理由",
        _ => kind.ToString(),
    };
}
