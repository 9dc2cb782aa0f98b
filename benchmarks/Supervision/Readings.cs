using System.Diagnostics;
using Gongkai.Publishing.Domain.Supervision;
using Gongkai.Publishing.Supervision;
using Npgsql;

namespace Gongkai.Benchmarks.Supervision;

/// <summary>The two ways of reading the district's figures that the benchmark compares, and the timer.</summary>
public sealed class Readings(IServiceScopeFactory scopes, string data, DateOnly today)
{
    public const int Runs = 7;

    public sealed record PlainTotals(long Received, long Closed, long Late, int? P90);

    /// <summary>What the supervisor's API does, less the unit names (Identity) and the audit records.</summary>
    public async Task<UnitIndicators> RollUpAsync(ReportingPeriod period)
    {
        var figures = await new DistrictScopes(scopes, TimeProvider.System).ReadEachAsync(BenchData.UnitCodes,
            unitDb => IndicatorQueries.ForUnitAsync(unitDb, unitDb.Tenant.Required, period, today, CancellationToken.None));
        return UnitIndicators.RollUp("district", "区", period.Code, figures);
    }

    /// <summary>The case figures of every unit and the district in one GROUP BY ROLLUP, as the superuser (no row-level security).</summary>
    public async Task<PlainTotals> PlainGroupByAsync(ReportingPeriod period)
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
        var total = new PlainTotals(0, 0, 0, null);
        while (await reader.ReadAsync())
            if (reader.IsDBNull(0)) // the ROLLUP's district row
                total = new(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(10) ? null : reader.GetInt32(10));
        return total;
    }

    /// <summary>The median of <see cref="Runs"/> timed runs after one warm-up (plans cached, pages in memory), and the last result.</summary>
    public static async Task<(double Median, T Result)> TimeAsync<T>(Func<Task<T>> run)
    {
        var result = await run();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            result = await run();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return (times.Order().ElementAt(Runs / 2), result);
    }
}
