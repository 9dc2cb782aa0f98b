using System.Globalization;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.Document.Domain.Letters;

/// <summary>What a request says about the letter it wants (DocumentRequested, or a CaseOpened for the legacy receipt).</summary>
public sealed record LetterRequest(
    string Kind,
    string CaseNumber,
    string? ApplicantName,
    DateOnly ReceivedOn,
    IReadOnlyDictionary<string, string> Fields,
    DateOnly IssuedOn);

/// <summary>The unit's letterhead and wording settings a letter needs (see UnitSettings for where they live).</summary>
public sealed record Letterhead(
    string UnitName,
    string? Contact,
    int ReconsiderationDays,
    int LitigationMonths,
    string? ReconsiderationBody,
    string? PaymentMethod,
    byte[]? SealPng);

/// <summary>
/// A composed letter, ready for any renderer: one model for DOCX and PDF, so both say exactly the same.
/// </summary>
public sealed record Letter(
    string TemplateKey,
    string Title,
    string UnitName,
    string? Number,
    string Addressee,
    IReadOnlyList<string> Paragraphs,
    string Date,
    byte[]? SealPng)
{
    /// <summary>All text in reading order (tests and search use it).</summary>
    public string PlainText => string.Join("\n", new[] { UnitName, Title, Number ?? "", Addressee }.Concat(Paragraphs).Append(UnitName).Append(Date));
}

/// <summary>Fills a template's wording with a request's particulars and the unit's letterhead.</summary>
public static class LetterComposer
{
    public const string UnknownApplicant = "申请人";
    public const string UnknownParty = "有关单位";

    public static Letter Compose(LetterTemplate template, string title, IReadOnlyList<string> paragraphs, LetterRequest request,
        Letterhead letterhead, string? number)
    {
        var values = Values(template, title, request, letterhead);
        var addressee = template.Addressee == Addressee.Party
            ? values[Placeholders.Party] ?? UnknownParty
            : values[Placeholders.Applicant] ?? UnknownApplicant;
        var body = paragraphs.Select(p => TemplateText.Render(p, values)).OfType<string>().Select(PrintableText.Clean).Where(p => p.Length > 0).ToList();
        // Every text of the letter is cleaned here, the one place both renderers' input passes through.
        return new Letter(template.Key, PrintableText.Clean(title), PrintableText.Clean(letterhead.UnitName), number is null ? null : PrintableText.Clean(number),
            PrintableText.Clean(addressee) + "：", body, TemplateText.ChineseDate(request.IssuedOn), letterhead.SealPng);
    }

    /// <summary>The value of every placeholder for this request (null where the request has none).</summary>
    public static IReadOnlyDictionary<string, string?> Values(LetterTemplate template, string title, LetterRequest request, Letterhead letterhead)
    {
        string? Field(string name) => request.Fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var due = Field(DocumentKinds.Fields.Due) is { } rawDue
            ? DateOnly.TryParseExact(rawDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? TemplateText.ChineseDate(d) : rawDue
            : null;
        var documentNoun = title.EndsWith("答复书", StringComparison.Ordinal) ? "本答复" : title.EndsWith("函", StringComparison.Ordinal) ? "本函" : "本告知书";
        var periodDays = Field(DocumentKinds.Fields.PeriodWorkingDays);
        var period = periodDays is not null
            ? $"自收到{documentNoun}之日起{periodDays}个工作日内" + (due is null ? "" : $"（即{due}前）")
            : due is not null ? $"于{due}前" : null;
        var referTo = Field(DocumentKinds.Fields.ReferTo);

        return new Dictionary<string, string?>
        {
            [Placeholders.Applicant] = string.IsNullOrWhiteSpace(request.ApplicantName) ? null : request.ApplicantName.Trim(),
            [Placeholders.CaseNumber] = request.CaseNumber,
            [Placeholders.ReceivedOn] = TemplateText.ChineseDate(request.ReceivedOn),
            [Placeholders.IssuedOn] = TemplateText.ChineseDate(request.IssuedOn),
            [Placeholders.Unit] = letterhead.UnitName,
            [Placeholders.Basis] = TemplateCatalog.BasisOf(template.Key),
            [Placeholders.Remedies] = Remedies(documentNoun, letterhead),
            [Placeholders.Reasons] = Field(DocumentKinds.Fields.Reasons),
            [Placeholders.CorrectionItems] = Field(DocumentKinds.Fields.CorrectionItems),
            [Placeholders.Period] = period,
            [Placeholders.Due] = due,
            [Placeholders.DueNote] = due is null ? null : $"（截至{due}）",
            [Placeholders.DueBy] = due is null ? null : $"于{due}前",
            [Placeholders.Party] = Field(DocumentKinds.Fields.Party),
            [Placeholders.Question] = Field(DocumentKinds.Fields.Question),
            [Placeholders.ExtensionWorkingDays] = Field(DocumentKinds.Fields.ExtensionWorkingDays),
            [Placeholders.FeeAmount] = Field(DocumentKinds.Fields.FeeAmount),
            [Placeholders.FeeBasis] = Field(DocumentKinds.Fields.FeeBasis),
            [Placeholders.PaymentMethod] = letterhead.PaymentMethod,
            [Placeholders.ReferTo] = referTo,
            [Placeholders.Referral] = referTo is null
                ? "本机关暂无法确定负责公开该政府信息的行政机关"
                : $"负责公开该政府信息的行政机关为{referTo}，您可以向该机关提出申请",
            [Placeholders.Contact] = letterhead.Contact,
        };
    }

    /// <summary>
    /// The remedies clause (brief §1.13): reconsideration within the unit's period (60 days by default, 行政复议法)
    /// and litigation within its period (6 months by default, 行政诉讼法), both counted from receipt of the letter.
    /// </summary>
    public static string Remedies(string documentNoun, Letterhead letterhead)
    {
        var body = string.IsNullOrWhiteSpace(letterhead.ReconsiderationBody) ? "" : $"向{letterhead.ReconsiderationBody.Trim()}";
        return $"如对{documentNoun}不服，您可以自收到{documentNoun}之日起{letterhead.ReconsiderationDays}日内{body}依法申请行政复议，" +
               $"也可以自收到{documentNoun}之日起{letterhead.LitigationMonths}个月内依法向人民法院提起行政诉讼。";
    }
}
