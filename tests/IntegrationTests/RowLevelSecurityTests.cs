using Npgsql;

namespace Gongkai.IntegrationTests;

/// <summary>Row-level security underneath the query filters: hand-written SQL as the application role.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformFixture platform)
{
    private const string TenantA = "rls-tenant-a";
    private const string TenantB = "rls-tenant-b";
    private const string EmptyDocument = "{}";

    [Fact]
    public async Task Under_tenant_A_the_application_role_cannot_read_or_write_tenant_B_rows()
    {
        var caseOfA = Guid.NewGuid();
        var caseOfB = Guid.NewGuid();
        // The owner (superuser) seeds one case per tenant; RLS does not bind it.
        await using (var admin = await OpenAsync("workflowdb-admin", tenant: null))
        {
            await ExecuteAsync(admin, InsertCase(caseOfA, TenantA) + InsertCase(caseOfB, TenantB));
        }

        await using var app = await OpenAsync("workflowdb", TenantA);
        Assert.Equal(1L, await ScalarAsync(app, $"SELECT count(*) FROM cases WHERE id IN ('{caseOfA}', '{caseOfB}')"));
        Assert.Equal(0L, await ScalarAsync(app, $"SELECT count(*) FROM cases WHERE tenant_id = '{TenantB}'"));
        Assert.Equal(0, await ExecuteAsync(app, $"UPDATE cases SET status = 'Hacked' WHERE id = '{caseOfB}'"));
        Assert.Equal(0, await ExecuteAsync(app, $"DELETE FROM cases WHERE id = '{caseOfB}'"));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, InsertCase(Guid.NewGuid(), TenantB)));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState); // new row violates row-level security policy
        var move = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, $"UPDATE cases SET tenant_id = '{TenantB}' WHERE id = '{caseOfA}'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, move.SqlState);

        await using (var check = await OpenAsync("workflowdb-admin", tenant: null))
        {
            Assert.Equal("Received", await ScalarAsync(check, $"SELECT status FROM cases WHERE id = '{caseOfB}'"));
            Assert.Equal(TenantA, await ScalarAsync(check, $"SELECT tenant_id FROM cases WHERE id = '{caseOfA}'"));
        }
    }

    [Fact]
    public async Task Without_a_tenant_the_application_role_sees_no_rows_at_all()
    {
        await using (var admin = await OpenAsync("workflowdb-admin", tenant: null))
            await ExecuteAsync(admin, InsertCase(Guid.NewGuid(), TenantA));

        await using var app = await OpenAsync("workflowdb", tenant: null);
        Assert.Equal(0L, await ScalarAsync(app, "SELECT count(*) FROM cases"));
        Assert.Equal(0L, await ScalarAsync(app, "SELECT count(*) FROM case_events"));
    }

    [Fact]
    public async Task The_application_role_owns_nothing_cannot_bypass_RLS_and_every_tenant_table_forces_it()
    {
        foreach (var database in new[] { "intakedb", "workflowdb", "legalreviewdb", "documentdb", "publishingdb" })
        {
            await using var app = await OpenAsync(database, tenant: null);
            Assert.Equal(false, await ScalarAsync(app, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
            Assert.Equal(0L, await ScalarAsync(app, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"));
            // Every table with a tenant_id column has RLS enabled and forced.
            Assert.Equal(0L, await ScalarAsync(app, """
                SELECT count(*) FROM information_schema.columns col
                JOIN pg_class c ON c.relname = col.table_name AND c.relkind = 'r'
                WHERE col.table_schema = 'public' AND col.column_name = 'tenant_id'
                  AND col.table_name NOT IN ('outbox_messages', 'known_tenants', 'reviewing_units', 'catalogue_units', 'document_requests_due') -- platform data: which units exist, nothing of theirs
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """));
            // The migration history is read-only for the application.
            await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "DELETE FROM \"__EFMigrationsHistory\""));
        }
    }

    private static string InsertCase(Guid id, string tenant) => $"""
        INSERT INTO cases (id, tenant_id, application_id, case_number, lifecycle, status, received_on, reply_due, reply_due_provisional, clock_paused, opened_at)
        VALUES ('{id}', '{tenant}', '{Guid.NewGuid()}', '{tenant}-rls', '{EmptyDocument}', 'Received', DATE '2026-11-02', DATE '2026-11-30', false, false, now());
        """;

    private async Task<NpgsqlConnection> OpenAsync(string connectionName, string? tenant)
    {
        var connection = new NpgsqlConnection(platform.App.GetConnectionString(connectionName));
        await connection.OpenAsync();
        if (tenant is not null)
            await ExecuteAsync(connection, $"SELECT set_config('app.tenant_id', '{tenant}', false)");
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
