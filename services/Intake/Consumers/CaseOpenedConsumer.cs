using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>
/// Remembers the case, its reply-due date and “已受理” on the application, for public progress tracking, and tells the city
/// when the application came from it.
/// </summary>
public sealed class CaseOpenedConsumer(IntakeDbContext db, ILogger<CaseOpenedConsumer> logger) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // CaseStatusChanged of the same case may be consumed at the same moment on its own queue.
        await db.LockApplicationAsync(message.ApplicationId, ct);
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == message.ApplicationId, ct);
        if (application is null)
        {
            // The application row commits before any event about it exists, so a retry would not find it either.
            logger.LogWarning("Case {CaseId} names application {ApplicationId}, which Intake does not have; ignored", message.CaseId, message.ApplicationId);
            return;
        }
        application.CaseOpened(message.CaseId, message.ReplyDue, message.OpenedAt);
        // Even when a later status overtook it here: the city hears of every change once, each with when it happened.
        await CityCallbacks.QueueAsync(db, application.Id, CityCallbackKind.StatusChanged, message.OpenedAt, ct,
            new CityCaseStatus("Received", "已登记", message.ReplyDue));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
