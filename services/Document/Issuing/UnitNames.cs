using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Issuing;

/// <summary>
/// The unit's name as Identity's unit tree has it (<see cref="IdentityUnits"/>): the letterhead until an admin sets one,
/// kept in the unit's settings so letters still go out while Identity is briefly away.
/// </summary>
public sealed class UnitNames(IdentityUnits units)
{
    /// <summary>Stores Identity's current name of the unit in its settings, unless checked lately; when Identity cannot answer, the settings stay as they are.</summary>
    public async Task RefreshAsync(DocumentDbContext db, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        if (await units.ReadIfStaleAsync(tenant, ct) is not { } unit)
            return;
        var name = unit.Name.Trim();
        // An upsert that changes (and revises) the settings only when the name changed; concurrent refreshes are harmless.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO unit_settings (tenant_id, identity_unit_name, reconsideration_days, litigation_months, number_patterns, revision)
            VALUES ({tenant}, {name}, {Domain.UnitSettings.DefaultReconsiderationDays}, {Domain.UnitSettings.DefaultLitigationMonths}, jsonb_build_object(), 1)
            ON CONFLICT (tenant_id) DO UPDATE SET identity_unit_name = excluded.identity_unit_name, revision = unit_settings.revision + 1
            WHERE unit_settings.identity_unit_name IS DISTINCT FROM excluded.identity_unit_name
            """, ct);
        units.Stored(tenant);
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
