using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Publishing.Catalogue;
using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.Publishing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Consumers;

/// <summary>
/// The unit's review chain (LegalReview) approved a catalogue item: it is published today (China time). A first
/// publication draws its 索引号 in the same transaction, so the number, the published state, the public copy, the kept
/// version and the InformationPublished event commit together or not at all. Results about cases (Subject Case) are
/// Workflow's and ignored here.
/// </summary>
public sealed class PublicationApprovedConsumer(PublishingDbContext db, WorkingDayCalendar calendar, UnitDirectory units, TimeProvider clock,
    ILogger<PublicationApprovedConsumer> logger) : IConsumer<ReviewApproved>
{
    public async Task Consume(ConsumeContext<ReviewApproved> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Subject != ReviewSubject.Publication)
            return;
        await units.RefreshAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == m.CaseId, ct);
        if (item is null || !item.AwaitsReview(m.Round))
        {
            // A result for a discarded draft, or for an earlier round: nothing to publish. Recorded in the inbox, not retried.
            logger.LogWarning("Review {ReviewId} approved item {ItemId} round {Round}, which does not await that review", m.ReviewId, m.CaseId, m.Round);
            return;
        }

        var settings = await db.SettingsOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        string? number = null;
        if (item.NeedsIndexNumber)
        {
            var scheme = settings.SchemeOrDefault;
            var serial = await db.NextIndexSerialAsync(scheme.SeriesKey(today.Year, item.SubjectCode), ct);
            number = scheme.Format(today.Year, item.SubjectCode, serial);
        }
        var version = item.Publish(m.Round, number, m.ApprovedBy, today, now)!;
        db.ItemVersions.Add(version);
        var attachments = await db.Attachments.Where(ItemAttachment.OfVersion(item.Id, item.Version)).ToListAsync(ct);
        if (await db.PublicItems.SingleOrDefaultAsync(p => p.ItemId == item.Id, ct) is { } publicItem)
            publicItem.Refresh(item, attachments, settings.ParentUnitCode, now);
        else
            db.PublicItems.Add(PublicItem.From(item, attachments, settings.ParentUnitCode, now));
        var deadline = settings.Deadline(calendar).StatusOn(item.FormedOrChangedOn, today, today);
        db.AddIntegrationEvent(new InformationPublished(item.Id, db.Tenant.Required, item.IndexNumber!, item.Title, item.SubjectCode,
            item.Genre.ToString(), item.DomainCode, item.WrittenOn, today, item.DueOn, today > item.DueOn, item.Version, now));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, m.ApprovedBy, db.Tenant.Required, "catalogue-item-published",
            $"catalogue-item:{item.Id}", $"公开 {item.IndexNumber}（第 {item.Version} 版，{PublicationDeadline.ChineseName(deadline.State)}）：{item.Title}", null, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>A reviewer returned a catalogue item: it goes back to draft with the reasons. Case results are ignored.</summary>
public sealed class PublicationReturnedConsumer(PublishingDbContext db, TimeProvider clock, ILogger<PublicationReturnedConsumer> logger)
    : IConsumer<ReviewReturned>
{
    public async Task Consume(ConsumeContext<ReviewReturned> context)
    {
        var m = context.Message;
        if (m.Subject != ReviewSubject.Publication)
            return;
        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == m.CaseId, context.CancellationToken);
        if (item is null || !item.ReturnFromReview(m.Round, m.Reasons, m.ReturnedBy, clock.GetUtcNow()))
            logger.LogWarning("Review {ReviewId} returned item {ItemId} round {Round}, which does not await that review", m.ReviewId, m.CaseId, m.Round);
        else
            db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, m.ReturnedBy, db.Tenant.Required, "catalogue-item-returned",
                $"catalogue-item:{item.Id}", $"审核退回（第 {m.Round} 轮）：{m.Reasons}", null, clock.GetUtcNow()));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
