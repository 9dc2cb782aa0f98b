using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

/// <summary>
/// The annual-report facts of every case of the unit, as CaseCountingChanged carries them one by one: Publishing recounts
/// its tables from these and shows any difference. For the "service" role only; not routed by the gateway.
/// </summary>
public static class CountingApi
{
    public static void MapCountingApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/internal/workflow").RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant()
            .MapGet("/counting", async (WorkflowDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var tenant = db.Tenant.Required;
                var now = clock.GetUtcNow();
                var cases = await db.Cases.AsNoTracking().OrderBy(c => c.OpenedAt).ToListAsync(ct);
                return TypedResults.Ok(cases.Select(c => CaseEvents.Counting(c, tenant, now)).ToList());
            });
}
