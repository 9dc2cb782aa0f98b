using System.Diagnostics;
using Gongkai.WorkingDays;

namespace Gongkai.Benchmarks;

/// <summary>Deadlines per second with the precomputed running counts, against a day-by-day walk in the same run.</summary>
public static class DeadlineBenchmark
{
    public static void Run()
    {
        var calendar = new WorkingDayCalendar(HolidaySchedule.Shipped());
        var random = new Random(42);
        var starts = Enumerable.Range(0, 10_000).Select(_ => new DateOnly(2024, 1, 1).AddDays(random.Next(0, 3 * 365))).ToArray();
        const int WorkingDays = 20;

        DateOnly Walk(DateOnly start, int n)
        {
            var date = start;
            for (var counted = 0; counted < n;)
            {
                date = date.AddDays(1);
                if (calendar.IsWorkingDay(date))
                    counted++;
            }
            return date;
        }

        // The two must agree before their speed means anything.
        foreach (var start in starts.Take(2000))
            if (calendar.AddWorkingDays(start, WorkingDays).Due != Walk(start, WorkingDays))
                throw new InvalidOperationException($"Mismatch at {start}");

        double Rate(Func<DateOnly, DateOnly> compute, TimeSpan duration)
        {
            var sink = 0;
            var count = 0L;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
                foreach (var start in starts)
                {
                    sink ^= compute(start).DayNumber;
                    count++;
                }
            GC.KeepAlive(sink);
            return count / watch.Elapsed.TotalSeconds;
        }

        Func<DateOnly, DateOnly> lookup = s => calendar.Due(s, WorkingDays);
        Func<DateOnly, DateOnly> explained = s => calendar.AddWorkingDays(s, WorkingDays).Due;
        Func<DateOnly, DateOnly> walk = s => Walk(s, WorkingDays);
        foreach (var f in new[] { lookup, explained, walk })
            Rate(f, TimeSpan.FromSeconds(1)); // warm-up (JIT, tiering)
        var walkRate = Rate(walk, TimeSpan.FromSeconds(3));
        var lookupRate = Rate(lookup, TimeSpan.FromSeconds(3));
        var explainedRate = Rate(explained, TimeSpan.FromSeconds(3));
        Console.WriteLine("20-working-day deadlines, 10 000 start dates in 2024–2026:");
        Console.WriteLine($"  day-by-day walk (baseline):                    {walkRate,14:N0} deadlines/s  1.0×");
        Console.WriteLine($"  precomputed running counts, binary search:     {lookupRate,14:N0} deadlines/s  {lookupRate / walkRate:N1}×");
        Console.WriteLine($"  the same plus the explanation (API answers):   {explainedRate,14:N0} deadlines/s  {explainedRate / walkRate:N1}×");
    }
}
