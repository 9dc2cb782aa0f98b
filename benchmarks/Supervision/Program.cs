using System.Diagnostics;
using System.Globalization;
using Gongkai.Benchmarks.Supervision;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Supervision;
using Npgsql;

// The district roll-up read (every indicator of 50 units, each read in its own tenant scope under row-level security, as
// the supervisor's API does) against one plain GROUP BY ROLLUP over the same 1,000,000 cases, in the same run.
// Argument: a superuser connection string to an empty private PostgreSQL (./build.sh bench starts one).
var superuser = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Supervision <superuser connection string>");
var server = new NpgsqlConnectionStringBuilder(superuser);
var data = new NpgsqlConnectionStringBuilder(superuser) { Database = BenchData.Database }.ConnectionString;

await BenchData.CreateDatabaseAsync(superuser);
using var host = await Gongkai.Benchmarks.Supervision.Extensions.StartPublishingDatabaseAsync(superuser);
var stopwatch = Stopwatch.StartNew();
await BenchData.GenerateCasesAsync(data);
Console.WriteLine($"{BenchData.Cases:N0} cases of {BenchData.Units} units generated in {stopwatch.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"PostgreSQL {server.Host}:{server.Port}; {DistrictScopes.ParallelReads} units read at a time; median of {Readings.Runs} runs after a warm-up");

var today = new DateOnly(2026, 12, 1);
var readings = new Readings(host.Services.GetRequiredService<IServiceScopeFactory>(), data, today);
foreach (var code in new[] { "2026-10", "2026-Q3", "2026" })
{
    var period = ReportingPeriod.TryParse(code, today, out _)!;
    var rollUp = await Readings.TimeAsync(() => readings.RollUpAsync(period));
    var plain = await Readings.TimeAsync(() => readings.PlainGroupByAsync(period));
    var same = (rollUp.Result.Received, rollUp.Result.Closed, rollUp.Result.ClosedLate, rollUp.Result.Percentile90WorkingDays)
        == (plain.Result.Received, plain.Result.Closed, plain.Result.Late, plain.Result.P90);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{period.Label,-12} roll-up read (every indicator, {BenchData.Units} tenant scopes): median {rollUp.Median,7:0.0} ms | plain GROUP BY ROLLUP " +
        $"(case figures only, no RLS): median {plain.Median,7:0.0} ms | ratio {rollUp.Median / plain.Median:0.00}× | received {rollUp.Result.Received:N0}, " +
        $"closed {rollUp.Result.Closed:N0}, p90 {rollUp.Result.Percentile90WorkingDays} wd | same figures: {(same ? "yes" : "NO")}"));
}
await host.StopAsync();
