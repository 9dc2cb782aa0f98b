using System.Diagnostics;
using System.Globalization;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Infrastructure;
using Gongkai.Publishing.Supervision;
using Npgsql;

// The district roll-up read (every indicator of 50 units, each read in its own tenant scope under row-level security, as
// the supervisor's API does) against one plain GROUP BY ROLLUP over the same 1,000,000 cases, in the same run.
// Argument: a superuser connection string to an empty private PostgreSQL (./build.sh bench starts one).
const int Units = 50, Cases = 1_000_000, Runs = 7;
var superuser = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Supervision <superuser connection string>");
var server = new NpgsqlConnectionStringBuilder(superuser);
string As(string user, string database) => new NpgsqlConnectionStringBuilder(superuser) { Username = user, Password = "bench", Database = database }.ConnectionString;

await ExecuteAsync(superuser, "CREATE ROLE bench_owner LOGIN PASSWORD 'bench'; CREATE ROLE bench_app LOGIN PASSWORD 'bench'");
await ExecuteAsync(superuser, "CREATE DATABASE publishing_bench OWNER bench_owner");
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration["ConnectionStrings:publishingdb"] = As("bench_app", "publishing_bench");
builder.Configuration["ConnectionStrings:publishingdb-admin"] = As("bench_owner", "publishing_bench");
builder.AddServiceDatabase<PublishingDbContext>("publishingdb");
using var host = builder.Build();
await host.Services.GetRequiredService<DatabaseMigrator<PublishingDbContext>>().StartAsync(CancellationToken.None);

var data = new NpgsqlConnectionStringBuilder(superuser) { Database = "publishing_bench" }.ConnectionString;
var stopwatch = Stopwatch.StartNew();
// Received over 700 days up to 2026-11-30 and closed 0–40 working days later, except a third of the last 60 days' cases
// (still open, some overdue); 1 in 8 replies late, 1 in 20 extended.
await ExecuteAsync(data, $"""
    INSERT INTO supervised_cases (case_id, tenant_id, case_number, revision, received_on, closed_on, due_on, replied_on, late, working_days,
                                  extended, corrections_requested, review_returns, domain_code, domain_confirmed, updated_at)
    SELECT gen_random_uuid(), 'u' || lpad((g % {Units})::text, 2, '0'), 'C' || g, 1, r.received,
           CASE WHEN NOT r.open THEN r.received + r.days * 7 / 5 END, r.received + 28,
           CASE WHEN NOT r.open THEN r.received + r.days * 7 / 5 END,
           CASE WHEN NOT r.open THEN g % 8 = 0 END, CASE WHEN NOT r.open THEN r.days END,
           g % 20 = 0, (g % 15 = 0)::int, (g % 25 = 0)::int, lpad((1 + g % 26)::text, 2, '0'), g % 3 = 0, now()
    FROM generate_series(1, {Cases}) g,
         LATERAL (SELECT date '2026-11-30' - (g::bigint * 7919 % 700)::int AS received, (g * 31 % 41) AS days) d,
         LATERAL (SELECT d.received, d.days, d.received > date '2026-10-01' AND g % 3 = 0 AS open) r;
    """);
// What autovacuum does in production after a bulk load: statistics, and the visibility map that index-only scans need.
await ExecuteAsync(data, "VACUUM ANALYZE supervised_cases");
Console.WriteLine($"{Cases:N0} cases of {Units} units generated in {stopwatch.Elapsed.TotalSeconds:0.0} s");

var scopes = host.Services.GetRequiredService<IServiceScopeFactory>();
Console.WriteLine($"PostgreSQL {server.Host}:{server.Port}; {DistrictScopes.ParallelReads} units read at a time; median of {Runs} runs after a warm-up");
var units = Enumerable.Range(0, Units).Select(u => $"u{u:D2}").ToList();
var today = new DateOnly(2026, 12, 1);
foreach (var code in new[] { "2026-10", "2026-Q3", "2026" })
{
    var period = ReportingPeriod.TryParse(code, today, out _)!;
    var rollUp = await TimeAsync(() => RollUpAsync(period));
    var plain = await TimeAsync(() => PlainGroupByAsync(period));
    var same = rollUp.Result.Received == plain.Result.Received && rollUp.Result.Closed == plain.Result.Closed
        && rollUp.Result.ClosedLate == plain.Result.Late && rollUp.Result.Percentile90WorkingDays == plain.Result.P90;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{period.Label,-12} roll-up read (every indicator, {Units} tenant scopes): median {rollUp.Median,7:0.0} ms | plain GROUP BY ROLLUP (case figures only, no RLS): " +
        $"median {plain.Median,7:0.0} ms | ratio {rollUp.Median / plain.Median:0.00}× | received {rollUp.Result.Received:N0}, closed {rollUp.Result.Closed:N0}, " +
        $"p90 {rollUp.Result.Percentile90WorkingDays} wd | same figures: {(same ? "yes" : "NO")}"));
}
await host.StopAsync();

// What the supervisor's API does, less the unit names (Identity) and the audit records.
async Task<UnitIndicators> RollUpAsync(ReportingPeriod period)
{
    var figures = await new DistrictScopes(scopes, TimeProvider.System).ReadEachAsync(units,
        unitDb => IndicatorQueries.ForUnitAsync(unitDb, unitDb.Tenant.Required, period, today, CancellationToken.None));
    return UnitIndicators.RollUp("district", "区", period.Code, figures);
}

async Task<(long Received, long Closed, long Late, int? P90)> PlainGroupByAsync(ReportingPeriod period)
{
    await using var connection = new NpgsqlConnection(data);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT tenant_id,
               count(*) FILTER (WHERE received_on BETWEEN @from AND @to),
               count(*) FILTER (WHERE closed_on BETWEEN @from AND @to),
               count(*) FILTER (WHERE closed_on BETWEEN @from AND @to AND late),
               count(*) FILTER (WHERE closed_on BETWEEN @from AND @to AND NOT late),
               count(*) FILTER (WHERE closed_on BETWEEN @from AND @to AND extended),
               count(*) FILTER (WHERE closed_on BETWEEN @from AND @to AND corrections_requested > 0),
               sum(review_returns) FILTER (WHERE closed_on BETWEEN @from AND @to),
               count(*) FILTER (WHERE received_on <= @end AND (closed_on IS NULL OR closed_on > @end) AND due_on < @end AND (replied_on IS NULL OR replied_on > @end)),
               avg(working_days) FILTER (WHERE closed_on BETWEEN @from AND @to),
               percentile_disc(0.9) WITHIN GROUP (ORDER BY working_days) FILTER (WHERE closed_on BETWEEN @from AND @to)
        FROM supervised_cases
        WHERE received_on <= @to AND (closed_on IS NULL OR closed_on >= @from)
        GROUP BY ROLLUP (tenant_id)
        """, connection);
    command.Parameters.AddWithValue("from", period.From);
    command.Parameters.AddWithValue("to", period.To);
    command.Parameters.AddWithValue("end", period.To < today ? period.To : today);
    await using var reader = await command.ExecuteReaderAsync();
    (long, long, long, int?) total = default;
    while (await reader.ReadAsync())
        if (reader.IsDBNull(0))
            total = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(10) ? null : reader.GetInt32(10));
    return total;
}

static async Task<(double Median, T Result)> TimeAsync<T>(Func<Task<T>> run)
{
    var result = await run(); // warm-up: plans cached, pages in memory
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        result = await run();
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
    }
    return (times.Order().ElementAt(Runs / 2), result);
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}
