using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Intake.Apis;

/// <summary>
/// The platform operator's view of the city link (/api/intake/city-link): the callbacks and their state, replaying
/// dead-lettered ones, the daily reconciliation (read or run now) and queuing a month's figures now.
/// </summary>
public static class CityLinkOperatorApi
{
    public sealed record DeliveryView(Guid Id, string UnitCode, string? CityReference, string? ApplicationNumber, CityCallbackKind Kind, long Sequence,
        CityDeliveryState State, bool Blocked, int Attempts, int Replays, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
        DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

    public static RouteGroupBuilder MapCityLinkOperatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/city-link").WithTags("市级平台对接运维")
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.PlatformAdmin));
        api.MapGet("/deliveries", Deliveries);
        api.MapPost("/deliveries/{id:guid}/replay", Replay);
        api.MapGet("/reconciliations/{day}", ReadReconciliation);
        api.MapPost("/reconciliations/{day}", RunReconciliation);
        api.MapPost("/statistics/{year:int}/{month:int}", QueueStatistics);
        return api;
    }

    private static async Task<IResult> Deliveries(CityDeliveryState? state, string? reference, int? take, IntakeDbContext db, CancellationToken ct)
    {
        var query = db.CityDeliveries.AsNoTracking();
        if (state is { } s)
            query = query.Where(d => d.State == s);
        if (!string.IsNullOrWhiteSpace(reference))
            query = query.Where(d => d.CityReference == reference.Trim());
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Sequence).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct);
        // A pending callback behind an undelivered earlier one of its application waits: say so.
        var keys = rows.Where(d => d.State == CityDeliveryState.Pending).Select(d => d.OrderingKey).Distinct().ToList();
        var firstOpen = await db.CityDeliveries.AsNoTracking().Where(d => keys.Contains(d.OrderingKey) && d.State != CityDeliveryState.Delivered)
            .GroupBy(d => d.OrderingKey).Select(g => new { Key = g.Key, Sequence = g.Min(d => d.Sequence) }).ToDictionaryAsync(g => g.Key, g => g.Sequence, ct);
        return TypedResults.Ok(rows.Select(d => new DeliveryView(d.Id, d.UnitCode, d.CityReference, d.ApplicationNumber, d.Kind, d.Sequence, d.State,
            d.State == CityDeliveryState.Pending && firstOpen.TryGetValue(d.OrderingKey, out var first) && first < d.Sequence,
            d.Attempts, d.Replays, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt, d.LastError)).ToList());
    }

    private static async Task<IResult> Replay(Guid id, IntakeDbContext db, ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var delivery = await db.CityDeliveries.FromSql($"SELECT * FROM city_deliveries WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (delivery is null)
            return TypedResults.Problem(title: "回调不存在", detail: "没有该回调。", statusCode: StatusCodes.Status404NotFound);
        if (delivery.State != CityDeliveryState.DeadLettered)
            return TypedResults.Problem(title: "只能重放死信回调", statusCode: StatusCodes.Status409Conflict,
                detail: delivery.State == CityDeliveryState.Delivered ? "该回调已送达，不会重复发送。" : "该回调仍在自动重试中。");
        var now = clock.GetUtcNow();
        delivery.State = CityDeliveryState.Pending;
        delivery.Attempts = 0;
        delivery.Replays++;
        delivery.NextAttemptAt = now;
        db.AddIntegrationEvent(new AuditableActionOccurred(delivery.UnitCode, user.ActorName(), user.FindFirstValue(GongkaiClaims.Tenant), "city-callback-replayed",
            $"city-delivery:{delivery.Id}", $"{delivery.ApplicationNumber ?? delivery.OrderingKey}：{delivery.Kind} #{delivery.Sequence}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Accepted((string?)null, new { delivery.Id, delivery.State, delivery.Replays });
    }

    private static async Task<IResult> ReadReconciliation(string day, CityReconciler reconciler, TimeProvider clock, CancellationToken ct) =>
        ParseDay(day) is not { } d || d > ChinaTime.Today(clock) ? InvalidDay()
        : await reconciler.ReadAsync(d, ct) is { } report ? TypedResults.Ok(report)
        : TypedResults.Problem(title: "尚未对账", detail: $"{d:yyyy-MM-dd} 还没有对账结果，可立即对账。", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> RunReconciliation(string day, CityReconciler reconciler, IOptions<CityLinkOptions> options, TimeProvider clock,
        CancellationToken ct) =>
        ParseDay(day) is not { } d || d > ChinaTime.Today(clock) ? InvalidDay()
        : options.Value.CityAddress is null ? TypedResults.Problem(title: "未配置市级平台", statusCode: StatusCodes.Status409Conflict,
            detail: "没有市级平台地址（CityLink:CityAddress），无法读取对方清单对账。")
        : TypedResults.Ok(await reconciler.ReconcileAsync(d, ct));

    private static async Task<IResult> QueueStatistics(int year, int month, CityReconciler reconciler, TimeProvider clock, CancellationToken ct)
    {
        // A month's figures go once per unit, so only a month that is over: a partial month would stand for the whole.
        var today = ChinaTime.Today(clock);
        if (year is < 2000 or > 9998 || month is < 1 or > 12 || new DateOnly(year, month, 1).AddMonths(1) > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["只能推送已经结束的月份。"] }, title: "月份不正确");
        return TypedResults.Ok(new { queued = await reconciler.QueueStatisticsAsync(year, month, ct) });
    }

    private static DateOnly? ParseDay(string day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", out var d) && d.Year >= 2000 ? d : null;

    private static IResult InvalidDay() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["day"] = ["日期格式为 yyyy-MM-dd，且不能晚于今天。"] }, title: "日期不正确");
}
