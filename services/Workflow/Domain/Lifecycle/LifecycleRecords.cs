namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>One line of the case timeline, appended by every successful action; callers persist it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Description, string Actor, string? Reason = null);

/// <summary>Delivery route (Art. 40; brief §1.13).</summary>
public enum DeliveryMethod
{
    /// <summary>当面领取 / 当场交付.</summary>
    InPerson,

    /// <summary>邮寄 (挂号/EMS).</summary>
    Post,

    /// <summary>电子邮件.</summary>
    Email,

    /// <summary>网上申请平台.</summary>
    Online,

    /// <summary>传真.</summary>
    Fax,
}

/// <summary>送达 record: how, when, and the proof (送达回证, EMS receipt, mail log…).</summary>
public sealed record Delivery(DeliveryMethod Method, DateOnly DeliveredOn, string EvidenceRef, bool Late);

/// <summary>The fee notice sent for this application (one method only, 109号 Art. 3).</summary>
public sealed record FeeNotice(FeeMethod Method, decimal Amount, string Basis, DateOnly IssuedOn);

/// <summary>
/// A refused action. <see cref="Current"/> is the status the case was in; the API maps this to 409.
/// The message is Chinese and meant for the handler.
/// </summary>
public abstract class CaseLifecycleException(CaseStatus current, string message) : InvalidOperationException(message)
{
    public CaseStatus Current { get; } = current;
}

/// <summary>The action is not allowed from the current status.</summary>
public sealed class IllegalTransitionException(CaseStatus current, CaseAction action, string message)
    : CaseLifecycleException(current, message)
{
    public CaseAction Action { get; } = action;
}

/// <summary>The status allows the action, but a statutory rule forbids it (second extension, closing without a decision…).</summary>
public sealed class CaseRuleException(CaseStatus current, string message) : CaseLifecycleException(current, message);

public static class DeliveryText
{
    public static string Label(this DeliveryMethod method) => method switch
    {
        DeliveryMethod.InPerson => "当面交付",
        DeliveryMethod.Post => "邮寄",
        DeliveryMethod.Email => "电子邮件",
        DeliveryMethod.Online => "网上平台",
        DeliveryMethod.Fax => "传真",
        _ => method.ToString(),
    };
}
