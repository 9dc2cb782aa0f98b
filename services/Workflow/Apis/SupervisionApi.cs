using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

/// <summary>
/// A district supervisor reads (never changes) the cases of the units below the district. Each read runs in
/// an explicit scope of the supervised unit — row-level security still applies — and is audited.
/// </summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/supervision/units/{unit}/cases")
            .RequireDistrictSupervisor();
        api.MapGet("/", ListCases);
        api.MapGet("/{id:guid}", GetCase);
        return api;
    }

    private static async Task<IResult> ListCases(string unit, ClaimsPrincipal user, HttpContext http, IServiceScopeFactory scopes,
        WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        if (!Supervises(user, unit))
            return NotFound();
        await using var scope = scopes.CreateTenantScope(unit);
        var unitDb = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var cases = await unitDb.Cases.AsNoTracking().OrderByDescending(c => c.OpenedAt).Take(200).ToListAsync(ct);
        var settings = await unitDb.SettingsAsync(ct);
        await AuditAsync(db, user, http, clock, unit, "supervisor-listed-cases", $"unit:{unit}", $"{cases.Count} 件", ct);
        return TypedResults.Ok(cases.Select(c => CaseViews.Summarize(c, calendars.Current, settings, clock)));
    }

    private static async Task<IResult> GetCase(string unit, Guid id, ClaimsPrincipal user, HttpContext http, IServiceScopeFactory scopes,
        WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        if (!Supervises(user, unit))
            return NotFound();
        await using var scope = scopes.CreateTenantScope(unit);
        var unitDb = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var @case = await unitDb.Cases.AsNoTracking().Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return NotFound();
        var settings = await unitDb.SettingsAsync(ct);
        await AuditAsync(db, user, http, clock, unit, "supervisor-viewed-case", $"case:{@case.Id}", @case.CaseNumber, ct);
        return TypedResults.Ok(CaseViews.Details(@case, calendars.Current, settings, clock));
    }

    private static bool Supervises(ClaimsPrincipal user, string unit) =>
        user.FindFirstValue(GongkaiClaims.SupervisedUnits)?.Split(' ').Contains(unit) == true;

    /// <summary>The audit record travels through the outbox to Identity, which appends it to the supervised unit's chain.</summary>
    private static Task AuditAsync(WorkflowDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, string unit, string action, string target, string detail, CancellationToken ct)
    {
        db.AddIntegrationEvent(new AuditableActionOccurred(unit, user.ActorName(), db.Tenant.TenantId, action, target, detail, http.ClientAddress(), clock.GetUtcNow()));
        return db.SaveChangesAsync(ct);
    }

    private static IResult NotFound() =>
        TypedResults.Problem(title: "案件不存在", detail: "不在本人监督范围内，或没有该案件。", statusCode: StatusCodes.Status404NotFound);
}
