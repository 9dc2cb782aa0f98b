using Gongkai.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gongkai.BuildingBlocks.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service.</summary>
public abstract class DesignTimeDbContextFactory<TDbContext> : IDesignTimeDbContextFactory<TDbContext>
    where TDbContext : ServiceDbContext
{
    public TDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TDbContext>().UseNpgsql("Host=localhost;Database=design").Options;
        return (TDbContext)Activator.CreateInstance(typeof(TDbContext), options, new TenantContext())!;
    }
}
