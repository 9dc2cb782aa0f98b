using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Infrastructure;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Application> Applications => Set<Application>();

    public DbSet<ApplicationNumberCounter> NumberCounters => Set<ApplicationNumberCounter>();

    /// <summary>
    /// Takes the next number of this unit and year inside the caller's transaction: the upsert locks the
    /// counter row until commit, so concurrent registrations queue up, and a rollback gives the number back.
    /// </summary>
    public async Task<int> NextApplicationNumberAsync(int year, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbering must run inside the registration's transaction.");
        var values = await Database.SqlQuery<int>($"""
            INSERT INTO application_number_counters (tenant_id, year, last_value) VALUES ({Tenant.Required}, {year}, 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = application_number_counters.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return values.Single();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Application>(b =>
        {
            b.ToTable("applications");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.HasIndex(x => new { x.TenantId, x.Number }).IsUnique();
            b.Property(x => x.QueryCodeHash).HasColumnName("query_code_hash").HasMaxLength(64);
            b.Property(x => x.ApplicantName).HasColumnName("applicant_name").HasMaxLength(200);
            b.Property(x => x.Description).HasColumnName("description").HasMaxLength(4000);
            b.Property(x => x.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(40);
            b.Property(x => x.LegalReceiptDate).HasColumnName("legal_receipt_date");
            b.Property(x => x.RegisteredAt).HasColumnName("registered_at");
            b.Property(x => x.TraceId).HasColumnName("trace_id").HasMaxLength(32);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
        });
        modelBuilder.Entity<ApplicationNumberCounter>(b =>
        {
            b.ToTable("application_number_counters");
            b.HasKey(x => new { x.TenantId, x.Year });
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.LastValue).HasColumnName("last_value");
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class IntakeDbContextFactory : DesignTimeDbContextFactory<IntakeDbContext>;
