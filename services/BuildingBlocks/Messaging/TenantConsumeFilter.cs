using System.Diagnostics;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using MassTransit;

namespace Gongkai.BuildingBlocks.Messaging;

/// <summary>Sets the consumer scope's tenant from the message header, so RLS and query filters apply to consumers too.</summary>
public sealed class TenantConsumeFilter<T>(TenantContext tenant) : IFilter<ConsumeContext<T>> where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Headers.TryGetHeader(TenantHeaders.Message, out var value) && value is string tenantId && TenantIds.IsWellFormed(tenantId))
        {
            if (tenant.TenantId != tenantId)
                tenant.Set(tenantId);
            Activity.Current?.SetTag("gongkai.tenant", tenantId);
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant");
}
