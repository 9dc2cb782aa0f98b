using System.Globalization;
using System.Security.Claims;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Apis;

public static class CalendarApi
{
    private const int MaxWorkingDays = WorkingDayCalendar.MaxWorkingDays;

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        // Public and anonymous: applicants and staff both check deadlines.
        var api = app.MapGroup("/api/workflow/calendar");
        api.MapGet("/deadline", GetDeadline).AllowAnonymous();
        api.MapGet("/years", (CalendarProvider calendars) => TypedResults.Ok(calendars.Current.ScheduledYears.Order())).AllowAnonymous();
        // When the State Council publishes next year's arrangement, a platform admin enters it here.
        app.MapPut("/api/workflow/calendar-admin/years/{year:int}", PutYear).RequireAuthorization(p => p.RequireRole(StaffRoles.PlatformAdmin));
        return api;
    }

    public sealed record DeadlineResponse(string From, int WorkingDays, string Due, bool Provisional, string? ProvisionalReason,
        IReadOnlyList<SkippedSpan> Skipped, IReadOnlyList<string> AdjustedWorkingDaysCounted, string Explanation);

    public sealed record SkippedSpan(string From, string To, string Reason);

    public sealed record ScheduleRequest(string? Source, List<Holiday>? Holidays, List<DateOnly>? AdjustedWorkingDays);

    public sealed record ScheduleSaved(int Year, int CasesRecomputed);

    private static IResult GetDeadline(string? from, string? workingDays, CalendarProvider calendars)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            errors["from"] = ["起算日期必须是 YYYY-MM-DD 格式的有效日期。"];
        else if (start < WorkingDayCalendar.EarliestStart || start > WorkingDayCalendar.LatestStart)
            errors["from"] = [$"起算日期必须在 {Format(WorkingDayCalendar.EarliestStart)} 至 {Format(WorkingDayCalendar.LatestStart)} 之间。"];
        if (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > MaxWorkingDays)
            errors["workingDays"] = [$"工作日数必须是 1 至 {MaxWorkingDays} 之间的整数。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "请求参数有误");

        var deadline = calendars.Current.AddWorkingDays(start, n);
        var skipped = deadline.Skipped.Select(s => new SkippedSpan(Format(s.From), Format(s.To), s.Reason)).ToList();
        var explanation = $"自 {Format(start)} 的次日起计算 {n} 个工作日，截止 {Format(deadline.Due)}。" +
            (skipped.Count > 0 ? "不计：" + string.Join("；", skipped.Select(s => s.From == s.To ? $"{s.From}（{s.Reason}）" : $"{s.From} 至 {s.To}（{s.Reason}）")) + "。" : "") +
            (deadline.AdjustedWorkingDaysCounted.Count > 0 ? "计入调休上班日：" + string.Join("、", deadline.AdjustedWorkingDaysCounted.Select(Format)) + "。" : "") +
            (deadline.ProvisionalReason ?? "");
        return TypedResults.Ok(new DeadlineResponse(Format(start), n, Format(deadline.Due), deadline.Provisional, deadline.ProvisionalReason,
            skipped, deadline.AdjustedWorkingDaysCounted.Select(Format).ToList(), explanation));
    }

    /// <summary>
    /// Stores a year's schedule (validated: dates inside the year, no overlaps), reloads the calendar and
    /// recomputes every case whose deadline was provisional — in every unit, each under its own tenant scope.
    /// </summary>
    private static async Task<IResult> PutYear(int year, ScheduleRequest request, ClaimsPrincipal user, WorkflowDbContext db,
        CalendarProvider calendars, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct)
    {
        var schedule = new HolidaySchedule(year, request.Source?.Trim() ?? "", request.Holidays ?? [], request.AdjustedWorkingDays ?? []);
        var problems = schedule.Validate();
        if (string.IsNullOrWhiteSpace(schedule.Source))
            problems = [.. problems, "请注明来源（通知文号或发布日期）。"];
        if (schedule.Holidays.Count == 0)
            problems = [.. problems, "节假日安排不能为空。"];
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["schedule"] = [.. problems] }, title: "节假日安排有误");

        var stored = await db.HolidaySchedules.SingleOrDefaultAsync(s => s.Year == year, ct);
        if (stored is null)
            db.HolidaySchedules.Add(stored = new StoredHolidaySchedule { Year = year, Json = "", UpdatedBy = "" });
        stored.Json = CalendarProvider.Serialize(schedule);
        stored.UpdatedAt = clock.GetUtcNow();
        stored.UpdatedBy = user.ActorName();
        await db.SaveChangesAsync(ct);
        await calendars.ReloadAsync(ct);

        var recomputed = 0;
        foreach (var tenant in await db.KnownTenants.AsNoTracking().Select(t => t.TenantId).ToListAsync(ct))
        {
            await using var scope = scopes.CreateTenantScope(tenant);
            var unitDb = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var cases = await unitDb.Cases.Where(c => c.ReplyDueProvisional).ToListAsync(ct);
            foreach (var c in cases)
            {
                c.RecomputeDeadlines(calendars.Current);
                c.Note(clock.GetUtcNow(), "deadline-recomputed", $"{year} 年节假日安排已录入，答复期限重新计算为 {c.ReplyDue:yyyy-MM-dd}。", user.ActorName(), null);
            }
            await unitDb.SaveChangesAsync(ct);
            recomputed += cases.Count;
        }
        return TypedResults.Ok(new ScheduleSaved(year, recomputed));
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
