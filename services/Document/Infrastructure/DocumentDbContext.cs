using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Infrastructure;

public sealed class DocumentDbContext(DbContextOptions<DocumentDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<IssuedDocument> Documents => Set<IssuedDocument>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IssuedDocument>(b =>
        {
            b.ToTable("issued_documents");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.CaseId, x.Kind });
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(60);
            b.Property(x => x.Title).HasColumnName("title").HasMaxLength(200);
            b.Property(x => x.IssuedAt).HasColumnName("issued_at");
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class DocumentDbContextFactory : DesignTimeDbContextFactory<DocumentDbContext>;
