using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.WorkingDays;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Gongkai.LegalReview.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.LegalReview.Apis;

public static class ReviewsApi
{
    private static readonly string[] Reviewers = [StaffRoles.LegalCounsel, StaffRoles.Approver, StaffRoles.UnitAdmin];

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        // What waits for me: the current step of every review in progress whose role I hold (?caseId= for one case).
        app.MapGet("/api/legalreview/tasks", ListTasks).RequireUnitStaff(Reviewers);
        var reviews = app.MapGroup("/api/legalreview/reviews");
        reviews.MapGet("/", ListReviews).RequireUnitStaff();
        reviews.MapGet("/{id:guid}", GetReview).RequireUnitStaff();
        reviews.MapPost("/{id:guid}/steps/{step:int}/opinion", GiveOpinion).RequireUnitStaff(StaffRoles.LegalCounsel, StaffRoles.Approver);
        app.MapGet("/api/legalreview/checklists", () => TypedResults.Ok(new { legality = Checklists.Legality, confidentiality = Checklists.Confidentiality })).RequireUnitStaff();
        app.MapGet("/api/legalreview/policy", async (LegalReviewDbContext db, CancellationToken ct) => TypedResults.Ok(await db.PolicyAsync(ct))).RequireUnitStaff();
        app.MapPut("/api/legalreview/policy", PutPolicy).RequireUnitStaff(StaffRoles.UnitAdmin);
        // On demand: a unit scans itself; a platform admin scans every unit (a nightly scan runs too).
        app.MapPost("/api/legalreview/alerts/scan", ScanAlerts).RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.Approver, StaffRoles.PlatformAdmin));
        // For other services (the case file): not routed by the gateway, and only for the "service" role.
        app.MapGet("/internal/legalreview/cases/{caseId:guid}/reviews", (Guid caseId, LegalReviewDbContext db, CancellationToken ct) => ListReviews(caseId, db, ct))
            .RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant();
        return app;
    }

    /// <summary>
    /// A step waiting for me. Review time counts against the reply deadline, so the case's remaining working days are
    /// shown (on the shipped holiday schedules; a year an admin entered later only in Workflow can shift this by a day).
    /// </summary>
    public sealed record TaskView(Guid ReviewId, Guid CaseId, string CaseNumber, int Round, int Step, string StepName, string Role,
        string? ReplyType, string? Outcome, DateOnly ReplyDue, int RemainingWorkingDays, DateTimeOffset? WaitingSince, int WaitingWorkingDays,
        bool WaitingTooLong, IReadOnlyDictionary<string, string> Checklist, ReviewSubject Subject);

    public sealed record StepView(int Number, string Name, string Role, ReviewStepState State, DateTimeOffset? StartedAt, OpinionView? Opinion);

    public sealed record OpinionView(ReviewVerdict Verdict, string Text, IReadOnlyDictionary<string, ChecklistAnswer> Checklist, string Reviewer, DateTimeOffset At);

    public sealed record ReviewView(Guid Id, Guid CaseId, string CaseNumber, int Round, ReviewState State, string? ReplyType, string? Outcome,
        DateOnly ReplyDue, DateTimeOffset CreatedAt, IReadOnlyList<StepView> Steps, ReviewSubject Subject);

    public sealed record OpinionRequest(ReviewVerdict? Verdict, string? Text, Dictionary<string, ChecklistAnswer>? Checklist);

    private static async Task<IResult> ListTasks(Guid? caseId, ClaimsPrincipal user, LegalReviewDbContext db, WorkingDayCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var roles = user.FindAll(GongkaiClaims.Role).Select(c => c.Value).ToList();
        var policy = await db.PolicyAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var pending = await db.Steps.AsNoTracking().Where(s => s.State == ReviewStepState.Pending && roles.Contains(s.Role))
            .Join(db.Reviews.AsNoTracking(), s => s.ReviewId, r => r.Id, (s, r) => new { s, r })
            .Where(x => caseId == null || x.r.CaseId == caseId)
            .OrderBy(x => x.r.ReplyDue).Take(500).ToListAsync(ct);
        return TypedResults.Ok(pending.Select(x =>
        {
            var waiting = x.s.StartedAt is { } started ? calendar.WorkingDaysBetween(ChinaTime.DateOf(started), today) : 0;
            return new TaskView(x.r.Id, x.r.CaseId, x.r.CaseNumber, x.r.Round, x.s.Number, Checklists.StepName(x.s.Kind), x.s.Role,
                x.r.ReplyType, x.r.Outcome, x.r.ReplyDue, calendar.WorkingDaysBetween(today, x.r.ReplyDue), x.s.StartedAt, waiting,
                waiting > policy.StepAlertWorkingDays, Checklists.For(x.s.Kind), x.r.Subject);
        }));
    }

    private static async Task<IResult> ListReviews(Guid? caseId, LegalReviewDbContext db, CancellationToken ct)
    {
        var query = db.Reviews.AsNoTracking().Include(r => r.Steps).AsQueryable();
        if (caseId is not null)
            query = query.Where(r => r.CaseId == caseId);
        var reviews = await query.OrderBy(r => r.CaseId).ThenBy(r => r.Round).Take(200).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(db, reviews, ct));
    }

    private static async Task<IResult> GetReview(Guid id, LegalReviewDbContext db, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == id, ct);
        return review is null ? NotFound() : TypedResults.Ok((await ViewsAsync(db, [review], ct))[0]);
    }

    private static async Task<IResult> GiveOpinion(Guid id, int step, OpinionRequest request, ClaimsPrincipal user, HttpContext http,
        LegalReviewDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Verdict is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["verdict"] = ["请选择审查意见：Approve（同意）、Return（退回）或 Escalate（提请上级）。"] });
        if (request.Text is { Length: > 4000 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["审查意见不能超过 4000 个字。"] });
        var review = await db.Reviews.Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
            return NotFound();
        var now = clock.GetUtcNow();
        ReviewOpinion opinion;
        try
        {
            opinion = review.Decide(step, user.FindFirstValue(GongkaiClaims.Subject) ?? "", user.ActorName(),
                user.FindAll(GongkaiClaims.Role).Select(c => c.Value).ToList(), request.Verdict.Value, request.Text, request.Checklist, now);
        }
        catch (ReviewInputException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, title: "审查意见不完整");
        }
        catch (ReviewForbiddenException ex)
        {
            return TypedResults.Problem(title: "无权审查本环节", detail: ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ReviewRuleException ex)
        {
            return TypedResults.Problem(title: "不能提出该审查意见", detail: ex.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["reviewState"] = review.State.ToString() });
        }
        db.Opinions.Add(opinion);
        var tenant = db.Tenant.Required;
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, user.ActorName(), tenant, $"review-{request.Verdict.Value.ToString().ToLowerInvariant()}",
            review.Subject switch
            {
                ReviewSubject.Publication => $"catalogue-item:{review.CaseId}",
                ReviewSubject.AnnualReport => $"annual-report:{review.CaseId}",
                _ => $"case:{review.CaseId}",
            }, $"{review.CaseNumber} 第 {review.Round} 轮 第 {step} 步（{Checklists.StepName(opinion.StepKind)}）：{opinion.Text}", http.ClientAddress(), now));
        if (review.State == ReviewState.Approved)
            db.AddIntegrationEvent(new ReviewApproved(review.CaseId, tenant, review.Id, review.Round, user.ActorName(), now, review.Subject));
        else if (review.State == ReviewState.Returned)
            db.AddIntegrationEvent(new ReviewReturned(review.CaseId, tenant, review.Id, review.Round, opinion.Text, user.ActorName(), now, review.Subject));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "审查已被他人处理", detail: "该审查刚刚有了新的意见，请刷新后重试。", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok((await ViewsAsync(db, [review], ct))[0]);
    }

    private static async Task<IResult> ScanAlerts(ClaimsPrincipal user, TenantContext tenant, ReviewStepAlertScanner scanner, CancellationToken ct)
    {
        if (!user.IsInRole(StaffRoles.PlatformAdmin) && !tenant.HasTenant)
            return TypedResults.Problem(title: "缺少办理单位", statusCode: StatusCodes.Status403Forbidden);
        var raised = await scanner.ScanAsync(user.IsInRole(StaffRoles.PlatformAdmin) ? null : [tenant.Required], ct);
        return TypedResults.Ok(new { raised });
    }

    private static async Task<IResult> PutPolicy(ReviewPolicy request, LegalReviewDbContext db, CancellationToken ct)
    {
        if (request.StepAlertWorkingDays is < 1 or > 20)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stepAlertWorkingDays"] = ["审查环节提醒须在 1 至 20 个工作日之间。"] });
        var policy = await db.Policies.SingleOrDefaultAsync(ct);
        if (policy is null)
            db.Policies.Add(policy = ReviewPolicy.Defaults(db.Tenant.Required));
        policy.LegalityForEveryReply = request.LegalityForEveryReply;
        policy.LegalityForRefusals = request.LegalityForRefusals;
        policy.ConfidentialityWhenThirdParty = request.ConfidentialityWhenThirdParty;
        policy.ConfidentialityForEveryReply = request.ConfidentialityForEveryReply;
        policy.ConfidentialityForPublications = request.ConfidentialityForPublications;
        policy.LegalityForPublications = request.LegalityForPublications;
        policy.StepAlertWorkingDays = request.StepAlertWorkingDays;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(policy);
    }

    /// <summary>Reviews with their steps and opinions; the opinions of earlier rounds are shown with every round.</summary>
    private static async Task<List<ReviewView>> ViewsAsync(LegalReviewDbContext db, IReadOnlyList<Review> reviews, CancellationToken ct)
    {
        var ids = reviews.Select(r => r.Id).ToList();
        var opinions = await db.Opinions.AsNoTracking().Where(o => ids.Contains(o.ReviewId)).ToDictionaryAsync(o => o.Id, ct);
        return reviews.Select(r => new ReviewView(r.Id, r.CaseId, r.CaseNumber, r.Round, r.State, r.ReplyType, r.Outcome, r.ReplyDue, r.CreatedAt,
            r.Steps.OrderBy(s => s.Number).Select(s => new StepView(s.Number, Checklists.StepName(s.Kind), s.Role, s.State, s.StartedAt,
                s.OpinionId is { } o && opinions.TryGetValue(o, out var op) ? new OpinionView(op.Verdict, op.Text, op.Checklist, op.ReviewerName, op.At) : null)).ToList(),
            r.Subject)).ToList();
    }

    private static IResult NotFound() => TypedResults.Problem(title: "审查不存在", detail: "本单位没有该审查。", statusCode: StatusCodes.Status404NotFound);
}
