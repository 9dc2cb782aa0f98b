using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Publishing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Publishing.Infrastructure;

public sealed class PublishingDbContext(DbContextOptions<PublishingDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<CountedApplication> CountedApplications => Set<CountedApplication>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CountedApplication>(b =>
        {
            b.ToTable("counted_applications");
            b.HasKey(x => x.CaseId);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.Year).HasColumnName("year");
            b.HasIndex(x => new { x.TenantId, x.Year });
            b.Property(x => x.ReceivedOn).HasColumnName("received_on");
            b.Property(x => x.CountedAt).HasColumnName("counted_at");
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class PublishingDbContextFactory : DesignTimeDbContextFactory<PublishingDbContext>;
