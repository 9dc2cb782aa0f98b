using Gongkai.Contracts;

namespace Gongkai.BuildingBlocks.Tenancy;

/// <summary>
/// The unit (tenant) the current request or message acts for. Scoped: one per HTTP request or consumed
/// message. A missing tenant is a valid state that matches no tenant-owned row (RLS and query filters).
/// </summary>
public sealed class TenantContext
{
    public string? TenantId { get; private set; }

    public bool HasTenant => TenantId is not null;

    public void Set(string tenantId)
    {
        if (!TenantIds.IsWellFormed(tenantId))
            throw new ArgumentException($"Malformed tenant id '{tenantId}'.", nameof(tenantId));
        if (TenantId is not null && TenantId != tenantId)
            throw new InvalidOperationException("The tenant of a scope cannot change once set.");
        TenantId = tenantId;
    }

    public string Required => TenantId ?? throw new InvalidOperationException("No tenant in this scope.");
}
