using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>
/// A district's supervision settings: the 红黑榜 scoring rules, the spot-check checklist and the public heat map's smallest
/// shown count. The brief finds no binding text for any of them (§4.3 UNSURE), so all are the district's to set.
/// </summary>
public sealed class SupervisionSettings : ITenantOwned
{
    public const int DefaultMinimumPublicCount = 5;

    /// <summary>
    /// 程序规范 and 实体规范 questions a legal counsel answers for each sampled case; the last five are the 五问 that district
    /// spot checks commonly ask. A default: the district edits it.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultChecklist =
    [
        "程序：收到申请后是否及时登记、受理？",
        "程序：需要补正的，是否一次性告知补正事项？",
        "程序：是否在法定期限内答复（含延期审批手续）？",
        "程序：征求第三方或其他机关意见是否规范？",
        "程序：答复书是否依法送达并留存送达凭证？",
        "实体：答复类型是否与申请内容相符？",
        "实体：不予公开或无法提供的，理由和法律依据是否准确？",
        "实体：答复书是否告知救济途径和期限？",
        "实体：文书格式、文号、印章是否规范？",
        "实体：案卷材料是否齐全、一案一档？",
    ];

    public string TenantId { get; set; } = "";
    public ScoringRules Rules { get; set; } = ScoringRules.Default;
    public List<string> Checklist { get; set; } = [.. DefaultChecklist];
    public int MinimumPublicCount { get; set; } = DefaultMinimumPublicCount;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
