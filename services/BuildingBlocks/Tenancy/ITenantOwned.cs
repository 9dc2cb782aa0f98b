namespace Gongkai.BuildingBlocks.Tenancy;

/// <summary>
/// A row that belongs to one unit. Such tables get a tenant_id column, an EF Core query filter and a
/// PostgreSQL row-level-security policy (see <c>MigrationBuilderExtensions.EnableTenantRowLevelSecurity</c>).
/// </summary>
public interface ITenantOwned
{
    string TenantId { get; set; }
}
