using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Domain.Conversion;

namespace Gongkai.Publishing.Catalogue;

public sealed record DeadlineView(DateOnly Due, DeadlineState State, string StateName, int RemainingWorkingDays, bool Provisional);

public sealed record ItemSummaryView(Guid Id, string Title, ItemState State, string StateName, string? IndexNumber, string SubjectCode, string SubjectName,
    Genre Genre, string GenreName, string? DomainCode, DateOnly WrittenOn, int Version, DateOnly? PublishedOn, DeadlineView Deadline, DateTimeOffset UpdatedAt);

public sealed record ItemView(Guid Id, ItemState State, string StateName, string? IndexNumber, int Version, int PublishedVersion,
    string Title, string? Summary, string SubjectCode, string SubjectPath, Genre Genre, string GenreName, string Publisher, DateOnly WrittenOn,
    string? DocumentNumber, DisclosureMode Mode, string? NotPublicReason, string? NotPublicArticle, DisclosureScope Scope, string? DomainCode,
    string? DomainName, string BodyHtml, IReadOnlyList<string> Keywords, Validity Validity, string ValidityName, DateOnly? ValidityChangedOn,
    DateOnly FormedOrChangedOn, DeadlineView Deadline, DateOnly? FirstPublishedOn, DateOnly? PublishedOn, int ReviewRound, string? ReturnReasons,
    string? WithdrawnReason, string? WithdrawnBy, DateTimeOffset? WithdrawnAt, string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy,
    DateTimeOffset UpdatedAt, int Revision, Guid? ObligationId, ConversionOrigin? ConvertedFrom, DateOnly? LastReReviewedOn, ItemLinkView? Interprets,
    IReadOnlyList<ItemLinkView> Interpretations);

/// <summary>The other end of a 政策解读 link, as staff see it (any state: a draft interpretation is listed on its policy).</summary>
public sealed record ItemLinkView(Guid Id, string Title, ItemState State, string StateName, string? IndexNumber, int ReviewRound);

public sealed record VersionView(int Version, string IndexNumber, DateOnly FormedOrChangedOn, DateOnly Due, DateOnly PublishedOn,
    DateTimeOffset PublishedAt, string ApprovedBy, ItemContent Content, IReadOnlyList<AttachmentView> Attachments);

public sealed record AttachmentView(Guid Id, string FileName, AttachmentType Type, string ContentType, long SizeBytes, string Sha256,
    int AddedInVersion, string AddedBy, DateTimeOffset AddedAt, string DownloadUrl);

public sealed record ValidityChangeView(Validity From, Validity To, string ToName, DateOnly On, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record ItemHistoryView(Guid ItemId, string? IndexNumber, IReadOnlyList<VersionView> Versions, IReadOnlyList<ValidityChangeView> ValidityChanges,
    string? WithdrawnReason, string? WithdrawnBy, DateTimeOffset? WithdrawnAt);

public sealed record PageOf<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

public static class ItemViews
{
    public static string StateName(ItemState state) => state switch
    {
        ItemState.Draft => "草稿",
        ItemState.UnderReview => "审核中",
        ItemState.Published => "已公开",
        ItemState.Withdrawn => "已撤回",
        ItemState.AwaitingPolicy => "审核通过，待随政策文件公开",
        _ => state.ToString(),
    };

    public static string ModeName(DisclosureMode mode) => mode switch
    {
        DisclosureMode.Proactive => "主动公开",
        DisclosureMode.OnApplication => "依申请公开",
        DisclosureMode.NotPublic => "不予公开",
        _ => mode.ToString(),
    };

    public static string ValidityName(Validity validity) => validity switch
    {
        Validity.Valid => "有效",
        Validity.Expired => "失效",
        Validity.Repealed => "废止",
        _ => validity.ToString(),
    };

    public static DeadlineView Deadline(InformationItem item, PublicationDeadline deadline, DateOnly today)
    {
        var status = deadline.StatusOn(item.FormedOrChangedOn, item.CurrentVersionPublishedOn, today);
        // The stored due date was counted with the unit's period at the time; show that one, it is the one lists filter on.
        return new DeadlineView(item.DueOn, status.State, PublicationDeadline.ChineseName(status.State), status.RemainingWorkingDays, status.Provisional);
    }

    public static AttachmentView Attachment(ItemAttachment a) =>
        new(a.Id, a.FileName, a.Type, AttachmentFormats.ContentType(a.Type), a.SizeBytes, a.Sha256, a.AddedInVersion, a.AddedBy, a.AddedAt,
            $"/api/publishing/items/{a.ItemId}/attachments/{a.Id}");

    public static ItemSummaryView Summary(InformationItem i, PublicationDeadline deadline, DateOnly today) =>
        new(i.Id, i.Title, i.State, StateName(i.State), i.IndexNumber, i.SubjectCode, SubjectClasses.Find(i.SubjectCode)?.Path ?? i.SubjectCode,
            i.Genre, Genres.ChineseName(i.Genre), i.DomainCode, i.WrittenOn, i.Version, i.PublishedOn, Deadline(i, deadline, today), i.UpdatedAt);

    public static ItemLinkView Link(InformationItem i) => new(i.Id, i.Title, i.State, StateName(i.State), i.IndexNumber, i.ReviewRound);

    /// <param name="interprets">The policy this interpretation explains (null for other items).</param>
    /// <param name="interpretations">The interpretations of this item, oldest first.</param>
    public static ItemView Full(InformationItem i, PublicationDeadline deadline, DateOnly today, InformationItem? interprets = null,
        IReadOnlyList<InformationItem>? interpretations = null) =>
        new(i.Id, i.State, StateName(i.State), i.IndexNumber, i.Version, i.PublishedVersion, i.Title, i.Summary, i.SubjectCode,
            SubjectClasses.Find(i.SubjectCode)?.Path ?? i.SubjectCode, i.Genre, Genres.ChineseName(i.Genre), i.Publisher, i.WrittenOn,
            i.DocumentNumber, i.Mode, i.NotPublicReason, i.NotPublicArticle, i.Scope, i.DomainCode, GrassrootsDomains.Find(i.DomainCode)?.Name,
            i.BodyHtml, i.Keywords, i.Validity, ValidityName(i.Validity), i.ValidityChangedOn, i.FormedOrChangedOn, Deadline(i, deadline, today),
            i.FirstPublishedOn, i.PublishedOn, i.ReviewRound, i.ReturnReasons, i.WithdrawnReason, i.WithdrawnBy, i.WithdrawnAt, i.CreatedBy,
            i.CreatedAt, i.UpdatedBy, i.UpdatedAt, i.Revision, i.ObligationId, i.ConvertedFrom, i.LastReReviewedOn,
            interprets is null ? null : Link(interprets), (interpretations ?? []).Select(Link).ToList());
}
