using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.Publishing.Infrastructure;
using Npgsql;

namespace Gongkai.Benchmarks.Supervision;

public static class Extensions
{
    /// <summary>
    /// Publishing's database as the service registers it (application role under row-level security, owner for migrations),
    /// on the benchmark's own database, migrated before it returns.
    /// </summary>
    public static async Task<IHost> StartPublishingDatabaseAsync(string superuser)
    {
        string As(string user) => new NpgsqlConnectionStringBuilder(superuser) { Username = user, Password = "bench", Database = BenchData.Database }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:publishingdb"] = As("bench_app");
        builder.Configuration["ConnectionStrings:publishingdb-admin"] = As("bench_owner");
        builder.AddServiceDatabase<PublishingDbContext>("publishingdb");
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator<PublishingDbContext>>().StartAsync(CancellationToken.None);
        return host;
    }
}
