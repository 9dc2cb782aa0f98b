using System.Text.Json;

namespace Gongkai.WorkingDays;

public sealed record Holiday(string Name, DateOnly From, DateOnly To);

/// <summary>One year's official holiday arrangement (国务院办公厅关于部分节假日安排的通知).</summary>
public sealed record HolidaySchedule(int Year, string Source, IReadOnlyList<Holiday> Holidays, IReadOnlyList<DateOnly> AdjustedWorkingDays)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The schedules shipped with the service (2024–2026, from the domain brief).</summary>
    public static IReadOnlyList<HolidaySchedule> Shipped()
    {
        using var stream = typeof(HolidaySchedule).Assembly.GetManifestResourceStream("Gongkai.WorkingDays.holiday-schedules.json")
            ?? throw new InvalidOperationException("holiday-schedules.json is not embedded.");
        return JsonSerializer.Deserialize<List<HolidaySchedule>>(stream, Json)!;
    }

    /// <summary>Problems that make the schedule unusable, in Chinese for the admin who entered it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Year is < 2000 or > 2100)
            problems.Add("年份必须在 2000 至 2100 之间。");
        if (Holidays.Any(h => h is null))
            return [.. problems, "节假日列表中有空项。"];
        foreach (var h in Holidays)
        {
            if (string.IsNullOrWhiteSpace(h.Name))
                problems.Add("节假日名称不能为空。");
            if (h.To < h.From)
                problems.Add($"{h.Name}：结束日期早于开始日期。");
            if (h.From.Year != Year || h.To.Year != Year)
                problems.Add($"{h.Name}：日期必须在 {Year} 年内。");
        }
        var ordered = Holidays.OrderBy(h => h.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].From <= ordered[i - 1].To)
                problems.Add($"{ordered[i - 1].Name}与{ordered[i].Name}的日期重叠。");
        foreach (var day in AdjustedWorkingDays)
        {
            if (day.Year != Year)
                problems.Add($"调休上班日 {day:yyyy-MM-dd} 不在 {Year} 年内。");
            if (Holidays.Any(h => day >= h.From && day <= h.To))
                problems.Add($"调休上班日 {day:yyyy-MM-dd} 落在节假日内。");
        }
        if (AdjustedWorkingDays.Distinct().Count() != AdjustedWorkingDays.Count)
            problems.Add("调休上班日有重复。");
        return problems;
    }
}
