using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Workflow.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Infrastructure;

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(b =>
        {
            b.ToTable("cases");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.HasIndex(x => x.ApplicationId).IsUnique();
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ReceivedOn).HasColumnName("received_on");
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
            b.Property(x => x.ReplyDueProvisional).HasColumnName("reply_due_provisional");
            b.Property(x => x.OpenedAt).HasColumnName("opened_at");
            b.HasMany(x => x.Timeline).WithOne().HasForeignKey(e => e.CaseId);
            b.Navigation(x => x.Timeline).HasField("_timeline");
        });
        modelBuilder.Entity<CaseEvent>(b =>
        {
            b.ToTable("case_events");
            b.HasKey(x => x.Id);
            // Ids are made in the domain; without this, EF takes a new timeline entry for an existing row.
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.At).HasColumnName("at");
            b.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(60);
            b.Property(x => x.Description).HasColumnName("description").HasMaxLength(1000);
            b.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(100);
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class WorkflowDbContextFactory : DesignTimeDbContextFactory<WorkflowDbContext>;
