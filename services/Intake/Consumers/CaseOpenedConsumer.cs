using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>Remembers the case, its reply-due date and “已受理” on the application, for public progress tracking.</summary>
public sealed class CaseOpenedConsumer(IntakeDbContext db) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(context, nameof(CaseOpenedConsumer)))
            return;
        // CaseStatusChanged of the same case may be consumed at the same moment on its own queue.
        await db.LockApplicationAsync(message.ApplicationId, ct);
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == message.ApplicationId, ct)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} not found for case {message.CaseId}.");
        application.CaseOpened(message.CaseId, message.ReplyDue, message.OpenedAt);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
