using Gongkai.BuildingBlocks.Messaging;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Identity.Infrastructure;
using MassTransit;

namespace Gongkai.Identity.Consumers;

/// <summary>Appends what other services report (supervisor reads, state changes, issued documents) to the unit's audit chain.</summary>
public sealed class AuditableActionOccurredConsumer(IServiceScopeFactory scopes, AuditLog audit) : IConsumer<AuditableActionOccurred>
{
    public async Task Consume(ConsumeContext<AuditableActionOccurred> context)
    {
        var m = context.Message;
        // The entry belongs to the unit it is about (a supervisor's read goes into the township's chain),
        // which may differ from the sender's tenant in the message header.
        await using var scope = scopes.CreateTenantScope(m.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        if (!await db.TryStartProcessingAsync(context, nameof(AuditableActionOccurredConsumer)))
            return;
        await audit.AppendAsync(db, new(m.TenantId, m.Actor, m.ActorTenantId, m.Action, m.Target, m.Detail, m.SourceAddress, m.OccurredAt), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }
}
