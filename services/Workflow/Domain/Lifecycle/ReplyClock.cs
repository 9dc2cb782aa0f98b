namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>What the current reply clock counts from.</summary>
public enum ClockStartCause
{
    /// <summary>法定收到申请日 (Art. 31).</summary>
    ApplicationReceived,

    /// <summary>收到补正后的申请 (Art. 30: the deadline restarts).</summary>
    CorrectionReceived,

    /// <summary>收到复议决定或裁判文书 (the case is handled again).</summary>
    RulingReceived,
}

/// <summary>Why the clock stood still.</summary>
public enum PauseCause
{
    /// <summary>Waiting for a correction: the clock will restart anyway, so it must not run out meanwhile.</summary>
    AwaitingCorrection,

    /// <summary>Art. 33 para 3.</summary>
    ThirdPartyConsultation,

    /// <summary>Art. 33 para 3.</summary>
    AgencyConsultation,

    /// <summary>Fee notice → payment (brief §1.10: UNSURE, modelled as a pause).</summary>
    FeeNotice,
}

public sealed record ClockStart(DateOnly On, ClockStartCause Cause);

/// <summary>
/// A pause from <paramref name="From"/> to <paramref name="To"/> (null while it lasts). The working days after
/// From up to and including To are not counted: the day the letter goes out still counts (the clock ran
/// that day), the day the answer comes back does not, and counting resumes the day after.
/// </summary>
public sealed record ClockPause(PauseCause Cause, DateOnly From, DateOnly? To, string Note);

public sealed record ClockExtension(DateOnly DecidedOn, int WorkingDays, string ApprovedBy, string Reason);

/// <summary>
/// Art. 35 reasonable delay. The date the body set is kept, and also converted into working days added
/// to the budget, so a later consultation pause still moves it like any other deadline.
/// </summary>
public sealed record ReasonableDelay(DateOnly DecidedOn, DateOnly Until, int AddedWorkingDays, string Reason);

/// <summary>Raised by the clock for a rule it cannot follow; the lifecycle re-raises it with the case status.</summary>
public sealed class ClockRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// The Art. 33 reply clock on the working-day calendar: a budget of 20 working days (+ an extension, + an
/// Art. 35 delay) counted from the start date, minus pauses. State is plain data so it can be persisted;
/// every computation takes the calendar, and <see cref="Due"/> is stored so due-soon/overdue queries need
/// no calendar.
/// <para>
/// While paused, <see cref="Due"/> is <c>null</c>: any date shown would be wrong the next day, and a null
/// keeps paused cases out of overdue alerts. Use <see cref="RemainingWorkingDays"/> (frozen) or
/// <see cref="DueIfResumedOn"/> instead. Exception: if the deadline had already passed before the pause,
/// <see cref="Due"/> keeps that missed date, since pausing cannot cure a late reply.
/// </para>
/// </summary>
public sealed class ReplyClock
{
    public const int StatutoryWorkingDays = 20;     // Art. 33 para 2
    public const int MaxExtensionWorkingDays = 20;  // Art. 33 para 2

    private readonly List<ClockPause> _pauses = [];
    private readonly List<ClockStart> _earlierStarts = [];

    private ReplyClock() { }

    public DateOnly StartedOn { get; private set; }
    public ClockStartCause StartCause { get; private set; }

    /// <summary>20, unless a ruling ordered another period for the new reply.</summary>
    public int BaseWorkingDays { get; private set; }

    /// <summary>Per-tenant convention (brief §1.6 UNSURE): whether the start day itself is day 1.</summary>
    public bool CountStartDay { get; private set; }

    public ClockExtension? Extension { get; private set; }
    public ReasonableDelay? Delay { get; private set; }

    /// <summary>The day the reply was given (or the case otherwise ended); nothing is counted after it.</summary>
    public DateOnly? StoppedOn { get; private set; }

    public DateOnly? Due { get; private set; }
    public bool DueProvisional { get; private set; }

    /// <summary>Working days the reply took on this clock (pauses not counted); null until the clock stops.</summary>
    public int? WorkingDaysTaken { get; private set; }

    /// <summary>Pauses of the current clock; a restart drops them (the timeline keeps the history).</summary>
    public IReadOnlyList<ClockPause> Pauses => _pauses;

    /// <summary>Earlier clocks that a correction or a ruling replaced, oldest first.</summary>
    public IReadOnlyList<ClockStart> EarlierStarts => _earlierStarts;

    public int TotalWorkingDays => BaseWorkingDays + (Extension?.WorkingDays ?? 0) + (Delay?.AddedWorkingDays ?? 0);
    public ClockPause? OpenPause => _pauses.Count > 0 && _pauses[^1].To is null ? _pauses[^1] : null;
    public bool IsPaused => OpenPause is not null;
    public bool IsStopped => StoppedOn is not null;

    private DateOnly CountFrom => CountStartDay ? StartedOn.AddDays(-1) : StartedOn;

    public static ReplyClock Start(DateOnly on, ClockStartCause cause, bool countStartDay, WorkingDayCalendar calendar,
        int workingDays = StatutoryWorkingDays)
    {
        if (workingDays <= 0)
            throw new ClockRuleException("答复期限的工作日数必须大于零。");
        var clock = new ReplyClock { StartedOn = on, StartCause = cause, CountStartDay = countStartDay, BaseWorkingDays = workingDays };
        clock.Recompute(calendar);
        return clock;
    }

    /// <summary>A fresh clock from <paramref name="on"/>: earlier pauses, extension and delay no longer apply.</summary>
    public void Restart(DateOnly on, ClockStartCause cause, WorkingDayCalendar calendar, int workingDays = StatutoryWorkingDays)
    {
        if (on < StartedOn)
            throw new ClockRuleException($"重新起算日 {on:yyyy-MM-dd} 早于原起算日 {StartedOn:yyyy-MM-dd}。");
        if (workingDays <= 0)
            throw new ClockRuleException("答复期限的工作日数必须大于零。");
        _earlierStarts.Add(new ClockStart(StartedOn, StartCause));
        _pauses.Clear();
        StartedOn = on;
        StartCause = cause;
        BaseWorkingDays = workingDays;
        Extension = null;
        Delay = null;
        StoppedOn = null;
        Recompute(calendar);
    }

    public void Pause(DateOnly from, PauseCause cause, string note, WorkingDayCalendar calendar)
    {
        if (IsStopped)
            throw new ClockRuleException("答复期限已停止计算，不能暂停。");
        if (IsPaused)
            throw new ClockRuleException($"答复期限已因“{Text(OpenPause!.Cause)}”暂停，不能重复暂停。");
        if (from < StartedOn)
            throw new ClockRuleException($"暂停日 {from:yyyy-MM-dd} 早于起算日 {StartedOn:yyyy-MM-dd}。");
        if (_pauses.Count > 0 && from < _pauses[^1].To)
            throw new ClockRuleException($"暂停日 {from:yyyy-MM-dd} 早于上一次恢复日 {_pauses[^1].To:yyyy-MM-dd}。");
        _pauses.Add(new ClockPause(cause, from, null, note));
        Recompute(calendar);
    }

    public void Resume(DateOnly on, WorkingDayCalendar calendar)
    {
        var open = OpenPause ?? throw new ClockRuleException("答复期限未暂停，无需恢复。");
        if (on < open.From)
            throw new ClockRuleException($"恢复日 {on:yyyy-MM-dd} 早于暂停日 {open.From:yyyy-MM-dd}。");
        _pauses[^1] = open with { To = on };
        Recompute(calendar);
    }

    /// <summary>Art. 33 para 2: once per clock, at most 20 working days, decided before the deadline passes.</summary>
    public void Extend(int workingDays, DateOnly decidedOn, string approvedBy, string reason, WorkingDayCalendar calendar)
    {
        if (Extension is not null)
            throw new ClockRuleException($"答复期限已于 {Extension.DecidedOn:yyyy-MM-dd} 延长过一次，条例第三十三条只允许延长一次。");
        if (workingDays is <= 0 or > MaxExtensionWorkingDays)
            throw new ClockRuleException($"延长期限最长不得超过 {MaxExtensionWorkingDays} 个工作日（条例第三十三条），且须大于零。");
        if (string.IsNullOrWhiteSpace(approvedBy))
            throw new ClockRuleException("延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new ClockRuleException("请填写延长答复期限的理由。");
        if (IsStopped)
            throw new ClockRuleException("已经答复，不能再延长答复期限。");
        if (Due is { } due && decidedOn > due)
            throw new ClockRuleException($"答复期限已于 {due:yyyy-MM-dd} 届满，不能再延长。");
        Extension = new ClockExtension(decidedOn, workingDays, approvedBy, reason);
        Recompute(calendar);
    }

    /// <summary>
    /// Art. 35: an explicit later due date. It must be a working day (so the conversion into working days is
    /// exact) and later than the current deadline; setting it again replaces the earlier one.
    /// </summary>
    public void DelayUntil(DateOnly until, DateOnly decidedOn, string reason, WorkingDayCalendar calendar)
    {
        if (IsPaused || IsStopped)
            throw new ClockRuleException("答复期限暂停或停止期间不能确定延迟答复期限。");
        if (string.IsNullOrWhiteSpace(reason))
            throw new ClockRuleException("请填写确定延迟答复期限的理由。");
        if (!calendar.IsWorkingDay(until))
            throw new ClockRuleException($"延迟答复期限 {until:yyyy-MM-dd} 不是工作日，请选择工作日。");
        var previous = Delay;
        Delay = null;
        var withoutDelay = Compute(calendar);
        if (withoutDelay is not { } baseDue || until <= baseDue)
        {
            Delay = previous;
            throw new ClockRuleException($"延迟答复期限 {until:yyyy-MM-dd} 须晚于原答复期限 {withoutDelay:yyyy-MM-dd}。");
        }
        Delay = new ReasonableDelay(decidedOn, until, calendar.WorkingDaysBetween(baseDue, until), reason);
        Recompute(calendar);
    }

    /// <summary>The reply was given (or the case ended) on <paramref name="on"/>; an open pause ends that day.</summary>
    public void Stop(DateOnly on, WorkingDayCalendar calendar)
    {
        if (OpenPause is { } open)
            _pauses[^1] = open with { To = on < open.From ? open.From : on };
        StoppedOn = on;
        Recompute(calendar);
    }

    /// <summary>Recomputes the stored due date, e.g. after a year's holiday schedule was added.</summary>
    public void Recompute(WorkingDayCalendar calendar)
    {
        var due = Compute(calendar);
        Due = due;
        WorkingDaysTaken = StoppedOn is { } stopped ? UsedWorkingDays(stopped, calendar) : null;
        DueProvisional = due is { } d && Enumerable.Range(StartedOn.Year, d.Year - StartedOn.Year + 1).Any(y => !calendar.IsScheduled(y));
    }

    public bool IsOverdue(DateOnly today) => Due is { } due && (StoppedOn ?? today) > due;

    /// <summary>
    /// Working days of the budget left after <paramref name="today"/>: 0 on the due date, negative once
    /// working days pass beyond it, frozen while paused and after the clock stops. Because it counts only
    /// working days, a weekend right after the due date still shows 0: use <see cref="IsOverdue"/> for the legal test.
    /// </summary>
    public int RemainingWorkingDays(DateOnly today, WorkingDayCalendar calendar) =>
        TotalWorkingDays - UsedWorkingDays(StoppedOn is { } s && s < today ? s : today, calendar);

    /// <summary>While paused: the due date if the clock resumed on <paramref name="resumeOn"/>.</summary>
    public DateOnly? DueIfResumedOn(DateOnly resumeOn, WorkingDayCalendar calendar)
    {
        if (OpenPause is not { } open)
            return Due;
        if (Due is { } missed)
            return missed;
        var remaining = TotalWorkingDays - UsedWorkingDays(open.From, calendar);
        return DueAfter(resumeOn, remaining, calendar);
    }

    /// <summary>How the due date was reached, one Chinese sentence per step.</summary>
    public IReadOnlyList<string> Explain(WorkingDayCalendar calendar)
    {
        var lines = new List<string>();
        var starts = _earlierStarts.Append(new ClockStart(StartedOn, StartCause)).ToList();
        for (var i = 0; i < starts.Count - 1; i++)
            lines.Add($"原期限自 {starts[i].On:yyyy-MM-dd}（{Text(starts[i].Cause)}）起算，因 {starts[i + 1].On:yyyy-MM-dd} " +
                $"{Text(starts[i + 1].Cause)}而重新起算，原期限不再适用。");

        lines.Add($"起算：{StartedOn:yyyy-MM-dd}（{Text(StartCause)}），起算日当日{(CountStartDay ? "计入" : "不计入")}；" +
            $"答复期限 {BaseWorkingDays} 个工作日（{(BaseWorkingDays == StatutoryWorkingDays ? "条例第三十三条" : "复议决定或裁判确定的期限")}）。");

        foreach (var p in _pauses)
            lines.Add(p switch
            {
                { To: { } to } => $"暂停：{p.From:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{Text(p.Cause)}{Note(p)}，不计入 {calendar.WorkingDaysBetween(p.From, to)} 个工作日。",
                { Cause: PauseCause.AwaitingCorrection } => $"暂停中：自 {p.From:yyyy-MM-dd} 起等待申请人补正，收到补正后的申请之日起重新计算答复期限（条例第三十条）。",
                _ => $"暂停中：自 {p.From:yyyy-MM-dd} 起{Text(p.Cause)}{Note(p)}，期限冻结，恢复后剩余工作日从恢复日次日起继续计算。",
            });

        if (Extension is { } e)
            lines.Add($"延长：{e.DecidedOn:yyyy-MM-dd} 经{e.ApprovedBy}同意延长 {e.WorkingDays} 个工作日（条例第三十三条第二款），理由：{e.Reason}。");
        if (Delay is { } d)
            lines.Add($"合理延迟：{d.DecidedOn:yyyy-MM-dd} 依条例第三十五条确定答复期限为 {d.Until:yyyy-MM-dd}（增加 {d.AddedWorkingDays} 个工作日），理由：{d.Reason}。");

        if (Due is { } due)
        {
            var span = calendar.WorkingDaysBetween(CountFrom, due);
            if (span > 0)
            {
                var walk = calendar.AddWorkingDays(CountFrom, span);
                var holidays = walk.Skipped.Where(s => s.Reason != "周末").Select(s => $"{s.Reason} {s.From:MM-dd} 至 {s.To:MM-dd}").ToList();
                if (holidays.Count > 0)
                    lines.Add($"期间节假日（不计入）：{string.Join("；", holidays)}。");
                if (walk.AdjustedWorkingDaysCounted.Count > 0)
                    lines.Add($"期间调休上班日（计入）：{string.Join("、", walk.AdjustedWorkingDaysCounted.Select(x => x.ToString("yyyy-MM-dd")))}。");
            }
        }

        var remainingNote = IsPaused ? $"已用 {UsedWorkingDays(OpenPause!.From, calendar)} 个工作日，剩余 {TotalWorkingDays - UsedWorkingDays(OpenPause.From, calendar)} 个工作日" : null;
        lines.Add(Due switch
        {
            null when OpenPause!.Cause == PauseCause.AwaitingCorrection => "结论：等待补正，暂无答复期限。",
            null => $"结论：共 {TotalWorkingDays} 个工作日，目前暂停（{remainingNote}），恢复后重新确定答复期限。",
            { } x when IsPaused => $"结论：暂停前答复期限 {x:yyyy-MM-dd} 已届满，暂停不能补救。",
            { } x => $"结论：共 {TotalWorkingDays} 个工作日，答复期限为 {x:yyyy-MM-dd}" + (DueProvisional ? "（涉及未录入节假日安排的年份，暂定）。" : "。"),
        });
        if (StoppedOn is { } stopped)
            lines.Add($"已于 {stopped:yyyy-MM-dd} 停止计算（{(IsOverdue(stopped) ? "逾期" : "在期限内")}）。");
        return lines;
    }

    /// <summary>Working days counted from the start up to <paramref name="until"/>, skipping paused spans.</summary>
    private int UsedWorkingDays(DateOnly until, WorkingDayCalendar calendar)
    {
        var cursor = CountFrom;
        var used = 0;
        foreach (var pause in _pauses)
        {
            if (until <= pause.From)
                return used + Math.Max(0, calendar.WorkingDaysBetween(cursor, until));
            used += calendar.WorkingDaysBetween(cursor, pause.From);
            if (pause.To is not { } to || until <= to)
                return used;
            cursor = to;
        }
        return used + Math.Max(0, calendar.WorkingDaysBetween(cursor, until));
    }

    /// <summary>
    /// Walks the counting segments between pauses until the budget is spent. Null while paused, unless the
    /// budget ran out before the pause began.
    /// </summary>
    private DateOnly? Compute(WorkingDayCalendar calendar)
    {
        var budget = TotalWorkingDays;
        var cursor = CountFrom;
        foreach (var pause in _pauses)
        {
            var available = calendar.WorkingDaysBetween(cursor, pause.From);
            // Strictly more: a deadline falling on the day the pause began is not missed yet; 0 days remain
            // and the reply is due on the resume date.
            if (available > budget)
                return DueAfter(cursor, budget, calendar);
            budget -= available;
            if (pause.To is not { } to)
                return null;
            cursor = to;
        }
        return DueAfter(cursor, budget, calendar);
    }

    private static DateOnly DueAfter(DateOnly countFrom, int workingDays, WorkingDayCalendar calendar) =>
        workingDays <= 0 ? countFrom : calendar.Due(countFrom, workingDays);

    private static string Note(ClockPause p) => string.IsNullOrWhiteSpace(p.Note) ? "" : $"（{p.Note}）";

    public static string Text(ClockStartCause cause) => cause switch
    {
        ClockStartCause.ApplicationReceived => "法定收到申请日",
        ClockStartCause.CorrectionReceived => "收到补正后的申请",
        ClockStartCause.RulingReceived => "收到复议决定或裁判文书",
        _ => cause.ToString(),
    };

    public static string Text(PauseCause cause) => cause switch
    {
        PauseCause.AwaitingCorrection => "等待申请人补正",
        PauseCause.ThirdPartyConsultation => "征求第三方意见",
        PauseCause.AgencyConsultation => "征求其他机关意见",
        PauseCause.FeeNotice => "收费通知至缴费",
        _ => cause.ToString(),
    };
}
