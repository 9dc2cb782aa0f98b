namespace Gongkai.Document.Domain.Templates;

/// <summary>Who a letter is addressed to: the applicant, or the party named in the request (third party, agency, assisting unit).</summary>
public enum Addressee
{
    Applicant,
    Party,
}

/// <summary>Document-number families: a unit numbers each family with its own pattern (e.g. 双府公复〔2026〕12号 for replies).</summary>
public static class NumberFamilies
{
    public const string Receipt = "receipt";
    public const string Notice = "notice";
    public const string Letter = "letter";
    public const string Reply = "reply";

    public static readonly IReadOnlyList<string> All = [Receipt, Notice, Letter, Reply];

    public static string ChineseName(string family) => family switch
    {
        Receipt => "接收回执",
        Notice => "告知书、通知书",
        Letter => "征求意见书、协办函",
        Reply => "答复书",
        _ => family,
    };
}

/// <summary>
/// The wording of one standard document: its title and paragraphs in the <see cref="TemplateText"/> language.
/// Key is "receipt", "correction-notice", … or "reply.&lt;ReplyType&gt;" / "reply.Withhold.&lt;AnnualReportOutcome&gt;".
/// </summary>
public sealed record LetterTemplate(
    string Key,
    string Name,
    string Kind,
    string Family,
    Addressee Addressee,
    string Title,
    IReadOnlyList<string> Paragraphs)
{
    /// <summary>
    /// Placeholders an edited wording must keep because the law requires what they print: the article relied on,
    /// the remedies clause and the application number, wherever the built-in wording has them.
    /// </summary>
    public IReadOnlyList<string> Required =>
        [.. Placeholders.Essential.Where(p => Paragraphs.Any(t => TemplateText.Placeholders(t).Contains(p) && !t.StartsWith(TemplateText.OptionalMarker)))];
}

/// <summary>Every placeholder a template may use, with its meaning for the admin screen.</summary>
public static class Placeholders
{
    public const string Applicant = "applicant";
    public const string CaseNumber = "caseNumber";
    public const string ReceivedOn = "receivedOn";
    public const string IssuedOn = "issuedOn";
    public const string Unit = "unit";
    public const string Basis = "basis";
    public const string Remedies = "remedies";
    public const string Reasons = "reasons";
    public const string CorrectionItems = "correctionItems";
    public const string Period = "period";
    public const string Due = "due";
    public const string DueNote = "dueNote";
    public const string DueBy = "dueBy";
    public const string Party = "party";
    public const string Question = "question";
    public const string ExtensionWorkingDays = "extensionWorkingDays";
    public const string FeeAmount = "feeAmount";
    public const string FeeBasis = "feeBasis";
    public const string PaymentMethod = "paymentMethod";
    public const string ReferTo = "referTo";
    public const string Referral = "referral";
    public const string Contact = "contact";

    /// <summary>What the law makes a letter say; an edited template keeps them where the built-in one has them.</summary>
    public static readonly IReadOnlyList<string> Essential = [Basis, Remedies, CaseNumber];

    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        [Applicant] = "申请人姓名或者名称",
        [CaseNumber] = "申请编号",
        [ReceivedOn] = "收到申请的日期",
        [IssuedOn] = "文书日期",
        [Unit] = "本机关全称",
        [Basis] = "所依据的法律条款，如《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        [Remedies] = "救济途径（行政复议、行政诉讼及其期限）",
        [Reasons] = "理由或者说明",
        [CorrectionItems] = "需要补正的事项",
        [Period] = "补正或者说明理由的期限，如“自收到本告知书之日起15个工作日内”",
        [Due] = "期限日期",
        [DueNote] = "期限日期的括注，如“（即2026年12月18日前）”",
        [DueBy] = "“在某日前”",
        [Party] = "第三方、共同制作机关或者协办单位的名称",
        [Question] = "征求意见或者需要协助的事项",
        [ExtensionWorkingDays] = "延长的工作日数",
        [FeeAmount] = "信息处理费金额（元）",
        [FeeBasis] = "收费方式和标准",
        [PaymentMethod] = "缴费方式（文书设置中填写）",
        [ReferTo] = "负责公开该信息的机关名称和联系方式",
        [Referral] = "告知向其他机关申请的完整表述",
        [Contact] = "本机关联系方式（文书设置中填写）",
    };

    public static readonly IReadOnlySet<string> All = Meanings.Keys.ToHashSet();
}
