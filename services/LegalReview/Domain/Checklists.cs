namespace Gongkai.LegalReview.Domain;

/// <summary>The questions each kind of step must answer (brief §6.1 五步; §1.9 and Art. 14–16 for confidentiality).</summary>
public static class Checklists
{
    public static readonly IReadOnlyDictionary<string, string> Legality = new Dictionary<string, string>
    {
        ["correction"] = "补不补：申请是否需要补正，补正是否已一次性告知？",
        ["responsibility"] = "该不该：是否属于本机关依申请公开的范围和职责？",
        ["existence"] = "有没有：是否已认真检索，信息是否存在、由本机关掌握？",
        ["disclosure"] = "给不给：是否依条例第十四至十六条判断可否公开，是否区分处理？",
        ["reply"] = "当不当：答复类型、法律依据、救济途径和送达方式是否适当？",
    };

    public static readonly IReadOnlyDictionary<string, string> Confidentiality = new Dictionary<string, string>
    {
        ["stateSecret"] = "是否涉及国家秘密？",
        ["otherLaws"] = "是否属于其他法律、行政法规禁止公开的信息？",
        ["securityStability"] = "公开后是否可能危及国家安全、公共安全、经济安全、社会稳定？",
        ["tradeSecret"] = "是否涉及商业秘密？",
        ["privacy"] = "是否涉及个人隐私？",
    };

    public static IReadOnlyDictionary<string, string> For(ReviewStepKind kind) => kind switch
    {
        ReviewStepKind.Legality => Legality,
        ReviewStepKind.Confidentiality => Confidentiality,
        _ => new Dictionary<string, string>(),
    };

    public static IReadOnlyList<string> Missing(ReviewStepKind kind, IReadOnlyDictionary<string, ChecklistAnswer>? answers) =>
        For(kind).Where(q => answers is null || !answers.TryGetValue(q.Key, out var answer) || answer?.Answer is null).Select(q => q.Key).ToList();

    public static string StepName(ReviewStepKind kind) => kind switch
    {
        ReviewStepKind.Confidentiality => "保密审查",
        ReviewStepKind.Legality => "合法性审查",
        ReviewStepKind.SignOff => "负责人签发",
        ReviewStepKind.Escalated => "上级审查",
        _ => kind.ToString(),
    };
}
