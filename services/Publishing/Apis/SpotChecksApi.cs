using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Apis;

/// <summary>
/// Spot checks (抽查): the supervisor draws a random sample of each unit's cases closed in a period and reviews each
/// against the district's checklist; the unit sees the findings on its cases and records its rectification (整改). The
/// sampled items live in each unit's rows; the draw itself in the district's.
/// </summary>
public static class SpotChecksApi
{
    public static void MapSpotChecksApi(this IEndpointRouteBuilder app)
    {
        var district = app.MapGroup("/api/publishing/supervision/district/spot-checks")
            .RequireDistrictSupervisor();
        district.MapGet("/", List);
        district.MapPost("/", Draw);
        district.MapGet("/{id:guid}", Get);
        district.MapPut("/{id:guid}/items/{unit}/{itemId:guid}", Review);

        var unit = app.MapGroup("/api/publishing/supervision/rectifications");
        unit.MapGet("/", Rectifications).RequireUnitStaff();
        unit.MapPut("/{itemId:guid}", Rectify).RequireUnitStaff(StaffRoles.UnitAdmin, StaffRoles.Handler);
    }

    public sealed record DrawRequest(string? Period, int? PerUnit);

    public sealed record ReviewRequest(List<ChecklistAnswer>? Answers, string? Findings);

    public sealed record RectifyRequest(string? Rectification);

    public sealed record ItemView(Guid Id, string UnitCode, Guid CaseId, string CaseNumber, DateOnly? ClosedOn, SpotCheckItemState State, string StateLabel,
        IReadOnlyList<ChecklistAnswer> Answers, string? Findings, string? ReviewedBy, string? Rectification, string? RectifiedBy, DateTimeOffset? RectifiedAt)
    {
        public static ItemView Of(SpotCheckItem i) => new(i.Id, i.TenantId, i.CaseId, i.CaseNumber, i.ClosedOn, i.State, SpotCheckItem.Label(i.State), i.Answers,
            i.Findings, i.ReviewedBy, i.Rectification, i.RectifiedBy, i.RectifiedAt);
    }

    private static async Task<IResult> List(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.SpotChecks.AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(ct));

    private static async Task<IResult> Draw(DrawRequest? request, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district,
        TimeProvider clock, CancellationToken ct)
    {
        if (SupervisionApi.Period(request?.Period, clock, out var problem) is not { } period)
            return problem!;
        if (request!.PerUnit is not { } perUnit || perUnit is < 1 or > SpotCheck.MaxPerUnit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["perUnit"] = [$"每个单位抽取 1 至 {SpotCheck.MaxPerUnit} 件。"] }, title: "抽查设置有误");
        var units = DistrictScopes.Supervised(user);
        var check = new SpotCheck
        {
            Id = Guid.NewGuid(), Period = period.Code, PeriodLabel = period.Label, PerUnit = perUnit, Units = [.. units],
            CreatedAt = clock.GetUtcNow(), CreatedBy = user.ActorName(),
        };
        var drawn = 0;
        foreach (var unit in units)
            drawn += await district.ChangeAsync(unit, async unitDb =>
            {
                var closed = await unitDb.SupervisedCases.AsNoTracking().Where(c => c.ClosedOn >= period.From && c.ClosedOn <= period.To)
                    .Select(c => new { c.CaseId, c.CaseNumber, c.ClosedOn }).ToListAsync(ct);
                var sample = SpotCheck.Sample(closed, perUnit, Random.Shared);
                unitDb.SpotCheckItems.AddRange(sample.Select(c => new SpotCheckItem
                {
                    Id = Guid.NewGuid(), SpotCheckId = check.Id, DistrictCode = db.Tenant.Required, Period = period.Code, CaseId = c.CaseId,
                    CaseNumber = c.CaseNumber, ClosedOn = c.ClosedOn,
                }));
                return sample.Count;
            }, ct);
        check.Drawn = drawn;
        db.SpotChecks.Add(check);
        district.Audit(db, user, http, units, "supervisor-drew-spot-check", $"spot-check:{check.Id}", $"{period.Label}办件抽查，每单位抽取 {perUnit} 件");
        await db.SaveChangesAsync(ct);
        return await Get(check.Id, user, http, db, district, ct);
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, HttpContext http, PublishingDbContext db, DistrictScopes district, CancellationToken ct)
    {
        if (await db.SpotChecks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } check)
            return NotFound();
        var units = check.Units.Where(u => DistrictScopes.Supervises(user, u)).ToList();
        var items = (await district.ReadEachAsync(units, unitDb => unitDb.SpotCheckItems.AsNoTracking().Where(i => i.SpotCheckId == id)
            .OrderBy(i => i.CaseNumber).ToListAsync(ct))).SelectMany(x => x).Select(ItemView.Of).ToList();
        var checklist = (await SupervisionApi.SettingsAsync(db, ct)).Checklist;
        return TypedResults.Ok(new { check.Id, check.Period, check.PeriodLabel, check.PerUnit, check.Drawn, check.CreatedAt, check.CreatedBy, Checklist = checklist, Items = items });
    }

    private static async Task<IResult> Review(Guid id, string unit, Guid itemId, ReviewRequest? request, ClaimsPrincipal user, HttpContext http,
        PublishingDbContext db, DistrictScopes district, TimeProvider clock, CancellationToken ct)
    {
        if (!DistrictScopes.Supervises(user, unit))
            return NotFound();
        var checklist = (await SupervisionApi.SettingsAsync(db, ct)).Checklist;
        var answers = request?.Answers;
        if (answers is null || answers.Count != checklist.Count || answers.Any(a => a is null) || answers.Select(a => a.Question).Except(checklist).Any())
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = ["请逐项回答抽查清单中的全部问题。"] }, title: "抽查结论有误");
        if (request!.Findings?.Length > SpotCheckItem.MaxTextLength || answers.Any(a => a.Note?.Length > 500))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["findings"] = [$"问题描述不能超过 {SpotCheckItem.MaxTextLength} 字，单项说明不能超过 500 字。"] }, title: "抽查结论有误");
        var now = clock.GetUtcNow();
        var outcome = await district.ChangeAsync(unit, async unitDb =>
        {
            var item = await unitDb.SpotCheckItems.SingleOrDefaultAsync(i => i.Id == itemId && i.SpotCheckId == id, ct);
            return item is null ? (Item: null, Refusal: null) : (Item: item, Refusal: item.Review(answers, request.Findings, now, user.ActorName()));
        }, ct);
        if (outcome.Item is null)
            return NotFound();
        if (outcome.Refusal is { } refusal)
            return outcome.Item.State == SpotCheckItemState.Rectified
                ? TypedResults.Problem(title: "不能修改抽查结论", detail: refusal, statusCode: StatusCodes.Status409Conflict)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["findings"] = [refusal] }, title: "抽查结论有误");
        district.Audit(db, user, http, [unit], "supervisor-reviewed-case", $"case:{outcome.Item.CaseId}",
            $"抽查 {outcome.Item.CaseNumber}：{SpotCheckItem.Label(outcome.Item.State)}");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ItemView.Of(outcome.Item));
    }

    private static async Task<IResult> Rectifications(PublishingDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.SpotCheckItems.AsNoTracking().Where(i => i.State != SpotCheckItemState.Drawn)
            .OrderByDescending(i => i.ReviewedAt).Take(500).ToListAsync(ct)).Select(ItemView.Of));

    private static async Task<IResult> Rectify(Guid itemId, RectifyRequest? request, ClaimsPrincipal user, HttpContext http, PublishingDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var text = request?.Rectification?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > SpotCheckItem.MaxTextLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rectification"] = [$"请填写整改情况（不超过 {SpotCheckItem.MaxTextLength} 字）。"] }, title: "整改情况有误");
        if (await db.SpotCheckItems.SingleOrDefaultAsync(i => i.Id == itemId, ct) is not { } item)
            return NotFound();
        var now = clock.GetUtcNow();
        if (item.Rectify(text, now, user.ActorName()) is { } refusal)
            return TypedResults.Problem(title: "不能记录整改情况", detail: refusal, statusCode: StatusCodes.Status409Conflict);
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "spot-check-rectified",
            $"case:{item.CaseId}", $"抽查问题整改：{item.CaseNumber}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ItemView.Of(item));
    }

    /// <summary>Cases whose spot check in the period found problems, per unit (rectified ones still count: the problem happened).</summary>
    internal static async Task<Dictionary<string, int>> ProblemsByUnitAsync(PublishingDbContext db, DistrictScopes district, IEnumerable<string> units,
        ReportingPeriod period, CancellationToken ct)
    {
        var counts = await district.ReadEachAsync(units, async unitDb => (Unit: unitDb.Tenant.Required, Problems: await unitDb.SpotCheckItems
            .CountAsync(i => i.DistrictCode == db.Tenant.Required && i.Period == period.Code
                && (i.State == SpotCheckItemState.ProblemsFound || i.State == SpotCheckItemState.Rectified), ct)));
        return counts.ToDictionary(c => c.Unit, c => c.Problems);
    }

    private static IResult NotFound() => TypedResults.Problem(title: "抽查记录不存在", detail: "不在本人监督范围内，或没有该记录。", statusCode: StatusCodes.Status404NotFound);
}
