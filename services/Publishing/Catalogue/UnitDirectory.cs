using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.Publishing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Catalogue;

/// <summary>
/// Where the unit sits in Identity's unit tree (its parent, e.g. a township's district), its kind and its name
/// (<see cref="IdentityUnits"/>), kept in the unit's settings. The public list of a district
/// takes its own items and those whose unit's parent is the district: the tree is the rule, not the shape of the codes.
/// When Identity cannot answer, the stored values stay (publication never waits for Identity).
/// </summary>
public sealed class UnitDirectory(IdentityUnits units, TimeProvider clock)
{
    public async Task RefreshAsync(PublishingDbContext db, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        if (await units.ReadIfStaleAsync(tenant, ct) is not { } unit)
            return;
        var now = clock.GetUtcNow();
        // An upsert: concurrent refreshes (20 publications at once) are harmless, and the admin's settings are untouched.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO publishing_settings (tenant_id, publication_working_days, due_soon_working_days, parent_unit_code, unit_name, unit_kind,
                                             unit_checked_at, revision)
            VALUES ({tenant}, {Domain.Catalogue.PublicationDeadline.StatutoryWorkingDays}, {Domain.Catalogue.PublicationDeadline.DefaultDueSoonWorkingDays},
                    {unit.ParentCode}, {unit.Name.Trim()}, {unit.Kind}, {now}, 0)
            ON CONFLICT (tenant_id) DO UPDATE SET parent_unit_code = excluded.parent_unit_code, unit_name = excluded.unit_name,
                unit_kind = excluded.unit_kind, unit_checked_at = excluded.unit_checked_at
            """, ct);
        // The public copies follow the tree, so items published while Identity was away (or before a unit moved) are
        // listed under the right district. Only this unit's rows: the tenant comes from the validated scope.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE public_items SET parent_unit_code = {unit.ParentCode}
            WHERE unit_code = {tenant} AND parent_unit_code IS DISTINCT FROM {unit.ParentCode}
            """, ct);
        units.Stored(tenant);
    }
}
