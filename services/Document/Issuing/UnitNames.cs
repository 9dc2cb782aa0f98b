using System.Collections.Concurrent;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Issuing;

/// <summary>
/// The unit's name as Identity's unit tree has it: the letterhead until an admin sets one. Read with this
/// service's own identity, remembered for a few minutes, and kept in the unit's settings so letters still go
/// out while Identity is briefly away. Never taken from a staff token: a letter could otherwise wait for
/// someone to sign in, or carry a name no one checked.
/// </summary>
public sealed class UnitNames(InternalServiceClient identity, TimeProvider clock, ILogger<UnitNames> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> CheckedAt = new();

    private sealed record IdentityUnit(string Code, string Name);

    /// <summary>Stores Identity's current name of the unit in its settings, unless checked lately; when Identity cannot answer, the settings stay as they are.</summary>
    public async Task RefreshAsync(DocumentDbContext db, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        if (CheckedAt.TryGetValue(tenant, out var at) && clock.GetUtcNow() - at < Fresh)
            return;
        IdentityUnit unit;
        try
        {
            unit = await identity.GetAsync<IdentityUnit>("identity", $"/internal/identity/units/{Uri.EscapeDataString(tenant)}", tenant, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not read the name of unit {Tenant} from Identity: {Message}", tenant, ex.Message);
            return;
        }
        var name = unit.Name.Trim();
        // An upsert that changes (and revises) the settings only when the name changed; concurrent refreshes are harmless.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO unit_settings (tenant_id, identity_unit_name, reconsideration_days, litigation_months, number_patterns, revision)
            VALUES ({tenant}, {name}, {Domain.UnitSettings.DefaultReconsiderationDays}, {Domain.UnitSettings.DefaultLitigationMonths}, jsonb_build_object(), 1)
            ON CONFLICT (tenant_id) DO UPDATE SET identity_unit_name = excluded.identity_unit_name, revision = unit_settings.revision + 1
            WHERE unit_settings.identity_unit_name IS DISTINCT FROM excluded.identity_unit_name
            """, ct);
        CheckedAt[tenant] = clock.GetUtcNow();
    }
}

public static class UnitNamesExtensions
{
    /// <summary>Refreshes the unit's name from Identity before each endpoint of the group, so what an admin sees, previews and saves is current.</summary>
    public static RouteGroupBuilder RefreshUnitName(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            await services.GetRequiredService<UnitNames>().RefreshAsync(services.GetRequiredService<DocumentDbContext>(), context.HttpContext.RequestAborted);
            return await next(context);
        });
}
