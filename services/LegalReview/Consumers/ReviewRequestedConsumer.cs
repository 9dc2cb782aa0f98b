using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Gongkai.LegalReview.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.LegalReview.Consumers;

/// <summary>
/// Starts the unit's review chain for a drafted decision, or for a catalogue item before publication or an annual report before sign-off (a new round if
/// it was reviewed before).
/// </summary>
public sealed class ReviewRequestedConsumer(LegalReviewDbContext db, TimeProvider clock) : IConsumer<ReviewRequested>
{
    public async Task Consume(ConsumeContext<ReviewRequested> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var round = Math.Max(m.Round, await db.Reviews.Where(r => r.CaseId == m.CaseId).MaxAsync(r => (int?)r.Round, ct) + 1 ?? 1);
        var policy = await db.PolicyAsync(ct);
        var now = clock.GetUtcNow();
        // A report is signed off like a publication: 保密审查, then the leader's 签发.
        var chain = m.Subject is ReviewSubject.Publication or ReviewSubject.AnnualReport
            ? policy.ChainForPublication()
            : policy.ChainFor(m.Outcome, m.TouchesThirdParty || m.Outcome == "WithheldThirdPartyRights");
        var review = Review.Start(m.CaseId, m.CaseNumber, round, m.ReplyType, m.Outcome, m.ReplyDue, chain, now, m.Subject);
        db.Reviews.Add(review);
        if (!await db.ReviewingUnits.AnyAsync(u => u.TenantId == m.TenantId, ct))
            db.ReviewingUnits.Add(new ReviewingUnit { TenantId = db.Tenant.Required, FirstSeenAt = now });
        db.AddIntegrationEvent(new ReviewTaskCreated(review.Id, review.CaseId, db.Tenant.Required, now, review.Subject));
        await db.SaveChangesAsync(ct);
    }
}
