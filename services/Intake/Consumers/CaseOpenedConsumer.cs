using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>Remembers the case and its reply-due date on the application, for public progress tracking.</summary>
public sealed class CaseOpenedConsumer(IntakeDbContext db) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(CaseOpenedConsumer)))
            return;
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == message.ApplicationId, context.CancellationToken)
            ?? throw new InvalidOperationException($"Application {message.ApplicationId} not found for case {message.CaseId}.");
        application.CaseOpened(message.CaseId, message.ReplyDue);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
