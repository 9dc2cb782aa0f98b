using System.Security.Claims;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/alerts");
        api.MapGet("/", List).RequireUnitStaff();
        // On demand: a unit scans itself; a platform admin scans every unit.
        api.MapPost("/scan", Scan).RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.Approver, StaffRoles.PlatformAdmin));
        return api;
    }

    public sealed record AlertView(Guid CaseId, AlertKind Kind, DateOnly Deadline, DateTimeOffset RaisedAt);

    private static async Task<IResult> List(WorkflowDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Alerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).Take(500)
            .Select(a => new AlertView(a.CaseId, a.Kind, a.Deadline, a.RaisedAt)).ToListAsync(ct));

    private static async Task<IResult> Scan(ClaimsPrincipal user, TenantContext tenant, DeadlineAlertScanner scanner, CancellationToken ct)
    {
        if (!user.IsInRole(StaffRoles.PlatformAdmin) && !tenant.HasTenant)
            return TypedResults.Problem(title: "缺少办理单位", statusCode: StatusCodes.Status403Forbidden);
        var raised = await scanner.ScanAsync(user.IsInRole(StaffRoles.PlatformAdmin) ? null : [tenant.Required], ct);
        return TypedResults.Ok(new { raised });
    }
}
