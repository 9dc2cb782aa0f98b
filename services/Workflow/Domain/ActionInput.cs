namespace Gongkai.Workflow.Domain;

/// <summary>A field of an action's request that cannot be taken, with a Chinese message for the person who sent it.</summary>
public sealed class InvalidFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The ranges an action's numbers and dates must fall in, checked before the lifecycle sees them: a count of working
/// days outside its legal range, a date of something that happened in the future or before the case was received, or a
/// planned date beyond any sensible horizon is a mistake, and a mistake here moves a statutory deadline.
/// </summary>
public sealed record ActionInput(DateOnly Today, DateOnly CaseReceivedOn)
{
    /// <summary>The longest period a unit may set for the applicant or another body (correction, explanation, assistance, a new reply).</summary>
    public const int MaxPeriodWorkingDays = 60;

    /// <summary>How far ahead a planned date (a reasonable delay) may lie.</summary>
    public const int PlanningHorizonDays = 366;

    public const int MaxTextLength = 2000;

    /// <summary>A period in working days: <paramref name="value"/>, or <paramref name="standard"/> when not given.</summary>
    public static int Period(int? value, string field, int standard, int max = MaxPeriodWorkingDays) =>
        (value ?? standard) is var days && days >= 1 && days <= max
            ? days
            : throw new InvalidFieldException(field, $"工作日数须在 1 至 {max} 之间。");

    /// <summary>The date something happened: today when not given; never after today, never before the case was received.</summary>
    public DateOnly Happened(DateOnly? value, string field) => HappenedOrNull(value, field) ?? Today;

    public DateOnly? HappenedOrNull(DateOnly? value, string field) => value switch
    {
        null => null,
        { } date when date > Today => throw new InvalidFieldException(field, $"日期 {date:yyyy-MM-dd} 晚于今天，已发生的事项不能填写将来的日期。"),
        { } date when date < CaseReceivedOn => throw new InvalidFieldException(field, $"日期 {date:yyyy-MM-dd} 早于收到申请之日 {CaseReceivedOn:yyyy-MM-dd}。"),
        { } date => date,
    };

    /// <summary>A date planned ahead: after today, within <see cref="PlanningHorizonDays"/> days.</summary>
    public DateOnly Planned(DateOnly? value, string field, string missing) => value switch
    {
        null => throw new InvalidFieldException(field, missing),
        { } date when date <= Today => throw new InvalidFieldException(field, $"日期 {date:yyyy-MM-dd} 须晚于今天。"),
        { } date when date > Today.AddDays(PlanningHorizonDays) => throw new InvalidFieldException(field, $"日期 {date:yyyy-MM-dd} 超出一年，请核对。"),
        { } date => date,
    };

    /// <summary>Required free text, trimmed, at most <see cref="MaxTextLength"/> characters.</summary>
    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidFieldException(field, "此项不能为空。") : OptionalText(value, field);

    public static string OptionalText(string? value, string field) =>
        value is { Length: > MaxTextLength } ? throw new InvalidFieldException(field, $"不能超过 {MaxTextLength} 个字。") : value?.Trim() ?? "";
}
