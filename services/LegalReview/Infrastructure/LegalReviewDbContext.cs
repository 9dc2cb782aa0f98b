using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.LegalReview.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.LegalReview.Infrastructure;

public sealed class LegalReviewDbContext(DbContextOptions<LegalReviewDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReviewTask>(b =>
        {
            b.ToTable("review_tasks");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => x.CaseId);
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class LegalReviewDbContextFactory : DesignTimeDbContextFactory<LegalReviewDbContext>;
