namespace Gongkai.BuildingBlocks;

/// <summary>Statutory dates are dates in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>How long until the next <paramref name="at"/> China time (tomorrow's if today's has passed): nightly jobs wait this long.</summary>
    public static TimeSpan UntilNext(TimeOnly at, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToOffset(Offset);
        var next = new DateTimeOffset(DateOnly.FromDateTime(now.DateTime).ToDateTime(at), Offset);
        return (next <= now ? next.AddDays(1) : next) - now;
    }
}
