using System.Text.Json;
using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.LegalReview.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongkai.LegalReview.Infrastructure;

public sealed class LegalReviewDbContext(DbContextOptions<LegalReviewDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewStep> Steps => Set<ReviewStep>();
    public DbSet<ReviewOpinion> Opinions => Set<ReviewOpinion>();
    public DbSet<ReviewPolicy> Policies => Set<ReviewPolicy>();
    public DbSet<ReviewingUnit> ReviewingUnits => Set<ReviewingUnit>();
    public DbSet<ReviewStepAlert> StepAlerts => Set<ReviewStepAlert>();

    public async Task<ReviewPolicy> PolicyAsync(CancellationToken ct) =>
        await Policies.AsNoTracking().SingleOrDefaultAsync(ct) ?? ReviewPolicy.Defaults(Tenant.Required);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Review>(b =>
        {
            b.ToTable("reviews");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.HasIndex(x => new { x.CaseId, x.Round }).IsUnique();
            b.Property(x => x.Subject).HasColumnName("subject").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
            b.Property(x => x.Round).HasColumnName("round");
            b.Property(x => x.ReplyType).HasColumnName("reply_type").HasMaxLength(60);
            b.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(60);
            b.Property(x => x.ReplyDue).HasColumnName("reply_due");
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.FinishedAt).HasColumnName("finished_at");
            b.Property<uint>("Version").IsRowVersion();
            b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.ReviewId);
            b.Navigation(x => x.Steps).HasField("_steps");
        });
        modelBuilder.Entity<ReviewStep>(b =>
        {
            b.ToTable("review_steps");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.ReviewId).HasColumnName("review_id");
            b.Property(x => x.Number).HasColumnName("number");
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Role).HasColumnName("role").HasMaxLength(40);
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.StartedAt).HasColumnName("started_at");
            b.Property(x => x.OpinionId).HasColumnName("opinion_id");
            b.HasIndex(x => new { x.TenantId, x.State, x.Role });
        });
        modelBuilder.Entity<ReviewOpinion>(b =>
        {
            b.ToTable("review_opinions");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.ReviewId).HasColumnName("review_id");
            b.HasIndex(x => x.ReviewId);
            b.Property(x => x.StepNumber).HasColumnName("step_number");
            b.Property(x => x.StepKind).HasColumnName("step_kind").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Verdict).HasColumnName("verdict").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Text).HasColumnName("text").HasMaxLength(4000);
            b.Property(x => x.Checklist).HasColumnName("checklist").HasColumnType("jsonb").HasConversion(
                d => JsonSerializer.Serialize(d, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<Dictionary<string, ChecklistAnswer>>(s, (JsonSerializerOptions?)null)!,
                new ValueComparer<Dictionary<string, ChecklistAnswer>>((a, c) => ReferenceEquals(a, c), d => d.GetHashCode(), d => d));
            b.Property(x => x.ReviewerId).HasColumnName("reviewer_id").HasMaxLength(64);
            b.Property(x => x.ReviewerName).HasColumnName("reviewer_name").HasMaxLength(100);
            b.Property(x => x.At).HasColumnName("at");
        });
        modelBuilder.Entity<ReviewPolicy>(b =>
        {
            b.ToTable("review_policies");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.LegalityForEveryReply).HasColumnName("legality_for_every_reply");
            b.Property(x => x.LegalityForRefusals).HasColumnName("legality_for_refusals");
            b.Property(x => x.ConfidentialityWhenThirdParty).HasColumnName("confidentiality_when_third_party");
            b.Property(x => x.ConfidentialityForEveryReply).HasColumnName("confidentiality_for_every_reply");
            b.Property(x => x.ConfidentialityForPublications).HasColumnName("confidentiality_for_publications");
            b.Property(x => x.LegalityForPublications).HasColumnName("legality_for_publications");
            b.Property(x => x.StepAlertWorkingDays).HasColumnName("step_alert_working_days");
        });
        modelBuilder.Entity<ReviewingUnit>(b =>
        {
            b.ToTable("reviewing_units");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            b.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
        });
        modelBuilder.Entity<ReviewStepAlert>(b =>
        {
            b.ToTable("review_step_alerts");
            b.HasKey(x => x.StepId);
            b.Property(x => x.StepId).HasColumnName("step_id").ValueGeneratedNever();
            b.Property(x => x.ReviewId).HasColumnName("review_id");
            b.Property(x => x.WaitingWorkingDays).HasColumnName("waiting_working_days");
            b.Property(x => x.RaisedAt).HasColumnName("raised_at");
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class LegalReviewDbContextFactory : DesignTimeDbContextFactory<LegalReviewDbContext>;
