using System.Security.Cryptography;
using System.Text.Json;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// The public catalogue (anonymous, through the gateway's rate-limited public route). It reads only public_items, the
/// copy of published content (see <see cref="PublicItem"/>): a unit lists its own items, and a district also those of
/// the units below it in Identity's tree. Answers carry a strong ETag and may be cached for a minute; a matching
/// If-None-Match gets 304.
/// </summary>
public static class PublicCatalogueApi
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 50;

    public static RouteGroupBuilder MapPublicCatalogueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/publishing/public/{unit}").AllowAnonymous().RequireDefinedEnums();
        api.MapGet("/items", ListItems);
        api.MapGet("/items/{id:guid}", GetItem);
        return api;
    }

    public sealed record PublicItemSummary(Guid Id, string IndexNumber, string Title, string? Summary, string SubjectCode, string SubjectPath,
        Genre Genre, string GenreName, string Publisher, DateOnly WrittenOn, string? DocumentNumber, Validity Validity, string ValidityName,
        string? DomainCode, DateOnly PublishedOn, string UnitCode);

    public sealed record PublicItemView(Guid Id, string IndexNumber, string Title, string? Summary, string SubjectCode, string SubjectPath,
        Genre Genre, string GenreName, string Publisher, DateOnly WrittenOn, string? DocumentNumber, Validity Validity, string ValidityName,
        DateOnly? ValidityChangedOn, string? ValidityNotice, DisclosureScope Scope, string? DomainCode, string? DomainName, string BodyHtml,
        IReadOnlyList<string> Keywords, int Version, DateOnly FirstPublishedOn, DateOnly PublishedOn, string UnitCode,
        IReadOnlyList<PublicAttachmentView> Attachments, PublicLink? Interprets, IReadOnlyList<PublicLink> Interpretations);

    /// <param name="Sha256">SHA-256 of the file (hex), to check a download against.</param>
    public sealed record PublicAttachmentView(Guid Id, string FileName, AttachmentType Type, string ContentType, long SizeBytes, string Sha256,
        string DownloadUrl);

    /// <summary>A 政策解读 and the policy it explains, as each page shows the other.</summary>
    public sealed record PublicLink(Guid Id, string Title, string IndexNumber, DateOnly PublishedOn);

    /// <param name="subject">主题分类 code: a top class takes its second level too.</param>
    /// <param name="publisher">Part of the 发布机构 name.</param>
    /// <param name="year">Year of 成文日期.</param>
    /// <param name="q">Words of the title, summary, keywords or body (Chinese: any run of characters).</param>
    private static async Task<IResult> ListItems(string unit, PublishingDbContext db, HttpContext http, IOptions<JsonOptions> json,
        string? subject, string? publisher, Genre? genre, int? year, Validity? validity, string? domain, string? q, int? page, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TenantIds.IsWellFormed(unit))
            errors["unit"] = ["单位代码只能包含字母、数字和“-”。"];
        if (subject is not null && SubjectClasses.Find(subject) is null)
            errors["subject"] = ["主题分类代码不存在。"];
        if (domain is not null && GrassrootsDomains.Find(domain) is null)
            errors["domain"] = ["试点领域代码不存在（01 至 26）。"];
        if (year is < 1949 or > 2100)
            errors["year"] = ["年份必须在 1949 至 2100 之间。"];
        if (page is < 1 or > 10_000)
            errors["page"] = ["页码必须在 1 至 10000 之间。"];
        if (publisher is { Length: > 100 })
            errors["publisher"] = ["发布机构不能超过 100 个字。"];
        if (q is { Length: > MaxQueryLength })
            errors["q"] = [$"检索词不能超过 {MaxQueryLength} 个字。"];
        else if (q is not null && TextRules.Problem(q) is { } problem)
            errors["q"] = [problem];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "检索条件有误");

        IQueryable<PublicItem> Filtered(IQueryable<PublicItem> query)
        {
            if (subject is not null)
                query = subject.Length == 2 ? query.Where(p => p.SubjectTopCode == subject) : query.Where(p => p.SubjectCode == subject);
            if (!string.IsNullOrWhiteSpace(publisher))
                query = query.Where(p => p.Publisher.Contains(publisher.Trim()));
            if (genre is not null)
                query = query.Where(p => p.Genre == genre);
            if (year is not null)
            {
                var from = new DateOnly(year.Value, 1, 1);
                var to = new DateOnly(year.Value, 12, 31);
                query = query.Where(p => p.WrittenOn >= from && p.WrittenOn <= to);
            }
            if (validity is not null)
                query = query.Where(p => p.Validity == validity);
            if (domain is not null)
                query = query.Where(p => p.DomainCode == domain);
            return query;
        }

        // The unit's own items and those of the units below it, as two queries each walking its own index in publication
        // order (one query with OR would sort every item of a district to find a page). The page is found from index
        // entries alone, then only its rows are read.
        var own = Filtered(SearchQuery(db, q).Where(p => p.UnitCode == unit));
        // Disjoint: Identity never makes a unit its own parent (a new unit's parent must already exist), so no item is in both.
        var below = Filtered(SearchQuery(db, q).Where(p => p.ParentUnitCode == unit));
        var number = page ?? 1;
        var total = await own.CountAsync(ct) + await below.CountAsync(ct);
        var pageIds = await Newest(own, number * PageSize).Concat(Newest(below, number * PageSize))
            .OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.IndexNumber).ThenByDescending(p => p.ItemId)
            .Skip((number - 1) * PageSize).Take(PageSize).Select(p => p.ItemId).ToListAsync(ct);
        var rows = (await db.PublicItems.AsNoTracking().Where(p => pageIds.Contains(p.ItemId)).ToListAsync(ct))
            .OrderBy(p => pageIds.IndexOf(p.ItemId));
        var body = new PageOf<PublicItemSummary>(number, PageSize, total, rows.Select(p => new PublicItemSummary(p.ItemId, p.IndexNumber, p.Title,
            p.Summary, p.SubjectCode, SubjectClasses.Find(p.SubjectCode)?.Path ?? p.SubjectCode, p.Genre, Genres.ChineseName(p.Genre), p.Publisher,
            p.WrittenOn, p.DocumentNumber, p.Validity, ItemViews.ValidityName(p.Validity), p.DomainCode, p.PublishedOn, p.UnitCode)).ToList());
        return Cacheable(http, body, json.Value.SerializerOptions);
    }

    /// <summary>
    /// The newest <paramref name="count"/> items by publication (the order of the list and of its index; the item id breaks
    /// ties, since two units' schemes may give the same 索引号 on the same day).
    /// </summary>
    private static IQueryable<PublicItemKey> Newest(IQueryable<PublicItem> query, int count) =>
        query.OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.IndexNumber).ThenByDescending(p => p.ItemId).Take(count)
            .Select(p => new PublicItemKey { ItemId = p.ItemId, PublishedOn = p.PublishedOn, IndexNumber = p.IndexNumber });

    private sealed class PublicItemKey
    {
        public Guid ItemId { get; init; }
        public DateOnly PublishedOn { get; init; }
        public string IndexNumber { get; init; } = "";
    }

    /// <summary>
    /// Items whose text contains <paramref name="q"/> (normalised like the index). Two or more characters: the GIN index
    /// finds rows holding every bigram of the query (@>), and strpos confirms the characters are adjacent in that order.
    /// One character has no bigram: a strpos scan of the (already narrowed) unit's rows.
    /// </summary>
    private static IQueryable<PublicItem> SearchQuery(PublishingDbContext db, string? q)
    {
        var normalized = ChineseSearchTerms.Normalize(q);
        if (normalized.Length == 0)
            return db.PublicItems;
        var terms = ChineseSearchTerms.Terms(normalized).ToArray();
        return normalized.EnumerateRunes().Count() == 1
            ? db.PublicItems.FromSql($"SELECT * FROM public_items WHERE strpos(search_text, {normalized}) > 0")
            : db.PublicItems.FromSql($"SELECT * FROM public_items WHERE search_terms @> {terms} AND strpos(search_text, {normalized}) > 0");
    }

    private static async Task<IResult> GetItem(string unit, Guid id, PublishingDbContext db, HttpContext http, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var p = await db.PublicItems.AsNoTracking().SingleOrDefaultAsync(p => p.ItemId == id && (p.UnitCode == unit || p.ParentUnitCode == unit), ct);
        if (p is null)
            return TypedResults.Problem(title: "信息不存在", detail: "该信息不存在或未公开。", statusCode: StatusCodes.Status404NotFound);
        // 国办发〔2017〕47号: an amended, repealed or lapsed document is marked clearly on the original.
        var notice = p.Validity switch
        {
            Validity.Expired => $"本文件已于 {p.ValidityChangedOn:yyyy-MM-dd} 失效。",
            Validity.Repealed => $"本文件已于 {p.ValidityChangedOn:yyyy-MM-dd} 废止。",
            _ => null,
        };
        // Shown beside each other: an interpretation links its policy (public before it, by construction), a policy lists
        // its published interpretations. Both are public rows of the same unit.
        var interprets = p.InterpretsId is { } policyId
            ? await db.PublicItems.AsNoTracking().Where(i => i.ItemId == policyId && i.UnitCode == p.UnitCode)
                .Select(i => new PublicLink(i.ItemId, i.Title, i.IndexNumber, i.PublishedOn)).SingleOrDefaultAsync(ct)
            : null;
        var interpretations = await db.PublicItems.AsNoTracking().Where(i => i.InterpretsId == p.ItemId && i.UnitCode == p.UnitCode)
            .OrderBy(i => i.FirstPublishedOn).ThenBy(i => i.IndexNumber)
            .Select(i => new PublicLink(i.ItemId, i.Title, i.IndexNumber, i.PublishedOn)).ToListAsync(ct);
        var view = new PublicItemView(p.ItemId, p.IndexNumber, p.Title, p.Summary, p.SubjectCode, SubjectClasses.Find(p.SubjectCode)?.Path ?? p.SubjectCode,
            p.Genre, Genres.ChineseName(p.Genre), p.Publisher, p.WrittenOn, p.DocumentNumber, p.Validity, ItemViews.ValidityName(p.Validity),
            p.ValidityChangedOn, notice, p.Scope, p.DomainCode, GrassrootsDomains.Find(p.DomainCode)?.Name, p.BodyHtml, p.Keywords, p.Version,
            p.FirstPublishedOn, p.PublishedOn, p.UnitCode, p.Attachments.Select(a => new PublicAttachmentView(a.Id, a.FileName, a.Type,
                AttachmentFormats.ContentType(a.Type), a.SizeBytes, a.Sha256, $"/api/publishing/public/{unit}/items/{p.ItemId}/attachments/{a.Id}")).ToList(),
            interprets, interpretations);
        return Cacheable(http, view, json.Value.SerializerOptions);
    }

    /// <summary>The body with a strong ETag (SHA-256 of the exact bytes sent), public caching for a minute, and 304 on a match.</summary>
    internal static IResult Cacheable<T>(HttpContext http, T body, JsonSerializerOptions options)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, options);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "public, max-age=60";
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: true)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }
}
