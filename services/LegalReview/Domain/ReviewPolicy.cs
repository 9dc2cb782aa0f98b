using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;

namespace Gongkai.LegalReview.Domain;

/// <summary>
/// A unit's review chain rules (brief §6.3: legal review is UNSURE in law, so configurable). Defaults: every
/// reply is signed off by the approver; refusals (不予公开、部分公开、不予处理, 无法提供) also get legal
/// counsel's legality review; anything touching a third party gets the confidentiality review first. A catalogue item
/// to be published proactively gets the confidentiality review (Art. 17: 先审查、后公开) and the approver's sign-off; a
/// unit practising 三审三校 adds the legality review.
/// </summary>
public sealed class ReviewPolicy : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public bool LegalityForEveryReply { get; set; }
    public bool LegalityForRefusals { get; set; } = true;
    public bool ConfidentialityWhenThirdParty { get; set; } = true;
    public bool ConfidentialityForEveryReply { get; set; }
    public bool ConfidentialityForPublications { get; set; } = true;
    public bool LegalityForPublications { get; set; }

    /// <summary>A step waiting longer than this many working days is flagged to its reviewers.</summary>
    public int StepAlertWorkingDays { get; set; } = 3;

    public static ReviewPolicy Defaults(string tenantId) => new() { TenantId = tenantId };

    public IReadOnlyList<(ReviewStepKind Kind, string Role)> ChainFor(string? outcome, bool touchesThirdParty)
    {
        var chain = new List<(ReviewStepKind, string)>();
        if (ConfidentialityForEveryReply || (ConfidentialityWhenThirdParty && touchesThirdParty))
            chain.Add((ReviewStepKind.Confidentiality, StaffRoles.LegalCounsel));
        if (LegalityForEveryReply || (LegalityForRefusals && IsRefusal(outcome)))
            chain.Add((ReviewStepKind.Legality, StaffRoles.LegalCounsel));
        chain.Add((ReviewStepKind.SignOff, StaffRoles.Approver));
        return chain;
    }

    public IReadOnlyList<(ReviewStepKind Kind, string Role)> ChainForPublication()
    {
        var chain = new List<(ReviewStepKind, string)>();
        if (ConfidentialityForPublications)
            chain.Add((ReviewStepKind.Confidentiality, StaffRoles.LegalCounsel));
        if (LegalityForPublications)
            chain.Add((ReviewStepKind.Legality, StaffRoles.LegalCounsel));
        chain.Add((ReviewStepKind.SignOff, StaffRoles.Approver));
        return chain;
    }

    /// <summary>Outcomes that deny the applicant some or all of what was asked (annual-report rows 二 to 五).</summary>
    public static bool IsRefusal(string? outcome) =>
        outcome is not null && (outcome.StartsWith("Withheld") || outcome.StartsWith("NotHandled") || outcome.StartsWith("Unavailable") || outcome == "PartiallyDisclosed");
}
