using System.Diagnostics;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using MassTransit;

namespace Gongkai.BuildingBlocks.Messaging;

/// <summary>
/// Sets the consumer scope's tenant from the message header (or, for <see cref="IConsumedAsNamedUnit"/>, from the
/// message), so RLS and query filters apply to consumers too.
/// </summary>
public sealed class TenantConsumeFilter<T>(TenantContext tenant) : IFilter<ConsumeContext<T>> where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var tenantId = context.Message is IConsumedAsNamedUnit named ? named.TenantId
            : context.Headers.TryGetHeader(TenantHeaders.Message, out var value) ? value as string : null;
        if (tenantId is not null && TenantIds.IsWellFormed(tenantId))
        {
            if (tenant.TenantId != tenantId)
                tenant.Set(tenantId);
            Activity.Current?.SetTag("gongkai.tenant", tenantId);
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant");
}
