namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>What the review chain's approval of an interpretation leads to, given the state of its policy.</summary>
public enum InterpretationOutcome
{
    /// <summary>The policy is (or was) public: the interpretation is published now.</summary>
    PublishNow,

    /// <summary>The policy was never published yet: the interpretation waits and goes public with it.</summary>
    WaitForPolicy,

    /// <summary>The policy was withdrawn (or is gone) meanwhile: the interpretation goes back to draft, never public.</summary>
    Return,
}

/// <summary>
/// 政策解读: an item that explains a policy document of the same unit, drafted and reviewed with it (谁起草谁解读) and
/// shown beside it. The rules, in one place:
/// <list type="bullet">
/// <item>The link names a proactive, not withdrawn item of the unit that is not itself an interpretation.</item>
/// <item>Submitting a policy submits its interpretation drafts too, each to its own review chain; an interpretation goes
/// to review no earlier than its policy (alone only once the policy is under review or was published).</item>
/// <item>A unit may require an interpretation for genres it names (<see cref="PublishingSettings.InterpretationRequiredFor"/>;
/// which documents need one is local practice, so it is the unit's setting and off by default).</item>
/// <item>Whichever approval arrives first, the interpretation is never public before its policy: approved before the
/// policy's first publication, it waits (AwaitingPolicy) and is published in the policy's publishing transaction. Once
/// the policy was published, its interpretations (e.g. a later one, or one approved after a return) publish on approval.</item>
/// <item>Withdrawing a policy withdraws its published interpretations with it.</item>
/// </list>
/// </summary>
public static class Interpretations
{
    /// <summary>
    /// Why <paramref name="policy"/> cannot be the item that the item <paramref name="selfId"/> (null while creating)
    /// interprets, or null when it can. <paramref name="selfHasInterpretations"/>: other items already interpret this one.
    /// </summary>
    public static string? LinkProblem(Guid? selfId, InformationItem? policy, bool selfHasInterpretations)
    {
        if (policy is null)
            return "所解读的政策文件不存在：须为本单位政府信息公开目录中的信息。";
        if (policy.Id == selfId)
            return "一条信息不能解读它自己。";
        if (policy.IsInterpretation || policy.Genre == Genre.Interpretation)
            return "所选信息本身是解读，请选择被解读的政策文件。";
        if (policy.State == ItemState.Withdrawn)
            return "所选政策文件已撤回，不能再为其起草解读。";
        if (policy.Mode != DisclosureMode.Proactive)
            return "所选信息不是主动公开的信息，其解读无法与它一并公开。";
        if (selfHasInterpretations)
            return "已有解读关联到本信息，它是被解读的文件，不能再作为解读。";
        return null;
    }

    /// <summary>
    /// Throws the rule a submission of <paramref name="item"/> breaks. For an interpretation: its <paramref name="policy"/>
    /// must be under review or published. For any other item: a genre the unit requires an interpretation for needs one
    /// (<paramref name="hasLiveInterpretation"/>: an interpretation of it that is not withdrawn; drafts are submitted with it).
    /// </summary>
    public static void EnsureSubmittable(InformationItem item, InformationItem? policy, bool hasLiveInterpretation, IReadOnlyCollection<Genre> requiredFor)
    {
        if (item.IsInterpretation)
        {
            if (policy is null || policy.State == ItemState.Withdrawn)
                throw new ItemRuleException("所解读的政策文件已撤回或不存在，解读不能再提交公开。");
            if (!policy.EverPublished && policy.State != ItemState.UnderReview)
                throw new ItemRuleException($"解读与所解读的政策文件同步审核：请提交政策文件《{policy.Title}》，其解读草稿将一并送审。");
            return;
        }
        if (requiredFor.Contains(item.Genre) && !hasLiveInterpretation)
            throw new ItemRuleException($"本单位要求“{Genres.ChineseName(item.Genre)}”类文件附政策解读（谁起草谁解读）：请先起草解读并关联到本文件，再一并提交。");
    }

    /// <summary>The interpretation drafts that go to review when their policy is submitted.</summary>
    public static IEnumerable<InformationItem> SubmittedWith(IEnumerable<InformationItem> interpretations) =>
        interpretations.Where(i => i.State == ItemState.Draft && i.Mode == DisclosureMode.Proactive);

    /// <summary>What an approval of an interpretation does, given its policy now (read under the policy's row lock).</summary>
    public static InterpretationOutcome OnApproval(InformationItem? policy) => policy switch
    {
        null or { State: ItemState.Withdrawn } => InterpretationOutcome.Return,
        { EverPublished: true } => InterpretationOutcome.PublishNow,
        _ => InterpretationOutcome.WaitForPolicy,
    };

    /// <summary>Who returns an interpretation whose policy went away: the platform, not a person.</summary>
    public const string SystemActor = "系统";

    /// <summary>The reason a held or reviewed interpretation of a withdrawn policy is returned with.</summary>
    public const string PolicyGoneReason = "所解读的政策文件已撤回，解读不再公开；如仍需要，请关联其他文件后重新提交。";
}
