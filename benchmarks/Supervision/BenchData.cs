using Npgsql;

namespace Gongkai.Benchmarks.Supervision;

/// <summary>The benchmark's database, its two roles, and a million synthetic cases written straight into supervised_cases.</summary>
public static class BenchData
{
    public const string Database = "publishing_bench";
    public const int Units = 50, Cases = 1_000_000;

    public static IReadOnlyList<string> UnitCodes { get; } = [.. Enumerable.Range(0, Units).Select(u => $"u{u:D2}")];

    public static async Task CreateDatabaseAsync(string superuser)
    {
        await ExecuteAsync(superuser, "CREATE ROLE bench_owner LOGIN PASSWORD 'bench'; CREATE ROLE bench_app LOGIN PASSWORD 'bench'");
        await ExecuteAsync(superuser, $"CREATE DATABASE {Database} OWNER bench_owner");
    }

    /// <summary>
    /// Received over 700 days up to 2026-11-30 and closed 0–40 working days later, except a third of the last 60 days' cases
    /// (still open, some overdue); 1 in 8 replies late, 1 in 20 extended. Written as the superuser (no row-level security).
    /// </summary>
    public static async Task GenerateCasesAsync(string data)
    {
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
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
