using System.Text.Json;
using Gongkai.Publishing.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongkai.Publishing.Infrastructure;

/// <summary>The district supervision's tables: cases as counted, settings, 通报 and each unit's line of them, spot checks.</summary>
internal static class SupervisionModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SupervisedCase>(b =>
        {
            b.ToTable("supervised_cases");
            b.HasKey(x => x.CaseId);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(64);
            b.Property(x => x.Revision).HasColumnName("revision");
            b.Property(x => x.ReceivedOn).HasColumnName("received_on");
            b.Property(x => x.ClosedOn).HasColumnName("closed_on");
            b.Property(x => x.DueOn).HasColumnName("due_on");
            b.Property(x => x.RepliedOn).HasColumnName("replied_on");
            b.Property(x => x.Late).HasColumnName("late");
            b.Property(x => x.WorkingDays).HasColumnName("working_days");
            b.Property(x => x.Extended).HasColumnName("extended");
            b.Property(x => x.CorrectionsRequested).HasColumnName("corrections_requested");
            b.Property(x => x.ReviewReturns).HasColumnName("review_returns");
            b.Property(x => x.DomainCode).HasColumnName("domain_code").HasMaxLength(8);
            b.Property(x => x.DomainConfirmed).HasColumnName("domain_confirmed");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            // Every indicator reads one unit's cases received, closed (an index-only scan of what is counted) or due in a date range.
            b.HasIndex(x => new { x.TenantId, x.ReceivedOn });
            b.HasIndex(x => new { x.TenantId, x.ClosedOn })
                .IncludeProperties(x => new { x.Late, x.WorkingDays, x.Extended, x.CorrectionsRequested, x.ReviewReturns });
            b.HasIndex(x => new { x.TenantId, x.DueOn });
        });

        modelBuilder.Entity<SupervisionSettings>(b =>
        {
            b.ToTable("supervision_settings");
            b.HasKey(x => x.TenantId);
            b.Property(x => x.Rules).Jsonb("rules");
            b.Property(x => x.Checklist).Jsonb("checklist");
            b.Property(x => x.MinimumPublicCount).HasColumnName("minimum_public_count");
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            b.Property(x => x.UpdatedBy).HasColumnName("updated_by").HasMaxLength(100);
        });

        modelBuilder.Entity<Bulletin>(b =>
        {
            b.ToTable("bulletins");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Period).HasColumnName("period").HasMaxLength(10);
            // One 通报 per district and period: a second draft for the period is the first one refreshed.
            b.HasIndex(x => new { x.TenantId, x.Period }).IsUnique();
            b.Property(x => x.PeriodLabel).HasColumnName("period_label").HasMaxLength(40);
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.DistrictName).HasColumnName("district_name").HasMaxLength(200);
            b.Property(x => x.Rules).Jsonb("rules");
            b.Property(x => x.Entries).Jsonb("entries");
            b.Property(x => x.DistrictFigures!).Jsonb("district_figures");
            b.Property(x => x.Remarks).HasColumnName("remarks").HasMaxLength(Bulletin.MaxRemarkLength);
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
            b.Property(x => x.PublishedBy).HasColumnName("published_by").HasMaxLength(100);
            b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            b.Property(x => x.PdfSha256).HasColumnName("pdf_sha256").HasMaxLength(64);
            b.Property(x => x.DocxSha256).HasColumnName("docx_sha256").HasMaxLength(64);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<BulletinStanding>(b =>
        {
            b.ToTable("bulletin_standings");
            b.HasKey(x => new { x.BulletinId, x.TenantId });
            b.Property(x => x.BulletinId).HasColumnName("bulletin_id");
            b.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(64);
            b.Property(x => x.Number).HasColumnName("number").HasMaxLength(100);
            b.Property(x => x.Period).HasColumnName("period").HasMaxLength(10);
            b.Property(x => x.PeriodLabel).HasColumnName("period_label").HasMaxLength(40);
            b.Property(x => x.UnitsRanked).HasColumnName("units_ranked");
            b.Property(x => x.Entry).Jsonb("entry");
            b.Property(x => x.PublishedOn).HasColumnName("published_on");
        });

        modelBuilder.Entity<PublicHeatMap>(b =>
        {
            b.ToTable("public_heat_maps");
            b.HasKey(x => new { x.DistrictCode, x.Year });
            b.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(64);
            b.Property(x => x.Year).HasColumnName("year");
            b.Property(x => x.DistrictName).HasColumnName("district_name").HasMaxLength(200);
            b.Property(x => x.MinimumCount).HasColumnName("minimum_count");
            b.Property(x => x.Cells).Jsonb("cells");
            b.Property(x => x.UnitNames).Jsonb("unit_names");
            b.Property(x => x.PublishedAt).HasColumnName("published_at");
        });

        modelBuilder.Entity<SpotCheck>(b =>
        {
            b.ToTable("spot_checks");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.Period).HasColumnName("period").HasMaxLength(10);
            b.Property(x => x.PeriodLabel).HasColumnName("period_label").HasMaxLength(40);
            b.Property(x => x.PerUnit).HasColumnName("per_unit");
            b.Property(x => x.Units).Jsonb("units");
            b.Property(x => x.Drawn).HasColumnName("drawn");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(100);
        });

        modelBuilder.Entity<SpotCheckItem>(b =>
        {
            b.ToTable("spot_check_items");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id");
            b.Property(x => x.SpotCheckId).HasColumnName("spot_check_id");
            b.HasIndex(x => new { x.TenantId, x.SpotCheckId });
            b.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(64);
            b.Property(x => x.Period).HasColumnName("period").HasMaxLength(10);
            b.Property(x => x.CaseId).HasColumnName("case_id");
            b.Property(x => x.CaseNumber).HasColumnName("case_number").HasMaxLength(64);
            b.Property(x => x.ClosedOn).HasColumnName("closed_on");
            b.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Answers).Jsonb("answers");
            b.Property(x => x.Findings).HasColumnName("findings").HasMaxLength(SpotCheckItem.MaxTextLength);
            b.Property(x => x.ReviewedAt).HasColumnName("reviewed_at");
            b.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(100);
            b.Property(x => x.Rectification).HasColumnName("rectification").HasMaxLength(SpotCheckItem.MaxTextLength);
            b.Property(x => x.RectifiedAt).HasColumnName("rectified_at");
            b.Property(x => x.RectifiedBy).HasColumnName("rectified_by").HasMaxLength(100);
        });
    }

    /// <summary>A value kept whole as readable jsonb, compared by its JSON so in-place changes are saved.</summary>
    private static PropertyBuilder<T> Jsonb<T>(this PropertyBuilder<T> property, string column) where T : class =>
        property.HasColumnName(column).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, PublishingDbContext.Json),
            s => JsonSerializer.Deserialize<T>(s, PublishingDbContext.Json)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, PublishingDbContext.Json) == JsonSerializer.Serialize(b, PublishingDbContext.Json),
                v => JsonSerializer.Serialize(v, PublishingDbContext.Json).GetHashCode(),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, PublishingDbContext.Json), PublishingDbContext.Json)!));
}
