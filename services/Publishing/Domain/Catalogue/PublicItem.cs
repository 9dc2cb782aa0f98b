namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>
/// The public catalogue's copy of a published item: only what the public may see, written in the same transaction as the
/// publication (and each later version, validity change or withdrawal), removed when the item is withdrawn.
/// Deliberately NOT tenant-owned: anonymous readers have no tenant, and a district's list spans its own and its
/// townships' items. Rather than loosening row-level security on the staff tables (a policy exception or a SECURITY
/// DEFINER function would put drafts one mistake away from the public), public reads go only to this table, which by
/// construction holds nothing but published content.
/// </summary>
public sealed class PublicItem
{
    public Guid ItemId { get; set; }

    /// <summary>The publishing unit (its tenant id).</summary>
    public string UnitCode { get; set; } = "";

    /// <summary>The unit's parent in Identity's unit tree (a township's district) when known, so the district lists it.</summary>
    public string? ParentUnitCode { get; set; }

    public string IndexNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string SubjectCode { get; set; } = "";
    /// <summary>The top class of <see cref="SubjectCode"/>, for the subject filter.</summary>
    public string SubjectTopCode { get; set; } = "";
    public Genre Genre { get; set; }
    public string Publisher { get; set; } = "";
    public DateOnly WrittenOn { get; set; }
    public string? DocumentNumber { get; set; }
    public DisclosureScope Scope { get; set; }
    public string? DomainCode { get; set; }

    /// <summary>The standard-catalogue obligation the item fulfils (the public standard catalogue links to it).</summary>
    public Guid? ObligationId { get; set; }

    /// <summary>For a 政策解读, the policy it explains (public before it, by construction): each page links the other.</summary>
    public Guid? InterpretsId { get; set; }

    public string BodyHtml { get; set; } = "";
    public List<string> Keywords { get; set; } = [];

    /// <summary>The published version's attachments (metadata only: the bytes stay in the unit's store).</summary>
    public List<PublicAttachment> Attachments { get; set; } = [];

    public Validity Validity { get; set; }
    public DateOnly? ValidityChangedOn { get; set; }
    public int Version { get; set; }
    public DateOnly FirstPublishedOn { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Bigrams of title, summary, keywords and body text (<see cref="ChineseSearchTerms"/>), GIN-indexed.</summary>
    public List<string> SearchTerms { get; set; } = [];

    /// <summary>The normalised text a query is confirmed against.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Copies the item's just-published version with its <paramref name="attachments"/>.</summary>
    public static PublicItem From(InformationItem item, IEnumerable<ItemAttachment> attachments, string? parentUnitCode, DateTimeOffset now)
    {
        var publicItem = new PublicItem { ItemId = item.Id };
        publicItem.Refresh(item, attachments, parentUnitCode, now);
        return publicItem;
    }

    public void Refresh(InformationItem item, IEnumerable<ItemAttachment> attachments, string? parentUnitCode, DateTimeOffset now)
    {
        if (item.State != ItemState.Published)
            throw new InvalidOperationException("Only a just-published version is copied to the public catalogue.");
        var content = item.Content;
        UnitCode = item.TenantId;
        ParentUnitCode = parentUnitCode;
        IndexNumber = item.IndexNumber ?? throw new InvalidOperationException("A public item has its index number.");
        Title = content.Title;
        Summary = content.Summary;
        SubjectCode = content.SubjectCode;
        SubjectTopCode = SubjectClasses.TopOf(content.SubjectCode)!;
        Genre = content.Genre;
        Publisher = content.Publisher;
        WrittenOn = content.WrittenOn;
        DocumentNumber = content.DocumentNumber;
        Scope = content.Scope;
        DomainCode = content.DomainCode;
        ObligationId = content.ObligationId;
        InterpretsId = content.InterpretsId;
        BodyHtml = content.BodyHtml;
        Keywords = [.. content.Keywords];
        Attachments = [.. attachments.Where(a => a.ItemId == item.Id && a.IsIn(item.PublishedVersion)).OrderBy(a => a.AddedAt)
            .Select(a => new PublicAttachment(a.Id, a.FileName, a.Type, a.SizeBytes, a.Sha256))];
        Validity = item.Validity;
        ValidityChangedOn = item.ValidityChangedOn;
        Version = item.PublishedVersion;
        FirstPublishedOn = item.FirstPublishedOn!.Value;
        PublishedOn = item.PublishedOn!.Value;
        UpdatedAt = now;
        var body = Catalogue.BodyHtml.TextOf(content.BodyHtml);
        var keywords = string.Join(" ", content.Keywords);
        SearchTerms = [.. ChineseSearchTerms.ForItem(content.Title, content.Summary, keywords, body)];
        SearchText = ChineseSearchTerms.SearchText(content.Title, content.Summary, keywords, body);
    }
}

/// <summary>An attachment as the public catalogue knows it.</summary>
public sealed record PublicAttachment(Guid Id, string FileName, AttachmentType Type, long SizeBytes, string Sha256);
