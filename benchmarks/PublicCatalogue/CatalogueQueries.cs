using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Gongkai.Publishing.Domain.Catalogue;
using Npgsql;

namespace Gongkai.Benchmarks;

/// <summary>
/// What a portal visitor does, timed through the gateway (anonymous, one request at a time, whole answer read), and each
/// keyword search also straight on PostgreSQL twice: as the service's bigram query and as a plain ILIKE scan of the same
/// normalised text. Both SQL forms must find the same number of items, which is checked on every sample.
/// </summary>
internal static class CatalogueQueries
{
    private const int Warmup = 10;

    public static async Task<Report> RunAsync(Uri gateway, string connectionString, SyntheticCatalogue catalogue, int samples)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var districts = SyntheticCatalogue.Units.Where(u => u.Parent is null).Select(u => u.Code).ToList();
        var townships = SyntheticCatalogue.Units.Where(u => u.Parent is not null).Select(u => u.Code).ToList();
        var vocabulary = SyntheticCatalogue.Vocabulary;
        var report = new Report();

        async Task List(string name, Func<string> path)
        {
            var timings = new List<double>();
            var totals = new List<int>();
            for (var i = 0; i < Warmup + samples; i++)
            {
                var (elapsed, total) = await GetAsync(http, path());
                if (i >= Warmup)
                {
                    timings.Add(elapsed);
                    totals.Add(total);
                }
            }
            report.Add(new ListResult(name, Stats.Of(timings), totals.Average()));
        }

        await List("乡镇列表 第1页", () => $"/api/publishing/public/{catalogue.Pick(townships)}/items");
        await List("区级门户列表 第1页（本级+9个街道）", () => $"/api/publishing/public/{catalogue.Pick(districts)}/items");
        await List("区级 主题分类+年份", () =>
            $"/api/publishing/public/{catalogue.Pick(districts)}/items?subject={catalogue.Pick(SubjectClasses.TopLevel).Code}&year={2019 + catalogue.Next(8)}");
        await List("区级 体裁+有效性+领域", () =>
            $"/api/publishing/public/{catalogue.Pick(districts)}/items?genre={catalogue.Pick(Enum.GetValues<Genre>())}&validity=Valid&domain={catalogue.Pick(GrassrootsDomains.All).Code}");
        await List("区级 第50页", () => $"/api/publishing/public/{catalogue.Pick(districts)}/items?page=50");

        async Task Search(string name, Func<string> query)
        {
            var gatewayTimings = new List<double>();
            var bigramTimings = new List<double>();
            var ilikeTimings = new List<double>();
            var totals = new List<int>();
            for (var i = 0; i < Warmup + samples; i++)
            {
                var (unit, q) = (catalogue.Pick(districts), query());
                var (elapsed, total) = await GetAsync(http, $"/api/publishing/public/{unit}/items?q={Uri.EscapeDataString(q)}");
                if (i < Warmup)
                    continue;
                gatewayTimings.Add(elapsed);
                totals.Add(total);
                // The scan takes seconds on a million rows: every tenth sample is enough for its percentiles.
                if (i % 10 != 0)
                    continue;
                var (bigramElapsed, bigramTotal) = await SqlAsync(connection, unit, q, ilike: false);
                var (ilikeElapsed, ilikeTotal) = await SqlAsync(connection, unit, q, ilike: true);
                if (bigramTotal != ilikeTotal || bigramTotal != total)
                    throw new InvalidOperationException($"'{q}' in {unit}: gateway {total}, bigram {bigramTotal}, ILIKE {ilikeTotal} items");
                bigramTimings.Add(bigramElapsed);
                ilikeTimings.Add(ilikeElapsed);
            }
            report.Add(new SearchResult(name, Stats.Of(gatewayTimings), Stats.Of(bigramTimings), Stats.Of(ilikeTimings), totals.Average()));
        }

        await Search("常用词（词频前10，2字）", () => vocabulary[catalogue.Next(10)]);
        await Search("一般词（词频第30–80，2字）", () => vocabulary[30 + catalogue.Next(50)]);
        await Search("少见词（词频第150位以后，2字）", () => vocabulary[150 + catalogue.Next(vocabulary.Length - 150)]);
        await Search("地名+常用词（4–5字）", () => new[] { "东升", "九江", "金桥", "西航港" }[catalogue.Next(4)] + vocabulary[catalogue.Next(20)]);
        await Search("单字（无二元组，扫描）", () => new[] { "补", "审", "站", "河" }[catalogue.Next(4)]);
        return report;
    }

    private static async Task<(double Milliseconds, int Total)> GetAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        var total = JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
        return (watch.Elapsed.TotalMilliseconds, total);
    }

    /// <summary>The page and the count the service asks for, as one round trip, in the bigram form or as an ILIKE scan.</summary>
    private static async Task<(double Milliseconds, int Total)> SqlAsync(NpgsqlConnection connection, string unit, string q, bool ilike)
    {
        var normalized = ChineseSearchTerms.Normalize(q);
        var match = ilike
            ? "search_text ILIKE '%' || @q || '%'"
            : normalized.Length == 1 ? "strpos(search_text, @q) > 0" : "search_terms @> @terms AND strpos(search_text, @q) > 0";
        var filter = $"(unit_code = @unit OR parent_unit_code = @unit) AND {match}";
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT count(*) FROM public_items WHERE {filter}"),
                new NpgsqlBatchCommand($"SELECT item_id, title FROM public_items WHERE {filter} ORDER BY published_on DESC, index_number DESC LIMIT 20"),
            },
        };
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("unit", unit);
            command.Parameters.AddWithValue("q", normalized);
            command.Parameters.AddWithValue("terms", ChineseSearchTerms.Terms(normalized).ToArray());
        }
        var watch = Stopwatch.StartNew();
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
        }
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, total);
    }
}

internal sealed record Stats(int Count, double P50, double P95, double Max)
{
    public static Stats Of(List<double> values)
    {
        if (values.Count == 0)
            return new Stats(0, 0, 0, 0);
        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return new Stats(sorted.Count, At(0.50), At(0.95), sorted[^1]);
    }
}

internal sealed record ListResult(string Name, Stats Gateway, double AverageTotal);

internal sealed record SearchResult(string Name, Stats Gateway, Stats Bigram, Stats Ilike, double AverageTotal);

internal sealed class Report
{
    public const double TargetP95 = 50;

    public List<ListResult> Lists { get; } = [];
    public List<SearchResult> Searches { get; } = [];

    // Each figure is printed as soon as it is measured (a long run stopped early still says what it measured).
    public void Add(ListResult list)
    {
        Lists.Add(list);
        Console.WriteLine($"gateway  n={list.Gateway.Count} p50={list.Gateway.P50:F1} p95={list.Gateway.P95:F1} max={list.Gateway.Max:F1} ms, " +
            $"avg total {list.AverageTotal:N0}: {list.Name}{Mark(list.Gateway)}");
    }

    public void Add(SearchResult search)
    {
        Searches.Add(search);
        Console.WriteLine($"gateway  n={search.Gateway.Count} p50={search.Gateway.P50:F1} p95={search.Gateway.P95:F1} max={search.Gateway.Max:F1} ms, " +
            $"avg total {search.AverageTotal:N0}: 检索 {search.Name}{Mark(search.Gateway)}");
        Console.WriteLine($"  SQL    n={search.Bigram.Count} bigram p50={search.Bigram.P50:F1} p95={search.Bigram.P95:F1}, ILIKE p50={search.Ilike.P50:F1} " +
            $"p95={search.Ilike.P95:F1} ms, ILIKE/bigram p95 {search.Ilike.P95 / search.Bigram.P95:F1}");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Through the gateway (ms; target p95 ≤ {TargetP95}):");
        Console.WriteLine($"{"n",5} {"p50",8} {"p95",8} {"max",8} {"avg total",10}  query");
        foreach (var list in Lists)
            Console.WriteLine($"{list.Gateway.Count,5} {list.Gateway.P50,8:F1} {list.Gateway.P95,8:F1} {list.Gateway.Max,8:F1} {list.AverageTotal,10:N0}  {list.Name}{Mark(list.Gateway)}");
        foreach (var search in Searches)
            Console.WriteLine($"{search.Gateway.Count,5} {search.Gateway.P50,8:F1} {search.Gateway.P95,8:F1} {search.Gateway.Max,8:F1} {search.AverageTotal,10:N0}  检索 {search.Name}{Mark(search.Gateway)}");
        Console.WriteLine();
        Console.WriteLine("Keyword search straight on PostgreSQL, count + first page (ms), the bigram index against a plain ILIKE scan:");
        Console.WriteLine($"{"n",5} {"bigram p50",11} {"p95",8} {"ILIKE p50",10} {"p95",8} {"ILIKE/bigram p95",17}  query");
        foreach (var search in Searches)
            Console.WriteLine($"{search.Bigram.Count,5} {search.Bigram.P50,11:F1} {search.Bigram.P95,8:F1} {search.Ilike.P50,10:F1} {search.Ilike.P95,8:F1} {search.Ilike.P95 / search.Bigram.P95,17:F1}  {search.Name}");
    }

    private static string Mark(Stats stats) => stats.P95 <= TargetP95 ? "" : "  (over target)";
}
