using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Gongkai.LegalReview.Infrastructure;
using MassTransit;

namespace Gongkai.LegalReview.Consumers;

/// <summary>Creates the review task for a requested review and tells Workflow it exists.</summary>
public sealed class ReviewRequestedConsumer(LegalReviewDbContext db, TimeProvider clock) : IConsumer<ReviewRequested>
{
    public async Task Consume(ConsumeContext<ReviewRequested> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(ReviewRequestedConsumer)))
            return;
        var task = new ReviewTask
        {
            Id = Guid.NewGuid(),
            CaseId = message.CaseId,
            CaseNumber = message.CaseNumber,
            ReplyDue = message.ReplyDue,
            State = ReviewTaskState.Pending,
            CreatedAt = clock.GetUtcNow(),
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        db.ReviewTasks.Add(task);
        db.AddIntegrationEvent(new ReviewTaskCreated(task.Id, task.CaseId, db.Tenant.Required, task.CreatedAt));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
