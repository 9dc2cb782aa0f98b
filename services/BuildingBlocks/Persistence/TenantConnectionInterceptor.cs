using System.Data.Common;
using Gongkai.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongkai.BuildingBlocks.Persistence;

/// <summary>
/// Puts the scope's tenant into the PostgreSQL session setting that the row-level-security policies read.
/// Set on every open, so a pooled connection never keeps an earlier tenant: Npgsql also runs DISCARD ALL
/// when a connection returns to the pool, and a connection with no setting matches no tenant rows at all.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantContext tenant) : DbConnectionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        // An empty string matches no tenant_id, so "no tenant" can never mean "all tenants".
        command.CommandText = $"SELECT set_config('{SettingName}', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant.TenantId ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
