using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing.Domain.Conversion;

namespace Gongkai.Publishing.Domain.Catalogue;

public enum ItemState
{
    Draft,
    UnderReview,
    Published,
    Withdrawn,

    /// <summary>
    /// A 政策解读 the review chain approved before its policy was first published: it waits, unpublished, and goes public in
    /// the transaction that publishes the policy (an interpretation is never public before what it explains).
    /// </summary>
    AwaitingPolicy,
}

/// <summary>有效性: 有效 / 失效 / 废止. A change is published and marked on the original (国办发〔2017〕47号).</summary>
public enum Validity
{
    Valid,
    Expired,
    Repealed,
}

/// <summary>公开属性.</summary>
public enum DisclosureMode
{
    Proactive,     // 主动公开
    OnApplication, // 依申请公开
    NotPublic,     // 不予公开
}

/// <summary>公开范围.</summary>
public enum DisclosureScope
{
    Society,    // 面向社会
    Applicants, // 面向申请人（特定群众）
}

/// <summary>A rule of the item's lifecycle was broken; the message is for the member of staff (Chinese).</summary>
public sealed class ItemRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// One entry of the unit's 政府信息公开目录. Lifecycle: Draft → UnderReview (Submit) → Published (the review chain
/// approved; the 索引号 is given then) or back to Draft (returned with reasons); Published → Withdrawn (reason, who).
/// Editing a published item starts its next version: the item goes back to Draft and through review again while the
/// public keeps the last published version; the 索引号 never changes, and every published version is kept
/// (<see cref="ItemVersion"/>). Nothing published is ever deleted; only a never-published draft may be discarded.
/// Attachments (<see cref="ItemAttachment"/>) change only on a draft and belong to versions like the content does.
/// A 政策解读 (<see cref="InterpretsId"/>) approved before its policy's first publication waits in AwaitingPolicy (see
/// <see cref="Interpretations"/> for the rules that tie the two together).
/// </summary>
public sealed class InformationItem : ITenantOwned
{
    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public ItemState State { get; private set; }

    // The content (what a version snapshots).
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public string SubjectCode { get; private set; } = "";
    public Genre Genre { get; private set; }
    public string Publisher { get; private set; } = "";
    public DateOnly WrittenOn { get; private set; }
    public string? DocumentNumber { get; private set; }
    public DisclosureMode Mode { get; private set; }
    public string? NotPublicReason { get; private set; }
    public string? NotPublicArticle { get; private set; }
    public DisclosureScope Scope { get; private set; }
    public string? DomainCode { get; private set; }
    public string BodyHtml { get; private set; } = "";
    public List<string> Keywords { get; private set; } = [];

    /// <summary>The standard-catalogue obligation (事项) this item fulfils, if any (news, for one, fulfils none).</summary>
    public Guid? ObligationId { get; private set; }

    /// <summary>The policy item of the same unit this 政策解读 explains (谁起草谁解读); null for every other item.</summary>
    public Guid? InterpretsId { get; private set; }

    /// <summary>Who approved a held interpretation (AwaitingPolicy): its published version records them, not the policy's approver.</summary>
    public string? HeldApprovedBy { get; private set; }

    // Legal status, changed on the published item and shown on it.
    public Validity Validity { get; private set; }
    public DateOnly? ValidityChangedOn { get; private set; }

    /// <summary>The version being worked on or last published (1 for the first).</summary>
    public int Version { get; private set; }

    /// <summary>When the information was formed or changed: 成文日期 for version 1, the day of the edit for later ones (Art. 26).</summary>
    public DateOnly FormedOrChangedOn { get; private set; }

    /// <summary>The Art. 26 due date of the current version, stored so lists can filter overdue items in the database.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>Given once, at the first publication; never changed afterwards.</summary>
    public string? IndexNumber { get; private set; }

    public DateOnly? FirstPublishedOn { get; private set; }

    /// <summary>The publication date of the last published version.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>The last published version (0 before the first publication).</summary>
    public int PublishedVersion { get; private set; }

    public int ReviewRound { get; private set; }
    public string? ReturnReasons { get; private set; }
    public string? WithdrawnReason { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>The Art. 44 conversion suggestion this item was drafted from, with the applications it names (null otherwise).</summary>
    public ConversionOrigin? ConvertedFrom { get; private set; }

    /// <summary>
    /// For an item marked 不予公开 or 依申请公开, the date its periodic re-review counts from: the last re-review, else
    /// the day it was marked — its 成文日期 when it is registered so (the 公开属性 is set when the document is drafted,
    /// 拟文时确定), the day of the change when a published or re-reviewed item is marked later. Null for proactive items.
    /// Stored so the due list is one comparison in the database (<see cref="NonPublicReReview.DueIfOnOrBefore"/>).
    /// </summary>
    public DateOnly? ReReviewFrom { get; private set; }

    public DateOnly? LastReReviewedOn { get; private set; }

    /// <summary>
    /// The day the item became proactive through an Art. 44 conversion or a re-review. Its Art. 26 clock runs from that
    /// change, not from the 成文日期 (which may be long past), also when the draft is edited afterwards.
    /// </summary>
    public DateOnly? BecameProactiveOn { get; private set; }

    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two editors saving the same version, or an edit racing the review result.</summary>
    public int Revision { get; private set; }

    private InformationItem() { }

    public static InformationItem Draft(Guid id, ItemContent content, DateOnly due, string actor, DateTimeOffset now, ConversionOrigin? convertedFrom = null)
    {
        var item = new InformationItem
        {
            Id = id,
            State = ItemState.Draft,
            Version = 1,
            Validity = Validity.Valid,
            CreatedBy = actor,
            CreatedAt = now,
            ConvertedFrom = convertedFrom,
        };
        item.Apply(content, actor, now);
        item.FormedOrChangedOn = content.WrittenOn;
        item.DueOn = due;
        item.ReReviewFrom = content.Mode == DisclosureMode.Proactive ? null : content.WrittenOn;
        return item;
    }

    /// <summary>
    /// A proactive draft created by accepting an Art. 44 suggestion: the information changed its attribute today, so its
    /// Art. 26 clock runs from today (<paramref name="dueFromToday"/>), whatever its 成文日期.
    /// </summary>
    public static InformationItem FromConversion(Guid id, ItemContent content, ConversionOrigin origin, DateOnly today, DateOnly dueFromToday,
        string actor, DateTimeOffset now)
    {
        if (content.Mode != DisclosureMode.Proactive)
            throw new ItemRuleException("转为主动公开的信息，公开属性必须为“主动公开”。");
        var item = Draft(id, content, dueFromToday, actor, now, origin);
        item.FormedOrChangedOn = today;
        item.BecameProactiveOn = today;
        return item;
    }

    public ItemContent Content => new(Title, Summary, SubjectCode, Genre, Publisher, WrittenOn, DocumentNumber, Mode, NotPublicReason,
        NotPublicArticle, Scope, DomainCode, BodyHtml, Keywords, ObligationId, InterpretsId);

    public bool IsInterpretation => InterpretsId is not null;

    public bool EverPublished => PublishedVersion > 0;

    /// <summary>The publication date of the current version, or null while it is not (yet) published.</summary>
    public DateOnly? CurrentVersionPublishedOn => PublishedVersion == Version ? PublishedOn : null;

    /// <summary>
    /// Changes the content. A draft is simply changed; a published item starts its next version, dated
    /// <paramref name="today"/> for the Art. 26 clock, with <paramref name="dueForChange"/> as its due date.
    /// </summary>
    /// <param name="dueForFormed">The due date counted from the (possibly corrected) 成文日期, used while never published.</param>
    public void Edit(ItemContent content, DateOnly today, DateOnly dueForFormed, DateOnly dueForChange, string actor, DateTimeOffset now)
    {
        // The link is what the public sees the interpretation beside; once public it stays with that policy.
        if (EverPublished && content.InterpretsId != InterpretsId)
            throw new ItemRuleException("已公开的解读不能改为解读其他文件；如需解读其他文件，请另行起草。");
        // Only a proactive version can be published, so a published item re-marked non-public would stay public as it was.
        if (EverPublished && content.Mode != DisclosureMode.Proactive)
            throw new ItemRuleException("已公开的信息不能改为依申请公开或不予公开；如不应再公开，请撤回并说明理由。");
        var wasNonPublic = Mode != DisclosureMode.Proactive;
        switch (State)
        {
            case ItemState.UnderReview:
                throw new ItemRuleException("该信息正在审核中，不能修改；审核退回后再修改。");
            case ItemState.Withdrawn:
                throw new ItemRuleException("该信息已撤回，不能再修改。");
            case ItemState.Published:
                Version++;
                State = ItemState.Draft;
                FormedOrChangedOn = today;
                DueOn = dueForChange;
                ReturnReasons = null;
                break;
            default:
                // A held interpretation was approved for the content as it was: a change goes through review again. Never
                // published, it (like any such draft) counts from its corrected 成文日期, unless it became proactive later.
                State = ItemState.Draft;
                HeldApprovedBy = null;
                if (!EverPublished && !(BecameProactiveOn is not null && content.Mode == DisclosureMode.Proactive))
                {
                    FormedOrChangedOn = content.WrittenOn;
                    DueOn = dueForFormed;
                }
                break;
        }
        if (content.Mode != DisclosureMode.Proactive)
            BecameProactiveOn = null; // a later change back to proactive starts a new clock then
        Apply(content, actor, now);
        ReReviewFrom = ReReviewFromAfterEdit(wasNonPublic, today);
    }

    private DateOnly? ReReviewFromAfterEdit(bool wasNonPublic, DateOnly today)
    {
        if (Mode == DisclosureMode.Proactive)
            return null;
        // Still being registered (never published, never re-reviewed): the marking counts from the (corrected) 成文日期.
        if (!EverPublished && LastReReviewedOn is null)
            return WrittenOn;
        return wasNonPublic ? ReReviewFrom ?? today : today;
    }

    /// <summary>
    /// Records a periodic re-review of a non-public item. KeepNotPublic confirms (or corrects) the reason and article;
    /// ChangeToOnApplication makes it 依申请公开; ChangeToProactive makes it a proactive draft whose Art. 26 clock runs
    /// from today (the day its attribute changed), ready for submission. The next re-review counts from today.
    /// </summary>
    public ItemReReview ReReview(ReReviewOutcome outcome, string? reason, string? article, string? note, DateOnly today, DateOnly dueForChange,
        string actor, DateTimeOffset now)
    {
        if (State == ItemState.Withdrawn)
            throw new ItemRuleException("该信息已撤回，不需要复核。");
        if (Mode == DisclosureMode.Proactive || State != ItemState.Draft)
            throw new ItemRuleException("只有公开属性为“不予公开”或“依申请公开”的信息需要定期复核。");
        var before = Mode;
        switch (outcome)
        {
            case ReReviewOutcome.KeepNotPublic:
                if (Mode != DisclosureMode.NotPublic)
                    throw new ItemRuleException("该信息为依申请公开，不能“维持不予公开”；如需改为不予公开，请修改目录信息并写明理由和依据条款。");
                if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(article))
                    throw new ItemRuleException("维持不予公开须确认理由和所依据的条款。");
                NotPublicReason = reason.Trim();
                NotPublicArticle = article.Trim();
                break;
            case ReReviewOutcome.ChangeToOnApplication:
                Mode = DisclosureMode.OnApplication;
                NotPublicReason = null;
                NotPublicArticle = null;
                break;
            case ReReviewOutcome.ChangeToProactive:
                Mode = DisclosureMode.Proactive;
                NotPublicReason = null;
                NotPublicArticle = null;
                FormedOrChangedOn = today;
                DueOn = dueForChange;
                BecameProactiveOn = today;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }
        LastReReviewedOn = today;
        ReReviewFrom = Mode == DisclosureMode.Proactive ? null : today;
        Touch(actor, now);
        return new ItemReReview
        {
            Id = Guid.NewGuid(),
            ItemId = Id,
            Outcome = outcome,
            ModeBefore = before,
            ModeAfter = Mode,
            NotPublicReason = outcome == ReReviewOutcome.KeepNotPublic ? NotPublicReason : null,
            NotPublicArticle = outcome == ReReviewOutcome.KeepNotPublic ? NotPublicArticle : null,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            ReviewedOn = today,
            ReviewedBy = actor,
            ReviewedAt = now,
        };
    }

    /// <summary>
    /// Only a draft that was never published may be discarded; everything published stays, and so does a draft that is the
    /// record of a decision: accepting an Art. 44 suggestion, or a re-review of its attribute.
    /// </summary>
    public void EnsureDiscardable()
    {
        if (State != ItemState.Draft || EverPublished)
            throw new ItemRuleException(EverPublished ? "已公开过的信息不能删除，只能撤回。" : "只有草稿可以删除。");
        if (ConvertedFrom is not null)
            throw new ItemRuleException("该草稿由采纳的属性转换建议生成，不能删除；不再公开的，请将公开属性改为依申请公开或不予公开并说明理由。");
        if (LastReReviewedOn is not null)
            throw new ItemRuleException("该信息已有定期复核记录，不能删除。");
    }

    /// <summary>
    /// Attaches a file to the draft's version. Touching the item makes an upload racing a submission (or a second
    /// upload racing this one past the per-item cap) fail on the item's concurrency token instead of slipping in.
    /// </summary>
    public ItemAttachment Attach(Guid id, string fileName, AttachmentType type, long sizeBytes, string sha256, string actor, DateTimeOffset now)
    {
        EnsureAttachmentsChangeable();
        Touch(actor, now);
        return new ItemAttachment
        {
            Id = id,
            ItemId = Id,
            FileName = fileName,
            Type = type,
            SizeBytes = sizeBytes,
            Sha256 = sha256,
            AddedInVersion = Version,
            AddedBy = actor,
            AddedAt = now,
        };
    }

    /// <summary>
    /// Takes an attachment off the draft's version. Returns true when it was never part of a published version, so
    /// the caller deletes it; otherwise its range ends here and the published versions keep it.
    /// </summary>
    public bool Detach(ItemAttachment attachment, string actor, DateTimeOffset now)
    {
        if (attachment.ItemId != Id || !attachment.IsIn(Version))
            throw new InvalidOperationException("The attachment is not one of this draft's.");
        EnsureAttachmentsChangeable();
        Touch(actor, now);
        // A draft's version is never a published one (editing a published item starts the next version).
        if (attachment.AddedInVersion == Version)
            return true;
        attachment.RemoveFrom(Version);
        return false;
    }

    private void EnsureAttachmentsChangeable()
    {
        if (State != ItemState.Draft)
            throw new ItemRuleException(State switch
            {
                ItemState.UnderReview => "该信息正在审核中，不能增删附件；审核退回后再修改。",
                ItemState.Published => "已公开的信息不能直接增删附件；请先修改信息形成新版本，再在新版本中增删。",
                ItemState.AwaitingPolicy => "该解读已审核通过，待随政策文件一并公开；如需增删附件，请先修改信息（须重新审核）。",
                _ => "该信息已撤回，不能再增删附件。",
            });
    }

    /// <summary>Sends the draft to the unit's review chain; returns the round the review answers to.</summary>
    public int Submit(string actor, DateTimeOffset now)
    {
        if (State != ItemState.Draft)
            throw new ItemRuleException(State == ItemState.UnderReview ? "该信息已在审核中。" : "只有草稿可以提交审核。");
        if (Mode != DisclosureMode.Proactive)
            throw new ItemRuleException("只有公开属性为“主动公开”的信息才能提交公开；依申请公开和不予公开的信息只登记在目录中。");
        State = ItemState.UnderReview;
        ReviewRound++;
        Touch(actor, now);
        return ReviewRound;
    }

    /// <summary>
    /// The review chain approved: the current version is published today. <paramref name="newIndexNumber"/> is the number
    /// drawn for a first publication and must be null afterwards (the number never changes). Returns null, changing
    /// nothing, for a result that does not answer the pending review (a stale round or a redelivery after the fact).
    /// </summary>
    public ItemVersion? Publish(int round, string? newIndexNumber, string approvedBy, DateOnly today, DateTimeOffset now) =>
        AwaitsReview(round) ? PublishCurrent(newIndexNumber, approvedBy, today, now) : null;

    /// <summary>
    /// The review chain approved this interpretation before its policy was ever published: it waits for it (AwaitingPolicy).
    /// False, changing nothing, for a stale result.
    /// </summary>
    public bool HoldForPolicy(int round, string approvedBy, DateTimeOffset now)
    {
        if (!AwaitsReview(round))
            return false;
        if (!IsInterpretation)
            throw new InvalidOperationException("Only an interpretation waits for its policy.");
        State = ItemState.AwaitingPolicy;
        HeldApprovedBy = approvedBy;
        Touch(approvedBy, now);
        return true;
    }

    /// <summary>Publishes a held interpretation together with its policy (in the policy's publishing transaction).</summary>
    public ItemVersion PublishHeld(string? newIndexNumber, DateOnly today, DateTimeOffset now)
    {
        if (State != ItemState.AwaitingPolicy)
            throw new InvalidOperationException("Only an interpretation awaiting its policy is published with it.");
        var approvedBy = HeldApprovedBy!;
        HeldApprovedBy = null;
        return PublishCurrent(newIndexNumber, approvedBy, today, now);
    }

    private ItemVersion PublishCurrent(string? newIndexNumber, string approvedBy, DateOnly today, DateTimeOffset now)
    {
        if (NeedsIndexNumber != (newIndexNumber is not null))
            throw new InvalidOperationException(NeedsIndexNumber ? "A first publication needs its index number." : "An issued index number never changes.");
        IndexNumber ??= newIndexNumber;
        State = ItemState.Published;
        PublishedVersion = Version;
        PublishedOn = today;
        FirstPublishedOn ??= today;
        ReturnReasons = null;
        Touch(approvedBy, now);
        return new ItemVersion
        {
            Id = Guid.NewGuid(),
            ItemId = Id,
            Version = Version,
            IndexNumber = IndexNumber!,
            Content = Content,
            FormedOrChangedOn = FormedOrChangedOn,
            DueOn = DueOn,
            PublishedOn = today,
            PublishedAt = now,
            ApprovedBy = approvedBy,
        };
    }

    public bool NeedsIndexNumber => IndexNumber is null;

    /// <summary>Whether a review result of <paramref name="round"/> answers the review this item waits for.</summary>
    public bool AwaitsReview(int round) => State == ItemState.UnderReview && round == ReviewRound;

    /// <summary>A reviewer returned the item: back to draft with the reasons. False (nothing changed) for a stale result.</summary>
    public bool ReturnFromReview(int round, string reasons, string returnedBy, DateTimeOffset now)
    {
        if (!AwaitsReview(round))
            return false;
        State = ItemState.Draft;
        ReturnReasons = reasons;
        Touch(returnedBy, now);
        return true;
    }

    /// <summary>
    /// Takes a published item off the public catalogue, also while its next version is being drafted or reviewed (a late
    /// review result then finds nothing awaiting it). Its versions and number stay; it is never deleted.
    /// </summary>
    public void Withdraw(string reason, string actor, DateTimeOffset now)
    {
        if (!EverPublished || State == ItemState.Withdrawn)
            throw new ItemRuleException(State == ItemState.Withdrawn ? "该信息已撤回。" : "只有已公开的信息可以撤回；未公开的草稿可以直接删除。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
            throw new ItemRuleException("请填写撤回理由（不超过 500 字）。");
        State = ItemState.Withdrawn;
        WithdrawnReason = reason.Trim();
        WithdrawnBy = actor;
        WithdrawnAt = now;
        Touch(actor, now);
    }

    /// <summary>Records a change of 有效性 on the published item (it is marked on the original, which stays reachable).</summary>
    public ValidityChange ChangeValidity(Validity validity, DateOnly on, DateOnly today, string actor, DateTimeOffset now)
    {
        if (!EverPublished || State == ItemState.Withdrawn)
            throw new ItemRuleException("只有已公开的信息才能变更有效性。");
        if (validity == Validity)
            throw new ItemRuleException("有效性没有变化。");
        if (on > today)
            throw new ItemRuleException("变更日期不能晚于今天；到期失效的文件请在失效当日登记。");
        if (on < WrittenOn || ValidityChangedOn is { } last && on < last)
            throw new ItemRuleException("变更日期不能早于成文日期或上一次有效性变更的日期。");
        var change = new ValidityChange
        {
            Id = Guid.NewGuid(),
            ItemId = Id,
            From = Validity,
            To = validity,
            On = on,
            ChangedBy = actor,
            ChangedAt = now,
        };
        Validity = validity;
        ValidityChangedOn = on;
        Touch(actor, now);
        return change;
    }

    private void Apply(ItemContent content, string actor, DateTimeOffset now)
    {
        Title = content.Title;
        Summary = content.Summary;
        SubjectCode = content.SubjectCode;
        Genre = content.Genre;
        Publisher = content.Publisher;
        WrittenOn = content.WrittenOn;
        DocumentNumber = content.DocumentNumber;
        Mode = content.Mode;
        NotPublicReason = content.NotPublicReason;
        NotPublicArticle = content.NotPublicArticle;
        Scope = content.Scope;
        DomainCode = content.DomainCode;
        BodyHtml = content.BodyHtml;
        Keywords = [.. content.Keywords];
        ObligationId = content.ObligationId;
        InterpretsId = content.InterpretsId;
        Touch(actor, now);
    }

    private void Touch(string actor, DateTimeOffset now)
    {
        UpdatedBy = actor;
        UpdatedAt = now;
        Revision++;
    }
}

/// <summary>A published version, kept for good: what the public saw from its publication until the next.</summary>
public sealed class ItemVersion : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid ItemId { get; init; }
    public int Version { get; init; }
    public required string IndexNumber { get; init; }
    public required ItemContent Content { get; init; }
    public DateOnly FormedOrChangedOn { get; init; }
    public DateOnly DueOn { get; init; }
    public DateOnly PublishedOn { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string ApprovedBy { get; init; }
}

/// <summary>A recorded change of 有效性.</summary>
public sealed class ValidityChange : ITenantOwned
{
    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid ItemId { get; init; }
    public Validity From { get; init; }
    public Validity To { get; init; }
    public DateOnly On { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}
