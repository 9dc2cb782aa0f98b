using Gongkai.BuildingBlocks;

namespace Gongkai.Intake.Domain;

/// <summary>How the unit and the applicant confirmed receipt; ConfirmedAt defaults to now.</summary>
public sealed record ReceiptConfirmation
{
    public DateTimeOffset? ConfirmedAt { get; init; }
    public ConfirmationMethod? Method { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The outcome of Art. 31 for one application: arrival, the confirmation (if any) and the legal receipt
/// date, kept apart because they differ for letters, internet and fax. A null date means "awaiting confirmation".
/// </summary>
public sealed record ReceiptOutcome(
    DateTimeOffset ArrivedAt,
    DateTimeOffset? ConfirmedAt,
    ConfirmationMethod? Method,
    string? Note,
    DateOnly? LegalReceiptDate,
    IReadOnlyList<string> Warnings)
{
    public bool IsFixed => LegalReceiptDate is not null;
}

/// <summary>
/// Art. 31: the day of receipt by channel. In person: the day handed in. Post needing a signature: the day
/// the unit signs for it. Ordinary letters: the day the unit confirms with the applicant (due the day the
/// letter arrives). Internet and fax: the day both sides confirm. E-mail and the city platform are internet
/// channels. An oral application is written down by staff while the applicant is there, so it counts like
/// one handed in (the brief leaves this open; it is the reading that never delays the clock).
/// </summary>
public static class ReceiptDateRules
{
    /// <summary>How far in the future a time may be before it is a typo rather than clock skew.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Registering later than this after arrival is a data-entry error, not a backlog.</summary>
    public const int MaxDaysBack = 366;

    public static bool NeedsConfirmation(Channel channel) =>
        channel is Channel.Online or Channel.PostUnsigned or Channel.Fax or Channel.Email or Channel.CityPlatform;

    /// <summary>The rule in words, shown to staff next to the dates.</summary>
    public static string Explain(Channel channel) => channel switch
    {
        Channel.InPerson => "当面提交的，以提交之日为收到申请之日（第三十一条第一项）。",
        Channel.OralTranscribed => "口头申请由工作机构当场代为填写，以申请之日为收到申请之日。",
        Channel.PostSigned => "以邮政寄送需签收的，以签收之日为收到申请之日（第三十一条第二项）。",
        Channel.PostUnsigned => "平常信函等无需签收的，以工作机构与申请人确认之日为收到申请之日，应于收到信函当日确认（第三十一条第二项）。",
        Channel.Fax => "通过传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）。",
        Channel.Online or Channel.Email or Channel.CityPlatform => "通过互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）。",
        _ => "",
    };

    /// <summary>Methods that make sense for a channel: an online receipt cannot confirm a paper letter.</summary>
    public static bool Allows(Channel channel, ConfirmationMethod method) => method switch
    {
        ConfirmationMethod.OnlineReceipt => channel is Channel.Online or Channel.Email or Channel.CityPlatform,
        ConfirmationMethod.Fax => channel is Channel.Fax,
        _ => true,
    };

    /// <summary>
    /// Fixes what can be fixed at registration. Errors go to <paramref name="errors"/> keyed by request field
    /// (prefix <paramref name="confirmationField"/> for the confirmation's fields).
    /// </summary>
    public static ReceiptOutcome? Decide(Channel channel, DateTimeOffset? arrivedAt, ReceiptConfirmation? confirmation, DateTimeOffset now,
        IDictionary<string, string[]> errors, string confirmationField = "confirmation")
    {
        // PostgreSQL keeps instants in UTC; the China date is derived, never stored in the offset.
        var arrival = (arrivedAt ?? now).ToUniversalTime();
        var ok = true;
        if (arrival > now + ClockTolerance)
        {
            errors["arrivedAt"] = ["到达时间不能晚于现在。"];
            ok = false;
        }
        else if (arrival < now.AddDays(-MaxDaysBack))
        {
            errors["arrivedAt"] = ["到达时间不能早于一年前。"];
            ok = false;
        }

        if (!NeedsConfirmation(channel))
        {
            if (confirmation is not null)
            {
                errors[confirmationField] = [$"{channel.Label()}的申请无需确认：{Explain(channel)}"];
                return null;
            }
            return ok ? new ReceiptOutcome(arrival, null, null, null, ChinaTime.DateOf(arrival), []) : null;
        }

        if (confirmation is null)
            return ok ? new ReceiptOutcome(arrival, null, null, null, null, []) : null;
        return ok ? Confirm(channel, arrival, confirmation, now, errors, confirmationField) : null;
    }

    /// <summary>The confirmation step of an application that arrived at <paramref name="arrivedAt"/>.</summary>
    public static ReceiptOutcome? Confirm(Channel channel, DateTimeOffset arrivedAt, ReceiptConfirmation confirmation, DateTimeOffset now,
        IDictionary<string, string[]> errors, string confirmationField = "confirmation")
    {
        var prefix = string.IsNullOrEmpty(confirmationField) ? "" : confirmationField + ".";
        var before = errors.Count;
        if (!NeedsConfirmation(channel))
            errors[confirmationField.Length > 0 ? confirmationField : "channel"] = [$"{channel.Label()}的申请无需确认：{Explain(channel)}"];
        var confirmedAt = (confirmation.ConfirmedAt ?? now).ToUniversalTime();
        if (confirmedAt > now + ClockTolerance)
            errors[prefix + "confirmedAt"] = ["确认时间不能晚于现在。"];
        else if (confirmedAt < arrivedAt)
            errors[prefix + "confirmedAt"] = ["确认时间不能早于申请到达的时间。"];
        if (confirmation.Method is not { } method || !Enum.IsDefined(method))
            errors[prefix + "method"] = ["请选择确认方式（电话、短信、电子邮件、网上回执、传真、当面或其他）。"];
        else if (!Allows(channel, method))
            errors[prefix + "method"] = [$"{channel.Label()}的申请不能以该方式确认。"];
        var note = string.IsNullOrWhiteSpace(confirmation.Note) ? null : confirmation.Note.Trim();
        if (confirmation.Method == ConfirmationMethod.Other && note is null)
            errors[prefix + "note"] = ["确认方式为“其他”的，请在确认说明中写明如何确认。"];
        else if (note is { Length: > 500 })
            errors[prefix + "note"] = ["确认说明不能超过 500 个字。"];
        if (errors.Count > before)
            return null;

        return new ReceiptOutcome(arrivedAt, confirmedAt, confirmation.Method, note, ChinaTime.DateOf(confirmedAt), Warnings(channel, arrivedAt, confirmedAt));
    }

    /// <summary>What staff should know about a confirmation: an ordinary letter is to be confirmed the day it arrives.</summary>
    public static IReadOnlyList<string> Warnings(Channel channel, DateTimeOffset arrivedAt, DateTimeOffset? confirmedAt) =>
        channel == Channel.PostUnsigned && confirmedAt is { } confirmed && ChinaTime.DateOf(confirmed) > ChinaTime.DateOf(arrivedAt)
            ? ["第三十一条要求平常信函在到达当日与申请人确认；本申请的确认日晚于到达日，以确认日为收到申请之日。"]
            : [];
}
