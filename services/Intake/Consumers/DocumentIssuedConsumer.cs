using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Consumers;

/// <summary>
/// Keeps the titles of a case's issued documents for public tracking. Stored by case, not application:
/// the receipt is often issued before Intake has heard of the case (CaseOpened travels on another queue).
/// A reply letter of an application the city sent is reported to the city with its hash and where to fetch it.
/// </summary>
public sealed class DocumentIssuedConsumer(IntakeDbContext db) : IConsumer<DocumentIssued>
{
    public async Task Consume(ConsumeContext<DocumentIssued> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        if (await db.CaseDocuments.AnyAsync(d => d.DocumentId == message.DocumentId, ct))
            return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.CaseDocuments.Add(new CaseDocument
        {
            DocumentId = message.DocumentId,
            CaseId = message.CaseId,
            Kind = message.Kind,
            Title = message.Title,
            IssuedAt = message.IssuedAt,
        });
        // A reply comes after review, long after the case is known here.
        if (message.Kind == DocumentKinds.Reply
            && await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == message.CaseId, ct) is { } application
            && await db.CityApplications.AsNoTracking().SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct) is { } city)
            await CityCallbacks.QueueAsync(db, application.Id, CityCallbackKind.ResultIssued, message.IssuedAt, ct, result: new CityResult(
                application.ReplyType, application.ReplyTypeLabel, message.Title, message.DocumentNumber, message.Sha256, CityCallbacks.ReplyPath(city.CityReference, message.DocumentId)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
