using System.Globalization;
using Gongkai.Workflow.Domain;

namespace Gongkai.Workflow.Apis;

public static class CalendarApi
{
    /// <summary>Beyond this a request is a mistake (or abuse), not a statutory deadline.</summary>
    private const int MaxWorkingDays = 1000;

    public static RouteGroupBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        // Public and anonymous: applicants and staff both check deadlines.
        var api = app.MapGroup("/api/workflow/calendar").AllowAnonymous();
        api.MapGet("/deadline", GetDeadline);
        api.MapGet("/years", (WorkingDayCalendar calendar) => TypedResults.Ok(calendar.ScheduledYears.Order()));
        return api;
    }

    public sealed record DeadlineResponse(string From, int WorkingDays, string Due, bool Provisional, string? ProvisionalReason,
        IReadOnlyList<SkippedSpan> Skipped, IReadOnlyList<string> AdjustedWorkingDaysCounted, string Explanation);

    public sealed record SkippedSpan(string From, string To, string Reason);

    private static IResult GetDeadline(string? from, string? workingDays, WorkingDayCalendar calendar)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            errors["from"] = ["起算日期必须是 YYYY-MM-DD 格式的有效日期。"];
        if (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > MaxWorkingDays)
            errors["workingDays"] = [$"工作日数必须是 1 至 {MaxWorkingDays} 之间的整数。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "请求参数有误");

        var deadline = calendar.AddWorkingDays(start, n);
        var skipped = deadline.Skipped.Select(s => new SkippedSpan(Format(s.From), Format(s.To), s.Reason)).ToList();
        var explanation = $"自 {Format(start)} 的次日起计算 {n} 个工作日，截止 {Format(deadline.Due)}。" +
            (skipped.Count > 0 ? "不计：" + string.Join("；", skipped.Select(s => s.From == s.To ? $"{s.From}（{s.Reason}）" : $"{s.From} 至 {s.To}（{s.Reason}）")) + "。" : "") +
            (deadline.AdjustedWorkingDaysCounted.Count > 0 ? "计入调休上班日：" + string.Join("、", deadline.AdjustedWorkingDaysCounted.Select(Format)) + "。" : "") +
            (deadline.ProvisionalReason ?? "");
        return TypedResults.Ok(new DeadlineResponse(Format(start), n, Format(deadline.Due), deadline.Provisional, deadline.ProvisionalReason,
            skipped, deadline.AdjustedWorkingDaysCounted.Select(Format).ToList(), explanation));
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
