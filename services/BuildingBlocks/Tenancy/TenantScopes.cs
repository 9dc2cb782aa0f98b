using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.BuildingBlocks.Tenancy;

public static class TenantScopes
{
    /// <summary>
    /// A DI scope acting for another unit. This is the one explicit way to work across tenants (a supervisor
    /// reading a township's case, a district admin creating a township's staff); callers check the right to
    /// do so and audit it. Row-level security still applies inside the scope.
    /// </summary>
    public static AsyncServiceScope CreateTenantScope(this IServiceScopeFactory scopes, string tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        return scope;
    }
}
