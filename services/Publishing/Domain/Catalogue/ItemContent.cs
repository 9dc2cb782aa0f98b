using Gongkai.ServiceDefaults.Validation;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>What a version of an item says: validated, trimmed, body cleaned. Built only by <see cref="ItemInput.Validate"/>.</summary>
public sealed record ItemContent(
    string Title,
    string? Summary,
    string SubjectCode,
    Genre Genre,
    string Publisher,
    DateOnly WrittenOn,
    string? DocumentNumber,
    DisclosureMode Mode,
    string? NotPublicReason,
    string? NotPublicArticle,
    DisclosureScope Scope,
    string? DomainCode,
    string BodyHtml,
    IReadOnlyList<string> Keywords,
    Guid? ObligationId = null,
    Guid? InterpretsId = null);

/// <summary>An item as staff send it (create or edit); every value may be missing, and <see cref="Validate"/> says what is wrong.</summary>
public sealed partial record ItemInput(
    string? Title,
    string? Summary,
    string? SubjectCode,
    Genre? Genre,
    string? Publisher,
    DateOnly? WrittenOn,
    string? DocumentNumber,
    DisclosureMode? Mode,
    string? NotPublicReason,
    string? NotPublicArticle,
    DisclosureScope? Scope,
    string? DomainCode,
    [property: JsonConverter(typeof(DocumentTextConverter))] string? BodyHtml,
    List<string>? Keywords,
    Guid? ObligationId = null,
    Guid? Interprets = null)
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxPublisher = 100;
    public const int MaxDocumentNumber = 50;
    public const int MaxKeywords = 10;
    public const int MaxKeyword = 20;

    /// <summary>The founding of the People's Republic: no government information of the catalogue is older.</summary>
    public static readonly DateOnly EarliestWrittenOn = new(1949, 10, 1);

    /// <summary>The validated content, or the problems keyed by field (camelCase, as sent) with a Chinese message each.</summary>
    public (ItemContent? Content, Dictionary<string, string[]> Errors) Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        var title = Clean(Title);
        if (title is null)
            Add("title", "请填写标题（名称）。");
        else if (title.Length > MaxTitle || title.Any(c => c is '\n' or '\r' or '\t'))
            Add("title", $"标题不能超过 {MaxTitle} 个字，且只能有一行。");
        var summary = Clean(Summary);
        if (summary is { Length: > MaxSummary })
            Add("summary", $"内容概述不能超过 {MaxSummary} 个字。");
        var subject = Clean(SubjectCode);
        if (subject is null)
            Add("subjectCode", "请选择主题分类。");
        else if (SubjectClasses.Find(subject) is null)
            Add("subjectCode", $"主题分类代码“{subject}”不存在，请从主题分类表中选择（01 至 22，或财政·金融·审计下的 0401 至 0409）。");
        if (Genre is null)
            Add("genre", "请选择体裁。");
        var publisher = Clean(Publisher);
        if (publisher is null || publisher.Length < 2)
            Add("publisher", "请填写发布机构的全称（不能用简称）。");
        else if (publisher.Length > MaxPublisher || publisher.Any(char.IsControl))
            Add("publisher", $"发布机构全称不能超过 {MaxPublisher} 个字，且只能有一行。");
        if (WrittenOn is not { } written)
            Add("writtenOn", "请填写成文日期（YYYY-MM-DD）。");
        else if (written > today)
            Add("writtenOn", $"成文日期不能晚于今天（{today:yyyy-MM-dd}）。");
        else if (written < EarliestWrittenOn)
            Add("writtenOn", "成文日期不能早于 1949-10-01。");
        var number = Clean(DocumentNumber) is { } n ? NormalizeDocumentNumber(n) : null;
        if (number is { Length: > MaxDocumentNumber })
            Add("documentNumber", $"文号不能超过 {MaxDocumentNumber} 个字。");
        if (Mode is null)
            Add("mode", "请选择公开属性（主动公开、依申请公开或不予公开）。");
        var reason = Clean(NotPublicReason);
        var article = Clean(NotPublicArticle);
        if (Mode == DisclosureMode.NotPublic)
        {
            if (reason is null)
                Add("notPublicReason", "不予公开的信息必须写明理由。");
            if (article is null)
                Add("notPublicArticle", "不予公开的信息必须写明所依据的条款（如《政府信息公开条例》第十四条）。");
        }
        if (reason is { Length: > 500 })
            Add("notPublicReason", "不予公开理由不能超过 500 个字。");
        if (article is { Length: > 100 })
            Add("notPublicArticle", "依据条款不能超过 100 个字。");
        var domain = Clean(DomainCode);
        if (domain is not null && GrassrootsDomains.Find(domain) is null)
            Add("domainCode", $"试点领域代码“{domain}”不存在，请从 26 个基层政务公开领域（01 至 26）中选择。");
        if (BodyHtml is { Length: > Catalogue.BodyHtml.MaxLength })
            Add("bodyHtml", $"正文不能超过 {Catalogue.BodyHtml.MaxLength} 个字符。");
        var keywords = (Keywords ?? []).Select(Clean).ToList();
        if (keywords.Count > MaxKeywords)
            Add("keywords", $"关键词最多 {MaxKeywords} 个。");
        if (keywords.Any(k => k is null || k.Length > MaxKeyword || k.Any(char.IsControl)))
            Add("keywords", $"关键词不能为空，每个不超过 {MaxKeyword} 个字。");

        // A 政策解读 linked to the policy it explains: its genre says so, and it is published (with the policy), never kept
        // back; whether the policy is one of the unit's own is checked against the database by the caller.
        if (Interprets is not null && Genre is not null and not Catalogue.Genre.Interpretation)
            Add("genre", "关联了所解读政策文件的信息，体裁须为“解读”。");
        if (Interprets is not null && Mode is not null and not DisclosureMode.Proactive)
            Add("mode", "政策解读须主动公开（与所解读的政策文件一并公开）。");

        if (errors.Count > 0)
            return (null, errors);
        var content = new ItemContent(title!, summary, subject!, Genre!.Value, publisher!, WrittenOn!.Value, number, Mode!.Value,
            Mode == DisclosureMode.NotPublic ? reason : null, Mode == DisclosureMode.NotPublic ? article : null,
            Scope ?? DisclosureScope.Society, domain, Catalogue.BodyHtml.Sanitize(BodyHtml), keywords.Select(k => k!).Distinct().ToList(),
            // Whether the obligation and the policy are the unit's own is checked against the database by the caller.
            ObligationId, Interprets);
        return (content, errors);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Older local rules wrote the year of a 文号 in square brackets; GB/T 9704-2012 uses 六角括号 〔〕.</summary>
    public static string NormalizeDocumentNumber(string number) => BracketedYear().Replace(number, "〔$1〕");

    [GeneratedRegex(@"[\[［【]((?:19|20)\d{2})[\]］】]")]
    private static partial Regex BracketedYear();
}
