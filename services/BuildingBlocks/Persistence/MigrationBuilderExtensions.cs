using Microsoft.EntityFrameworkCore.Migrations;

namespace Gongkai.BuildingBlocks.Persistence;

public static class MigrationBuilderExtensions
{
    /// <summary>
    /// Turns on row-level security for a tenant-owned table. FORCE makes the policy apply to the table
    /// owner too; the application runs as a role that owns nothing, and superusers are used only to migrate.
    /// current_setting(..., true) is NULL when unset, and NULL never equals a tenant id: no tenant, no rows.
    /// </summary>
    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON {table}
                USING (tenant_id = current_setting('{TenantConnectionInterceptor.SettingName}', true))
                WITH CHECK (tenant_id = current_setting('{TenantConnectionInterceptor.SettingName}', true));
            """);
    }
}
