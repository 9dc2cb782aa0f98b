using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>Shows on the timeline that LegalReview has taken the review request.</summary>
public sealed class ReviewTaskCreatedConsumer(WorkflowDbContext db) : IConsumer<ReviewTaskCreated>
{
    public async Task Consume(ConsumeContext<ReviewTaskCreated> context)
    {
        var message = context.Message;
        // A catalogue item's review (Publishing's); Workflow has no case of that id.
        if (message.Subject != ReviewSubject.Case)
            return;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == message.CaseId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {message.CaseId} not found for review task {message.ReviewTaskId}.");
        @case.Note(message.CreatedAt, "review-task-created", "法律审查任务已创建", "法律审查服务", Activity.Current?.TraceId.ToString());
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
