using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>What a periodic re-review of a non-public item decided: the item's 公开属性 from then on.</summary>
public enum ReReviewOutcome
{
    /// <summary>Still 不予公开: the reason and article are confirmed (or corrected) by the reviewer.</summary>
    KeepNotPublic,
    /// <summary>依申请公开 from now on (for an item already 依申请公开: it stays so).</summary>
    ChangeToOnApplication,
    /// <summary>主动公开: the item becomes a proactive draft, ready to be submitted to the review chain.</summary>
    ChangeToProactive,
}

/// <summary>
/// The schedule of periodic re-reviews of items marked 不予公开 or 依申请公开 (坊子, 瓯海: the grounds for withholding
/// lapse — a decision becomes final, a secret is declassified — so every such marking is looked at again). A unit sets
/// the interval in months; the next re-review falls that many months after the date the item's marking counts from
/// (<see cref="InformationItem.ReReviewFrom"/>). Month arithmetic clamps to the month's end (01-31 + 1 month = 02-28).
/// </summary>
public static class NonPublicReReview
{
    public const int DefaultMonths = 12;
    public const int MinMonths = 1;
    public const int MaxMonths = 60;

    public static bool IsValidInterval(int months) => months is >= MinMonths and <= MaxMonths;

    public static DateOnly NextOn(DateOnly from, int months) => from.AddMonths(months);

    public static bool IsDue(DateOnly from, int months, DateOnly today) => NextOn(from, months) <= today;

    /// <summary>
    /// The latest "counts from" date that is due on <paramref name="today"/>, so lists filter with one comparison in the
    /// database: an item is due exactly when its date is on or before this one. On the last day of a month every day of
    /// the earlier month is due (their anniversaries clamp to today or earlier).
    /// </summary>
    public static DateOnly DueIfOnOrBefore(DateOnly today, int months)
    {
        var back = today.AddMonths(-months);
        return today.Day == DateTime.DaysInMonth(today.Year, today.Month)
            ? new DateOnly(back.Year, back.Month, DateTime.DaysInMonth(back.Year, back.Month))
            : back;
    }

    public static string OutcomeName(ReReviewOutcome outcome, DisclosureMode before) => outcome switch
    {
        ReReviewOutcome.KeepNotPublic => "维持不予公开",
        ReReviewOutcome.ChangeToOnApplication => before == DisclosureMode.OnApplication ? "维持依申请公开" : "改为依申请公开",
        ReReviewOutcome.ChangeToProactive => "改为主动公开",
        _ => outcome.ToString(),
    };
}

/// <summary>One recorded re-review of a non-public item; kept for good, listed with the item.</summary>
public sealed class ItemReReview : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid ItemId { get; init; }
    public ReReviewOutcome Outcome { get; init; }
    public DisclosureMode ModeBefore { get; init; }
    public DisclosureMode ModeAfter { get; init; }

    /// <summary>The reason and article the reviewer confirmed (KeepNotPublic only).</summary>
    public string? NotPublicReason { get; init; }
    public string? NotPublicArticle { get; init; }

    public string? Note { get; init; }
    public DateOnly ReviewedOn { get; init; }
    public required string ReviewedBy { get; init; }
    public DateTimeOffset ReviewedAt { get; init; }
}
