using Gongkai.Contracts;
using Gongkai.Identity.Infrastructure;
using MassTransit;

namespace Gongkai.Identity.Consumers;

/// <summary>
/// Appends what other services report (supervisor reads, state changes, issued documents) to the audit chain of
/// the unit the entry is about, which is this scope's tenant (<see cref="IConsumedAsNamedUnit"/>).
/// </summary>
public sealed class AuditableActionOccurredConsumer(IdentityDbContext db, AuditLog audit) : IConsumer<AuditableActionOccurred>
{
    public async Task Consume(ConsumeContext<AuditableActionOccurred> context)
    {
        var m = context.Message;
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        await audit.AppendAsync(db, new(m.TenantId, m.Actor, m.ActorTenantId, m.Action, m.Target, m.Detail, m.SourceAddress, m.OccurredAt), context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }
}
