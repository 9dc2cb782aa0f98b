using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongkai.Workflow.Infrastructure;

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<TenantSettings> Settings => Set<TenantSettings>();
    public DbSet<KnownTenant> KnownTenants => Set<KnownTenant>();
    public DbSet<CaseAlert> Alerts => Set<CaseAlert>();
    public DbSet<StoredHolidaySchedule> HolidaySchedules => Set<StoredHolidaySchedule>();

    public async Task<TenantSettings> SettingsAsync(CancellationToken ct) =>
        await Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? TenantSettings.Defaults(Tenant.Required);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Case>(b =>
        {
            b.ToTable("cases");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.ApplicationId).HasColumnName("application_id");
            b.HasIndex(x => x.ApplicationId).IsUnique();
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.ApplicantName).HasColumnName("applicant_name").HasMaxLength(200);
            b.Property(x => x.OpenedAt).HasColumnName("opened_at");
            // Compared by content: the lifecycle is changed in place, so reference equality would miss changes.
            b.Property(x => x.Lifecycle).HasColumnName("lifecycle").HasColumnType("jsonb")
                .HasConversion(l => LifecycleJson.Serialize(l), s => LifecycleJson.Deserialize(s),
                    new ValueComparer<CaseLifecycle>(
                        (a, c) => a != null && c != null && LifecycleJson.Serialize(a) == LifecycleJson.Serialize(c),
                        l => LifecycleJson.Serialize(l).GetHashCode(),
                        l => LifecycleJson.Deserialize(LifecycleJson.Serialize(l))));
            b.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.ReceivedOn).HasColumnName("received_on");
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
            b.Property(x => x.ReplyDueProvisional).HasColumnName("reply_due_provisional");
            b.Property(x => x.ClockPaused).HasColumnName("clock_paused");
            b.Property(x => x.ClosedOn).HasColumnName("closed_on");
            b.Property(x => x.HandlerId).HasColumnName("handler_id").HasMaxLength(64);
            b.Property(x => x.HandlerName).HasColumnName("handler_name").HasMaxLength(100);
            b.HasIndex(x => new { x.TenantId, x.Status, x.ReplyDue });
            // Two people (or two instances) acting on one case at once: the second write fails instead of overwriting.
            b.Property<uint>("Version").IsRowVersion();
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
            b.Property(x => x.Description).HasColumnName("description").HasMaxLength(CaseEvent.MaxTextLength);
            b.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(CaseEvent.MaxTextLength);
            b.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(100);
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        });
        modelBuilder.Entity<TenantSettings>(b =>
        {
            b.ToTable("tenant_settings");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.CountStartDay).HasColumnName("count_start_day");
            b.Property(x => x.DueSoonWorkingDays).HasColumnName("due_soon_working_days");
        });
        modelBuilder.Entity<KnownTenant>(b =>
        {
            b.ToTable("known_tenants");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            b.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        });
        modelBuilder.Entity<CaseAlert>(b =>
        {
            b.ToTable("case_alerts");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Deadline).HasColumnName("deadline");
            b.Property(x => x.RaisedAt).HasColumnName("raised_at");
            b.HasIndex(x => new { x.CaseId, x.Kind, x.Deadline }).IsUnique();
        });
        modelBuilder.Entity<StoredHolidaySchedule>(b =>
        {
            b.ToTable("holiday_schedules");
            b.HasKey(x => x.Year);
            b.Property(x => x.Year).HasColumnName("year").ValueGeneratedNever();
            b.Property(x => x.Json).HasColumnName("schedule").HasColumnType("jsonb");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class WorkflowDbContextFactory : DesignTimeDbContextFactory<WorkflowDbContext>;
