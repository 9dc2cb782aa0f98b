using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>
/// Keeps the case's status and reply-due date (null while the clock is paused) on the application, for
/// public tracking, and tells the city about an application it sent. Messages may arrive out of order across queues: the
/// newest ChangedAt wins here; the city hears of every change, each with its time.
/// </summary>
public sealed class CaseStatusChangedConsumer(IntakeDbContext db, ILogger<CaseStatusChangedConsumer> logger) : IConsumer<CaseStatusChanged>
{
    public async Task Consume(ConsumeContext<CaseStatusChanged> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockApplicationAsync(message.ApplicationId, ct);
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == message.ApplicationId, ct);
        if (application is null)
        {
            // The application row commits before any event about it exists, so a retry would not find it either.
            logger.LogWarning("Case {CaseId} names application {ApplicationId}, which Intake does not have; ignored", message.CaseId, message.ApplicationId);
            return;
        }
        application.CaseStatusChanged(message.CaseId, message.Status, message.ReplyDue, message.ChangedAt, message.ReplyType, message.ReplyTypeLabel);
        // Every change, even one that arrives after a newer one (queues race): the city orders them by occurredAt.
        await CityCallbacks.QueueAsync(db, application.Id, message.Status == "Delivered" ? CityCallbackKind.Delivered : CityCallbackKind.StatusChanged,
            message.ChangedAt, ct, new CityCaseStatus(message.Status, message.StatusLabel, message.ReplyDue));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
