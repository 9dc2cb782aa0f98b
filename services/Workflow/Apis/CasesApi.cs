using System.Diagnostics;
using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/cases");
        api.MapGet("/", ListCases).RequireUnitStaff();
        api.MapGet("/{id:guid}", GetCase).RequireUnitStaff();
        api.MapPost("/{id:guid}/review-requests", RequestReview).RequireUnitStaff(StaffRoles.Handler);
        return api;
    }

    public sealed record CaseSummary(Guid Id, Guid ApplicationId, string CaseNumber, CaseState State, DateOnly ReceivedOn, DateOnly ReplyDue, bool ReplyDueProvisional, int RemainingWorkingDays);

    public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Description, string Actor, string? TraceId);

    public sealed record CaseDetails(CaseSummary Case, IReadOnlyList<TimelineEntry> Timeline);

    private static async Task<IResult> ListCases(WorkflowDbContext db, WorkingDayCalendar calendar, TimeProvider clock, Guid? applicationId, CancellationToken ct)
    {
        var query = db.Cases.AsNoTracking();
        if (applicationId is not null)
            query = query.Where(c => c.ApplicationId == applicationId);
        var cases = await query.OrderByDescending(c => c.OpenedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(cases.Select(c => Summarize(c, calendar, clock)));
    }

    private static async Task<IResult> GetCase(Guid id, WorkflowDbContext db, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return NotFound();
        return TypedResults.Ok(Details(@case, calendar, clock));
    }

    private static async Task<IResult> RequestReview(Guid id, ClaimsPrincipal user, HttpContext http, WorkflowDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var @case = await db.Cases.Include(c => c.Timeline).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null)
            return NotFound();
        try
        {
            var now = clock.GetUtcNow();
            @case.RequestReview(now, user.ActorName(), Activity.Current?.TraceId.ToString());
            db.AddIntegrationEvent(new ReviewRequested(@case.Id, db.Tenant.Required, @case.CaseNumber, @case.ReplyDue, now));
            db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "case-review-requested",
                $"case:{@case.Id}", @case.CaseNumber, http.ClientAddress(), now));
            await db.SaveChangesAsync(ct);
        }
        catch (InvalidCaseTransitionException ex)
        {
            return TypedResults.Problem(title: "案件状态不允许此操作", detail: ex.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["currentState"] = ex.Current.ToString() });
        }
        return TypedResults.Accepted($"/api/workflow/cases/{id}");
    }

    internal static CaseDetails Details(Case c, WorkingDayCalendar calendar, TimeProvider clock) =>
        new(Summarize(c, calendar, clock), c.Timeline.OrderBy(e => e.At).Select(e => new TimelineEntry(e.At, e.Kind, e.Description, e.Actor, e.TraceId)).ToList());

    internal static CaseSummary Summarize(Case c, WorkingDayCalendar calendar, TimeProvider clock) =>
        new(c.Id, c.ApplicationId, c.CaseNumber, c.State, c.ReceivedOn, c.ReplyDue, c.ReplyDueProvisional,
            calendar.WorkingDaysBetween(ChinaTime.Today(clock), c.ReplyDue));

    private static IResult NotFound() =>
        TypedResults.Problem(title: "案件不存在", detail: "本单位没有该案件。", statusCode: StatusCodes.Status404NotFound);
}
