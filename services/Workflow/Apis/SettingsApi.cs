using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

/// <summary>A unit's deadline conventions: whether the day of receipt counts, and when "due soon" starts.</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/settings");
        api.MapGet("/", async (WorkflowDbContext db, CancellationToken ct) => TypedResults.Ok(View(await db.SettingsAsync(ct)))).RequireUnitStaff();
        api.MapPut("/", Put).RequireUnitStaff(StaffRoles.UnitAdmin);
        return api;
    }

    public sealed record SettingsView(bool CountStartDay, int DueSoonWorkingDays);

    private static async Task<IResult> Put(SettingsView request, WorkflowDbContext db, CancellationToken ct)
    {
        if (request.DueSoonWorkingDays is < 1 or > 20)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dueSoonWorkingDays"] = ["临期提醒须在 1 至 20 个工作日之间。"] });
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = TenantSettings.Defaults(db.Tenant.Required));
        // Applies to cases opened from now on; a running clock keeps the convention it started with.
        settings.CountStartDay = request.CountStartDay;
        settings.DueSoonWorkingDays = request.DueSoonWorkingDays;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(settings));
    }

    private static SettingsView View(TenantSettings s) => new(s.CountStartDay, s.DueSoonWorkingDays);
}
