using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.Publishing.Domain.Supervision;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>A month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"): the periods the district's 通报 and 考核 use.</summary>
public sealed partial record ReportingPeriod(PeriodKind Kind, int Year, int Number)
{
    public const int EarliestYear = 2000;

    public DateOnly From => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, Number * 3 - 2, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly To => Kind switch
    {
        PeriodKind.Month => From.AddMonths(1).AddDays(-1),
        PeriodKind.Quarter => From.AddMonths(3).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    public string Code => Kind switch
    {
        PeriodKind.Month => $"{Year:D4}-{Number:D2}",
        PeriodKind.Quarter => $"{Year:D4}-Q{Number}",
        _ => $"{Year:D4}",
    };

    public string Label => Kind switch
    {
        PeriodKind.Month => $"{Year}年{Number}月",
        PeriodKind.Quarter => $"{Year}年第{"一二三四"[Number - 1]}季度",
        _ => $"{Year}年",
    };

    /// <summary>The twelve months of a year, or the months of a quarter, or the month itself.</summary>
    public IEnumerable<ReportingPeriod> Months()
    {
        for (var month = From; month <= To; month = month.AddMonths(1))
            yield return new ReportingPeriod(PeriodKind.Month, month.Year, month.Month);
    }

    public bool HasEnded(DateOnly today) => To < today;

    /// <summary>Parses a period code; null (and a Chinese reason) for anything else, including years before 2000 or after next year.</summary>
    public static ReportingPeriod? TryParse(string? text, DateOnly today, out string error)
    {
        error = "期间格式应为 2026-11（月）、2026-Q4（季度）或 2026（年）。";
        if (string.IsNullOrWhiteSpace(text) || PeriodPattern().Match(text.Trim()) is not { Success: true } m)
            return null;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < EarliestYear || year > today.Year + 1)
        {
            error = $"年份应在 {EarliestYear} 至 {today.Year + 1} 之间。";
            return null;
        }
        if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? new ReportingPeriod(PeriodKind.Month, year, month) : null;
        }
        if (m.Groups["quarter"].Success)
            return new ReportingPeriod(PeriodKind.Quarter, year, m.Groups["quarter"].Value[0] - '0');
        return new ReportingPeriod(PeriodKind.Year, year, 1);
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?:-(?<month>[0-9]{2})|-Q(?<quarter>[1-4]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
