using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// Requests made and how long each took; a request "fails" when the call returns false (refused) or throws (counted by
/// exception type in <paramref name="Errors"/>).
/// </summary>
internal sealed record LoadResult(int Succeeded, int Failed, double Seconds, double[] LatenciesMs, IReadOnlyDictionary<string, int> Errors)
{
    public double PerSecond => Succeeded / Seconds;

    public double Percentile(double p) => Load.Percentile(LatenciesMs, p);
}

internal static class Load
{
    /// <summary>
    /// <paramref name="concurrency"/> callers, each sending its next request as soon as the last one answered, for
    /// <paramref name="duration"/>: the throughput the system sustains.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan duration, Func<int, Task<bool>> call)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        int succeeded = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var sequence = worker;
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                if (await TryAsync(call, sequence, errors))
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    Interlocked.Increment(ref succeeded);
                }
                else
                    Interlocked.Increment(ref failed);
                sequence += concurrency;
            }
        })));
        return new LoadResult(succeeded, failed, clock.Elapsed.TotalSeconds, [.. latencies], errors);
    }

    /// <summary>
    /// One request every 1/<paramref name="perSecond"/> s whatever the answers (an open loop, as citizens arrive), each
    /// timed from the moment it was due, so a stalled system shows in the latency instead of slowing the arrivals.
    /// <paramref name="call"/> gets the request's number and its due time.
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(int perSecond, TimeSpan duration, Func<int, DateTimeOffset, Task<bool>> call)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentDictionary<string, int>();
        int succeeded = 0, failed = 0;
        var total = (int)(perSecond * duration.TotalSeconds);
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var dueIn = TimeSpan.FromSeconds((double)i / perSecond);
            if (dueIn > clock.Elapsed)
                await Task.Delay(dueIn - clock.Elapsed);
            var number = i;
            requests.Add(Task.Run(async () =>
            {
                if (await TryAsync(n => call(n, start + dueIn), number, errors))
                {
                    latencies.Add((clock.Elapsed - dueIn).TotalMilliseconds);
                    Interlocked.Increment(ref succeeded);
                }
                else
                    Interlocked.Increment(ref failed);
            }));
        }
        await Task.WhenAll(requests);
        return new LoadResult(succeeded, failed, clock.Elapsed.TotalSeconds, [.. latencies], errors);
    }

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static async Task<bool> TryAsync(Func<int, Task<bool>> call, int number, ConcurrentDictionary<string, int> errors)
    {
        try
        {
            return await call(number);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            return false;
        }
    }
}
