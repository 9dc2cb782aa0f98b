using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain;
using Gongkai.Publishing.Infrastructure;
using MassTransit;

namespace Gongkai.Publishing.Consumers;

/// <summary>Counts each opened case as a new application of the year it was received.</summary>
public sealed class CaseOpenedConsumer(PublishingDbContext db, TimeProvider clock) : IConsumer<CaseOpened>
{
    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        db.CountedApplications.Add(new CountedApplication
        {
            CaseId = message.CaseId,
            Year = message.ReceivedOn.Year,
            ReceivedOn = message.ReceivedOn,
            CountedAt = clock.GetUtcNow(),
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
