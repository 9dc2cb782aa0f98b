using Gongkai.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gongkai.BuildingBlocks.Persistence;

/// <summary>
/// Applies the service's EF Core migrations with the owner's connection string ("&lt;name&gt;-admin"), then
/// makes sure the application role (the user of "&lt;name&gt;") exists and may read and write the tables it
/// does not own. Without an admin connection string the operator migrates, and this only checks the schema.
/// Readiness (/health) stays unhealthy until this has finished.
/// </summary>
public sealed class DatabaseMigrator<TDbContext>(
    IServiceProvider services,
    DatabaseConnectionStrings connectionStrings,
    ILogger<DatabaseMigrator<TDbContext>> logger) : IHostedService, IHealthCheck
    where TDbContext : ServiceDbContext
{
    private volatile bool _ready;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (connectionStrings.Admin is null)
        {
            logger.LogInformation("No admin connection string: skipping migrations of {Context}", typeof(TDbContext).Name);
            _ready = true;
            return;
        }

        var options = new DbContextOptionsBuilder<TDbContext>().UseNpgsql(connectionStrings.Admin).Options;
        // Several instances of a service start together; the first to take this lock migrates, the others
        // then find nothing to do. (EF Core's own migration lock does not stop a second instance from failing.)
        // Unpooled: a session-level lock on a pooled connection would outlive this method in the pool.
        await using var lockConnection = await OpenWithRetryAsync(
            new NpgsqlConnectionStringBuilder(connectionStrings.Admin) { Pooling = false }.ConnectionString, cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('gongkai-migrations:' || current_database()))", lockConnection))
        {
            // On a busy machine the other instance may migrate for a while: wait for it rather than fail.
            take.CommandTimeout = 600;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var db = ActivatorUtilities.CreateInstance<TDbContext>(services, options, new TenantContext()))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await GrantApplicationRoleAsync(cancellationToken);
        logger.LogInformation("Database of {Context} migrated", typeof(TDbContext).Name);
        _ready = true;
        // Closing the (unpooled) connection ends the session and so releases the lock.
    }

    private async Task<NpgsqlConnection> OpenWithRetryAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A database that is still starting (first boot of a private server) gets a few tries.
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException ex) when (attempt < 20 && ex.IsTransient)
            {
                await connection.DisposeAsync();
                logger.LogWarning("Database not reachable yet ({Message}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private async Task GrantApplicationRoleAsync(CancellationToken cancellationToken)
    {
        var app = new NpgsqlConnectionStringBuilder(connectionStrings.Application);
        var admin = new NpgsqlConnectionStringBuilder(connectionStrings.Admin);
        if (string.IsNullOrEmpty(app.Username) || app.Username == admin.Username)
            throw new InvalidOperationException("The application must connect as its own role, not as the owner of the tables.");

        var role = QuoteIdentifier(app.Username);
        await using var connection = new NpgsqlConnection(connectionStrings.Admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Roles are per server; the role may already exist (another service, or an operator made it).
        command.CommandText = $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {QuoteLiteral(app.Username)}) THEN
                CREATE ROLE {role} LOGIN PASSWORD {QuoteLiteral(app.Password ?? "")} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
              END IF;
            EXCEPTION WHEN duplicate_object THEN NULL; -- another service created it at the same moment
            END $$;
            GRANT CONNECT ON DATABASE {QuoteIdentifier(connection.Database)} TO {role};
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {role};
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string QuoteLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("数据库迁移尚未完成"));
}

/// <summary>The two connection strings of a service database: the application role's and the owner's.</summary>
public sealed record DatabaseConnectionStrings(string Application, string? Admin);
