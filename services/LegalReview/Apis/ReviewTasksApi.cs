using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Gongkai.LegalReview.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.LegalReview.Apis;

public static class ReviewTasksApi
{
    public static RouteGroupBuilder MapReviewTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/legalreview/tasks").RequireUnitStaff(StaffRoles.LegalCounsel, StaffRoles.Approver, StaffRoles.UnitAdmin);
        api.MapGet("/", ListTasks);
        return api;
    }

    public sealed record ReviewTaskView(Guid Id, Guid CaseId, string CaseNumber, DateOnly ReplyDue, ReviewTaskState State, DateTimeOffset CreatedAt);

    private static async Task<IResult> ListTasks(Guid? caseId, LegalReviewDbContext db, CancellationToken ct)
    {
        var query = db.ReviewTasks.AsNoTracking();
        if (caseId is not null)
            query = query.Where(t => t.CaseId == caseId);
        var tasks = await query.OrderBy(t => t.ReplyDue).Take(200)
            .Select(t => new ReviewTaskView(t.Id, t.CaseId, t.CaseNumber, t.ReplyDue, t.State, t.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(tasks);
    }
}
