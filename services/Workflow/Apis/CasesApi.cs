using System.Diagnostics;
using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

/// <summary>Case lists and details, assignment, and one endpoint per statutory action (see CaseActionsApi).</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/cases").RequireDefinedEnums();
        api.MapGet("/", ListCases).RequireUnitStaff();
        api.MapGet("/{id:guid}", GetCase).RequireUnitStaff();
        api.MapPost("/{id:guid}/assignment", Assign).RequireUnitStaff(StaffRoles.Approver, StaffRoles.UnitAdmin);
        api.MapCaseActions();
        // For other services (the case file): not routed by the gateway, and only for the "service" role.
        app.MapGet("/internal/workflow/cases/{id:guid}", GetCase).RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant();
        return api;
    }

    public sealed record AssignmentRequest(string? HandlerId, string? HandlerName);

    /// <param name="state">Only cases in this state.</param>
    /// <param name="handler">Only cases of this handler (user id).</param>
    /// <param name="dueWithin">Only open cases whose reply is due within this many working days (today included).</param>
    /// <param name="overdue">Only open cases past their reply deadline.</param>
    /// <param name="open">Only cases not yet closed or archived (a workbench's lists: the 500 returned are never filled with finished ones).</param>
    private static async Task<IResult> ListCases(WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock,
        Guid? applicationId, CaseStatus? state, string? handler, int? dueWithin, bool? overdue, bool? open, CancellationToken ct)
    {
        if (dueWithin is < 0 or > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["dueWithin"] = ["工作日数必须在 0 至 1000 之间。"] });
        var calendar = calendars.Current;
        var today = ChinaTime.Today(clock);
        var query = db.Cases.AsNoTracking();
        if (applicationId is not null)
            query = query.Where(c => c.ApplicationId == applicationId);
        if (state is not null)
            query = query.Where(c => c.Status == state);
        if (handler is not null)
            query = query.Where(c => c.HandlerId == handler);
        if (open == true)
            query = query.Where(c => c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived);
        if (dueWithin is not null || overdue == true)
            query = query.Where(c => c.Status != CaseStatus.Delivered && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Archived && c.ReplyDue != null);
        if (dueWithin is not null)
        {
            var until = dueWithin == 0 ? today : calendar.Due(today, dueWithin.Value);
            query = query.Where(c => c.ReplyDue >= today && c.ReplyDue <= until);
        }
        if (overdue == true)
            query = query.Where(c => c.ReplyDue < today);
        var cases = await query.OrderBy(c => c.ReplyDue).ThenByDescending(c => c.OpenedAt).Take(500).ToListAsync(ct);
        var settings = await db.SettingsAsync(ct);
        return TypedResults.Ok(cases.Select(c => CaseViews.Summarize(c, calendar, settings, clock)));
    }

    private static async Task<IResult> GetCase(Guid id, WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == id, ct);
        return @case is null ? NotFound() : TypedResults.Ok(CaseViews.Details(@case, calendars.Current, await db.SettingsAsync(ct), clock));
    }

    private static async Task<IResult> Assign(Guid id, AssignmentRequest request, ClaimsPrincipal user, HttpContext http, WorkflowDbContext db,
        CalendarProvider calendars, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.HandlerId) || request.HandlerId.Length > 64)
            errors["handlerId"] = ["请指定承办人。"];
        if (string.IsNullOrWhiteSpace(request.HandlerName) || request.HandlerName.Length > 100)
            errors["handlerName"] = ["请填写承办人姓名。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "分配信息有误");
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return NotFound();
        var now = clock.GetUtcNow();
        @case.Assign(request.HandlerId!, request.HandlerName!.Trim(), now, user.ActorName(), Activity.Current?.TraceId.ToString());
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "case-assigned",
            $"case:{@case.Id}", $"{@case.CaseNumber} → {request.HandlerName}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CaseViews.Summarize(@case, calendars.Current, await db.SettingsAsync(ct), clock));
    }

    internal static IResult NotFound() =>
        TypedResults.Problem(title: "案件不存在", detail: "本单位没有该案件。", statusCode: StatusCodes.Status404NotFound);
}
