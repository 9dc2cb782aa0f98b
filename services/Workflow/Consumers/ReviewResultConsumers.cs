using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>The review chain approved the decision: the case is approved and the reply is requested from Document.</summary>
public sealed class ReviewApprovedConsumer(WorkflowDbContext db, TimeProvider clock) : IConsumer<ReviewApproved>
{
    public async Task Consume(ConsumeContext<ReviewApproved> context)
    {
        var m = context.Message;
        // A catalogue item's review (Publishing's); Workflow has no case of that id.
        if (m.Subject != ReviewSubject.Case)
            return;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == m.CaseId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {m.CaseId} not found for review {m.ReviewId}.");
        var before = @case.Status;
        @case.Apply(l => l.Approve(m.ApprovedAt, m.ApprovedBy), Activity.Current?.TraceId.ToString());
        var now = clock.GetUtcNow();
        CaseEvents.Publish(db, @case, before, "approval", m.ApprovedBy, null, now);
        CaseEvents.RequestReply(db, @case, now);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>A reviewer returned the decision: the case goes back to the handler with the reasons.</summary>
public sealed class ReviewReturnedConsumer(WorkflowDbContext db, TimeProvider clock) : IConsumer<ReviewReturned>
{
    public async Task Consume(ConsumeContext<ReviewReturned> context)
    {
        var m = context.Message;
        // A catalogue item's review (Publishing's); Workflow has no case of that id.
        if (m.Subject != ReviewSubject.Case)
            return;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == m.CaseId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {m.CaseId} not found for review {m.ReviewId}.");
        var before = @case.Status;
        @case.Apply(l => l.ReturnForRework(m.Reasons, m.ReturnedAt, m.ReturnedBy), Activity.Current?.TraceId.ToString());
        CaseEvents.Publish(db, @case, before, "returns", m.ReturnedBy, null, clock.GetUtcNow());
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
