// Public catalogue benchmark: a million published items across 50 units (5 districts, each with 9 townships) written into
// the real platform's public_items, then the portal's filtered lists and keyword searches through the gateway (p50/p95),
// and the same searches as the bigram query and as a plain ILIKE scan straight on PostgreSQL, measured in the same run.
// Run on purpose, on an idle machine, after a build (takes ≈15–25 minutes and a few GB under /tmp):
//   dotnet run --project benchmarks/PublicCatalogue [-- --items 1000000 --samples 200]
using Gongkai.Benchmarks;

var items = Arguments.Int(args, "--items", 1_000_000);
var samples = Arguments.Int(args, "--samples", 200);

await using var platform = await BenchmarkPlatform.StartAsync();
Console.WriteLine($"Platform healthy; gateway {platform.Gateway}.");

var catalogue = new SyntheticCatalogue(seed: 20261130);
var seeding = System.Diagnostics.Stopwatch.StartNew();
await CatalogueSeeder.SeedAsync(platform.PublishingAdminConnectionString, catalogue, items);
Console.WriteLine($"Seeded {items:N0} items across {SyntheticCatalogue.Units.Count} units in {seeding.Elapsed.TotalMinutes:F1} min (indexes rebuilt, analysed).");

var report = await CatalogueQueries.RunAsync(platform.Gateway, platform.PublishingAdminConnectionString, catalogue, samples);
report.Print();

internal static class Arguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
    }
}
