using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Gongkai.Benchmarks.Platform;

/// <summary>
/// PostgreSQL's own rate of single-row durable inserts (pgbench, a scratch database on the platform's server): the
/// ceiling any registration, which writes an application and its outbox message in one commit, is compared with.
/// </summary>
internal static partial class Pgbench
{
    public static async Task<double> InsertsPerSecondAsync(string superuserConnectionString, int clients, TimeSpan duration)
    {
        var server = new NpgsqlConnectionStringBuilder(superuserConnectionString);
        await using (var connection = new NpgsqlConnection(superuserConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("DROP DATABASE IF EXISTS pgbench_baseline", connection).ExecuteNonQueryAsync();
            await new NpgsqlCommand("CREATE DATABASE pgbench_baseline", connection).ExecuteNonQueryAsync();
        }
        var scratch = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = "pgbench_baseline" };
        await using (var connection = new NpgsqlConnection(scratch.ConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand(
                "CREATE TABLE inserts (id bigserial PRIMARY KEY, tenant_id text NOT NULL, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
                connection).ExecuteNonQueryAsync();
        }
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, "INSERT INTO inserts (tenant_id, body) VALUES ('510116-dsj', repeat('申', 200));\n");
        try
        {
            var start = new ProcessStartInfo(Binary(), ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script,
                "-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username!, "pgbench_baseline"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PGPASSWORD"] = server.Password ?? "";
            using var pgbench = Process.Start(start)!;
            var output = await pgbench.StandardOutput.ReadToEndAsync();
            var errors = await pgbench.StandardError.ReadToEndAsync();
            await pgbench.WaitForExitAsync();
            var tps = TpsLine().Match(output);
            if (pgbench.ExitCode != 0 || !tps.Success)
                throw new InvalidOperationException($"pgbench failed ({pgbench.ExitCode}): {output}{errors}");
            return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Binary() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d).Select(d => Path.Combine(d, "bin", "pgbench")).LastOrDefault(File.Exists)
        ?? "pgbench";

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
