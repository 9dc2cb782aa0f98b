using Gongkai.Contracts;

namespace Gongkai.Document.Domain.Templates;

/// <summary>
/// The built-in wording of every standard document (brief §1.12, §4.4) and the rule choosing one for a request.
/// Reply types and annual-report outcomes arrive as Workflow's enum names (strings): Document never references
/// Workflow's code, and a unit test checks that every name Workflow has gets a template.
/// </summary>
public static class TemplateCatalog
{
    /// <summary>Changes whenever a built-in wording changes; issued documents record it as "builtin-&lt;revision&gt;".</summary>
    public const string BuiltInRevision = "2026.1";

    public const string Regulation = "《中华人民共和国政府信息公开条例》";

    private const string Opening = "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。经审查，现答复如下：";
    private const string NoticeOpening = "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。现告知如下：";
    private const string ContactParagraph = "?联系方式：{contact}";
    private const string ReplyTitle = "政府信息公开申请答复书";

    /// <summary>The article each template relies on; printed where the wording has {basis}.</summary>
    private static readonly Dictionary<string, string> Bases = new()
    {
        [DocumentKinds.Receipt] = Article("第三十一条、第三十三条"),
        [DocumentKinds.CorrectionNotice] = Article("第三十条"),
        [DocumentKinds.ExplainReasonsNotice] = Article("第三十五条"),
        [DocumentKinds.ExtensionNotice] = Article("第三十三条"),
        [DocumentKinds.ThirdPartyLetter] = Article("第三十二条"),
        [DocumentKinds.ThirdPartyApplicantNotice] = Article("第三十二条"),
        [DocumentKinds.AgencyLetter] = Article("第三十四条"),
        [DocumentKinds.FeeNotice] = Article("第四十二条") + "和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        ["reply.AlreadyPublic"] = Article("第三十六条第（一）项"),
        ["reply.Disclose"] = Article("第三十六条第（二）项"),
        ["reply.PartiallyDisclose"] = Article("第三十七条"),
        ["reply.Withhold.WithheldStateSecret"] = Article("第十四条、第三十六条第（三）项"),
        ["reply.Withhold.WithheldProhibitedByLaw"] = Article("第十四条、第三十六条第（三）项"),
        ["reply.Withhold.WithheldSecurityOrStability"] = Article("第十四条、第三十六条第（三）项"),
        ["reply.Withhold.WithheldThirdPartyRights"] = Article("第十五条、第三十六条第（三）项"),
        ["reply.Withhold.WithheldInternalAffairs"] = Article("第十六条第一款、第三十六条第（三）项"),
        ["reply.Withhold.WithheldProcessInformation"] = Article("第十六条第二款、第三十六条第（三）项"),
        ["reply.Withhold.WithheldEnforcementFile"] = Article("第十六条第二款、第三十六条第（三）项"),
        // UNSURE in the brief: the form's row has no article of its own; Art. 36(3) is the reply's basis.
        ["reply.Withhold.WithheldAdministrativeQuery"] = Article("第三十六条第（三）项"),
        ["reply.NotHeld"] = Article("第三十六条第（四）项"),
        ["reply.NotThisBody"] = Article("第三十六条第（五）项"),
        ["reply.NeedsCreation"] = Article("第三十八条"),
        ["reply.UnclearAfterCorrection"] = Article("第三十条"),
        ["reply.PetitionOrComplaint"] = Article("第三十九条第一款"),
        ["reply.Repeated"] = Article("第三十六条第（六）项"),
        ["reply.Publication"] = Article("第三十九条第二款"),
        ["reply.ExcessiveRequests"] = Article("第三十五条"),
        ["reply.SpecialAccessRegime"] = Article("第三十六条第（七）项"),
        ["reply.AbandonedNoCorrection"] = Article("第三十条"),
        ["reply.AbandonedNoFee"] = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        // ConfirmOrReissue (practice), Other and Withdrawn rest on no article; their wording has no {basis}.
    };

    private static string Article(string article) => Regulation + article;

    public static readonly IReadOnlyList<string> WithheldOutcomes =
    [
        "WithheldStateSecret", "WithheldProhibitedByLaw", "WithheldSecurityOrStability", "WithheldThirdPartyRights",
        "WithheldInternalAffairs", "WithheldProcessInformation", "WithheldEnforcementFile", "WithheldAdministrativeQuery",
    ];

    public static readonly IReadOnlyList<LetterTemplate> All = Build();

    private static readonly Dictionary<string, LetterTemplate> ByKey = All.ToDictionary(t => t.Key, StringComparer.Ordinal);

    public static LetterTemplate? Find(string key) => ByKey.GetValueOrDefault(key);

    public static string? BasisOf(string key) => Bases.GetValueOrDefault(key);

    /// <summary>
    /// The template key for a request: the kind itself, or for a reply its reply type, and for 不予公开 the
    /// annual-report row that names the ground. Returns an error (English, for logs) when nothing fits.
    /// </summary>
    public static (string? Key, string? Error) KeyFor(string kind, IReadOnlyDictionary<string, string> fields)
    {
        if (kind != DocumentKinds.Reply)
            return ByKey.ContainsKey(kind) ? (kind, null) : (null, $"Unknown document kind '{kind}'.");
        var replyType = fields.GetValueOrDefault(DocumentKinds.Fields.ReplyType);
        if (string.IsNullOrWhiteSpace(replyType))
            return (null, "A reply needs the replyType field.");
        if (replyType == "Withhold")
        {
            var outcome = fields.GetValueOrDefault(DocumentKinds.Fields.Outcome);
            return outcome is not null && WithheldOutcomes.Contains(outcome)
                ? ($"reply.Withhold.{outcome}", null)
                : (null, $"A withheld reply needs one of the eight withheld outcomes, not '{outcome}'.");
        }
        var key = $"reply.{replyType}";
        return ByKey.ContainsKey(key) && !key.StartsWith("reply.Withhold.", StringComparison.Ordinal)
            ? (key, null) : (null, $"Unknown reply type '{replyType}'.");
    }

    private static List<LetterTemplate> Build()
    {
        var list = new List<LetterTemplate>
        {
            new(DocumentKinds.Receipt, "接收回执", DocumentKinds.Receipt, NumberFamilies.Receipt, Addressee.Applicant,
                "政府信息公开申请接收回执",
                [
                    "本机关已于{receivedOn}收到您提交的政府信息公开申请，申请编号为{caseNumber}。",
                    "根据{basis}的规定，本机关将自收到申请之日起20个工作日内作出答复{dueNote}；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在答复期限内。",
                    "您可以凭申请编号和查询码查询办理进度。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.CorrectionNotice, "补正告知书", DocumentKinds.CorrectionNotice, NumberFamilies.Notice, Addressee.Applicant,
                "政府信息公开申请补正告知书",
                [
                    "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。经审查，您的申请内容不明确。根据{basis}的规定，现一次性告知您需要补正的事项如下：",
                    "{correctionItems|请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述}。",
                    "请您{period|在合理期限内}作出补正。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.ExplainReasonsNotice, "说明理由告知书", DocumentKinds.ExplainReasonsNotice, NumberFamilies.Notice, Addressee.Applicant,
                "政府信息公开申请说明理由告知书",
                [
                    "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。经审查，您申请公开政府信息的数量、频次明显超过合理范围。",
                    "?{reasons}",
                    "根据{basis}的规定，请您{period|在合理期限内}以书面形式说明理由。本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但是无法在规定期限内答复的，将确定延迟答复的合理期限并告知您。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.ExtensionNotice, "延期答复告知书", DocumentKinds.ExtensionNotice, NumberFamilies.Notice, Addressee.Applicant,
                "政府信息公开申请延期答复告知书",
                [
                    "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。因{reasons|需要检索、审查的政府信息较多}，本机关不能在20个工作日内作出答复。",
                    "根据{basis}的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{extensionWorkingDays|20}个工作日{dueNote}。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.ThirdPartyLetter, "征求意见书（给第三方）", DocumentKinds.ThirdPartyLetter, NumberFamilies.Letter, Addressee.Party,
                "政府信息公开申请征求意见书",
                [
                    "本机关于{receivedOn}收到一份政府信息公开申请（申请编号：{caseNumber}）。经审查，申请公开的政府信息可能涉及贵方的商业秘密、个人隐私等合法权益。",
                    "?征求意见事项：{question}",
                    "根据{basis}的规定，现书面征求贵方意见。请贵方自收到本征求意见书之日起15个工作日内提出书面意见；不同意公开的，请说明理由。",
                    "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.ThirdPartyApplicantNotice, "征求意见告知书（给申请人）", DocumentKinds.ThirdPartyApplicantNotice, NumberFamilies.Notice, Addressee.Applicant,
                "政府信息公开申请征求意见告知书",
                [
                    "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。经审查，您申请公开的政府信息可能损害第三方合法权益。根据{basis}的规定，本机关已书面征求第三方的意见。",
                    "根据《中华人民共和国政府信息公开条例》第三十三条第三款的规定，征求第三方意见所需时间不计算在答复期限内。本机关将在收到第三方意见或者征求意见期限届满后依法作出答复。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.AgencyLetter, "征求意见书（给共同制作机关）", DocumentKinds.AgencyLetter, NumberFamilies.Letter, Addressee.Party,
                "政府信息公开申请征求意见书",
                [
                    "本机关于{receivedOn}收到一份政府信息公开申请（申请编号：{caseNumber}）。申请公开的政府信息由本机关与贵机关共同制作。",
                    "?征求意见事项：{question}",
                    "根据{basis}的规定，现征求贵机关意见。请贵机关自收到本征求意见书之日起15个工作日内提出意见；逾期未提出意见的，视为同意公开。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.AssistLetter, "协办函", DocumentKinds.AssistLetter, NumberFamilies.Letter, Addressee.Party,
                "政府信息公开申请协办函",
                [
                    "本机关于{receivedOn}收到一份政府信息公开申请（申请编号：{caseNumber}）。",
                    "?需要协助的事项：{question}",
                    "为依法按时答复申请人，请贵单位予以协助，并{dueBy|自收到本函之日起5个工作日内}书面回复本机关。",
                    ContactParagraph,
                ]),
            new(DocumentKinds.FeeNotice, "收费通知书", DocumentKinds.FeeNotice, NumberFamilies.Notice, Addressee.Applicant,
                "政府信息公开申请收费通知书",
                [
                    "本机关于{receivedOn}收到您提交的政府信息公开申请（申请编号：{caseNumber}）。经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{basis}的规定，本机关决定收取信息处理费。",
                    "收费方式和标准：{feeBasis|按件计收}；应缴金额：人民币{feeAmount}元。",
                    "?缴费方式：{paymentMethod}",
                    "请您自收到本通知书次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
                    ContactParagraph,
                ]),
        };

        list.Add(Reply("AlreadyPublic", "答复书：已主动公开",
            "您申请获取的政府信息本机关已经主动公开。根据{basis}的规定，现告知您获取该政府信息的方式和途径：{reasons|可通过本机关门户网站“政府信息公开”专栏查阅}。"));
        list.Add(Reply("Disclose", "答复书：予以公开",
            "您申请获取的政府信息属于公开范围。根据{basis}的规定，本机关决定予以公开，{reasons|现随本答复书向您提供该政府信息}。"));
        list.Add(Reply("PartiallyDisclose", "答复书：部分公开",
            "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。根据{basis}的规定，本机关向您提供可以公开的部分，其余部分不予公开。",
            "?不予公开部分的理由：{reasons}"));

        Withheld("WithheldStateSecret", "国家秘密", "经审查，您申请获取的政府信息已依法确定为国家秘密。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldProhibitedByLaw", "法律行政法规禁止公开", "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldSecurityOrStability", "危及“三安全一稳定”", "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldThirdPartyRights", "保护第三方合法权益", "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldInternalAffairs", "内部事务信息", "经审查，您申请获取的政府信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldProcessInformation", "过程性信息", "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldEnforcementFile", "行政执法案卷", "经审查，您申请获取的政府信息属于行政执法案卷信息。根据{basis}的规定，本机关决定不予公开。");
        Withheld("WithheldAdministrativeQuery", "行政查询事项", "经审查，您申请获取的信息属于行政查询事项，应当通过相应的查询途径办理。根据{basis}的规定，本机关决定不予公开。");

        list.Add(Reply("NotHeld", "答复书：信息不存在",
            "经检索，本机关没有制作或者获取您申请公开的政府信息。根据{basis}的规定，告知您该政府信息不存在。", "?{reasons}"));
        list.Add(Reply("NotThisBody", "答复书：非本机关负责公开",
            "经审查，您申请获取的政府信息不属于本机关负责公开的政府信息。", "?具体理由：{reasons}", "根据{basis}的规定，{referral}。"));
        list.Add(Reply("NeedsCreation", "答复书：需另行制作",
            "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析才能形成。根据{basis}的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息；需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。本机关决定不予提供。",
            "?{reasons}"));
        list.Add(Reply("UnclearAfterCorrection", "答复书：补正后仍不明确",
            "本机关已就您的申请向您发出补正告知书。您补正后的申请内容仍不明确，本机关无法根据您的描述确定您所需的政府信息。根据{basis}的规定，本机关无法向您提供所申请的政府信息。",
            "?{reasons}"));
        list.Add(Reply("PetitionOrComplaint", "答复书：信访举报投诉类申请",
            "经审查，您提出的申请实质上是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{basis}的规定，本机关不作为政府信息公开申请处理。{reasons|您可以依照《信访工作条例》等规定，通过相应渠道向有关机关提出}。"));
        list.Add(Reply("Repeated", "答复书：重复申请",
            "经查，您曾就相同的政府信息向本机关提出公开申请，本机关已依法作出答复。您再次申请公开相同的政府信息，根据{basis}的规定，本机关不予重复处理。",
            "?{reasons}"));
        list.Add(Reply("Publication", "答复书：要求提供公开出版物",
            "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{basis}的规定，现告知您获取的途径：{reasons|可以通过公开发行渠道获取}。"));
        list.Add(Reply("ExcessiveRequests", "答复书：无正当理由大量反复申请",
            "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您的申请理由不合理。根据{basis}的规定，本机关对您的政府信息公开申请不予处理。",
            "?具体理由：{reasons}"));
        list.Add(Reply("ConfirmOrReissue", "答复书：要求确认或重新出具已获取信息",
            "经审查，您的申请系要求本机关确认或者重新出具您已经获取的信息，不属于《中华人民共和国政府信息公开条例》所规定的获取政府信息的申请，本机关不予处理。",
            "?{reasons}"));
        list.Add(Reply("SpecialAccessRegime", "答复书：按特别规定查询",
            "经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对该类信息的获取有特别规定。根据{basis}的规定，请您按照{reasons|有关法律、行政法规的规定}办理。"));
        list.Add(Reply("Other", "答复书：其他处理", "{reasons|经审查，本机关依法对您的申请作出处理}。"));
        list.Add(Notice("AbandonedNoCorrection", "告知书：逾期不补正视为放弃", "政府信息公开申请终止处理告知书", remedies: true,
            "本机关已就您的申请向您发出补正告知书。您无正当理由逾期未补正，根据{basis}的规定，视为您放弃申请，本机关不再处理您的该政府信息公开申请。"));
        list.Add(Notice("AbandonedNoFee", "告知书：逾期未缴费视为放弃", "政府信息公开申请终止处理告知书", remedies: true,
            "本机关已就您的申请向您发出收费通知书。您逾期未按照收费通知的要求缴纳信息处理费，根据{basis}的规定，视为您放弃申请，本机关不再处理您的该政府信息公开申请。"));
        list.Add(Notice("Withdrawn", "告知书：申请人撤回", "政府信息公开申请终止办理告知书", remedies: false,
            "您已撤回上述政府信息公开申请，本机关终止办理。"));
        return list;

        void Withheld(string outcome, string name, string decision) =>
            list.Add(new LetterTemplate($"reply.Withhold.{outcome}", $"答复书：不予公开（{name}）", DocumentKinds.Reply, NumberFamilies.Reply,
                Addressee.Applicant, ReplyTitle, [Opening, decision, "?具体理由：{reasons}", "{remedies}", ContactParagraph]));
    }

    private static LetterTemplate Reply(string replyType, string name, params string[] decision) =>
        new($"reply.{replyType}", name, DocumentKinds.Reply, NumberFamilies.Reply, Addressee.Applicant, ReplyTitle,
            [Opening, .. decision, "{remedies}", ContactParagraph]);

    private static LetterTemplate Notice(string replyType, string name, string title, bool remedies, string decision) =>
        new($"reply.{replyType}", name, DocumentKinds.Reply, NumberFamilies.Reply, Addressee.Applicant, title,
            remedies ? [NoticeOpening, decision, "{remedies}", ContactParagraph] : [NoticeOpening, decision, ContactParagraph]);
}
