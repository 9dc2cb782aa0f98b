using Gongkai.BuildingBlocks;

namespace Gongkai.UnitTests;

public sealed class ChinaTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    // 01:00 China time (17:00 UTC the day before): 01:30 is half an hour away.
    [InlineData("2026-11-30T17:00:00Z", "01:30", 0.5)]
    // 01:30 exactly, or after it: tomorrow's.
    [InlineData("2026-11-30T17:30:00Z", "01:30", 24)]
    [InlineData("2026-11-30T18:00:00Z", "01:30", 23.5)]
    // 23:00 UTC is 07:00 China time the next day: 02:00 is 19 hours away, whatever the UTC date says.
    [InlineData("2026-11-30T23:00:00Z", "02:00", 19)]
    public void The_next_run_is_the_next_China_time_of_day(string utcNow, string at, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), ChinaTime.UntilNext(TimeOnly.Parse(at), new FixedClock(DateTimeOffset.Parse(utcNow))));
}
