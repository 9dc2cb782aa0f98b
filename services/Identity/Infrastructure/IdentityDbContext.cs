using Gongkai.BuildingBlocks.Persistence;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Infrastructure;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, TenantContext tenant) : ServiceDbContext(options, tenant)
{
    // Units and signing keys are platform data (no tenant); users, refresh tokens and audit are per unit (RLS).
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<StaffUser> Users => Set<StaffUser>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Unit>(b =>
        {
            b.ToTable("units");
            b.HasKey(x => x.Code);
            b.Property(x => x.Code).HasColumnName("code").HasMaxLength(64);
            b.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            b.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.ParentCode).HasColumnName("parent_code").HasMaxLength(64);
            b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<SigningKey>(b =>
        {
            b.ToTable("signing_keys");
            b.HasKey(x => x.KeyId);
            b.Property(x => x.KeyId).HasColumnName("key_id").HasMaxLength(64);
            b.Property(x => x.PrivateKeyPem).HasColumnName("private_key_pem");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.RetiredAt).HasColumnName("retired_at");
        });
        modelBuilder.Entity<StaffUser>(b =>
        {
            b.ToTable("users");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.UserName).HasColumnName("user_name").HasMaxLength(64);
            b.HasIndex(x => new { x.TenantId, x.UserName }).IsUnique();
            b.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(100);
            b.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(200);
            b.Property(x => x.Roles).HasColumnName("roles");
            b.Property(x => x.FailedSignIns).HasColumnName("failed_sign_ins");
            b.Property(x => x.LockedUntil).HasColumnName("locked_until");
            b.Property(x => x.Disabled).HasColumnName("disabled");
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<RefreshToken>(b =>
        {
            b.ToTable("refresh_tokens");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.UserId).HasColumnName("user_id");
            b.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            b.HasIndex(x => x.TokenHash).IsUnique();
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            b.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        });
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_entries");
            b.HasKey(x => x.Sequence);
            b.Property(x => x.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            b.HasIndex(x => new { x.TenantId, x.Sequence });
            b.Property(x => x.At).HasColumnName("at");
            b.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200);
            b.Property(x => x.ActorTenantId).HasColumnName("actor_tenant_id").HasMaxLength(64);
            b.Property(x => x.Action).HasColumnName("action").HasMaxLength(100);
            b.Property(x => x.Target).HasColumnName("target").HasMaxLength(300);
            b.Property(x => x.Detail).HasColumnName("detail").HasMaxLength(2000);
            b.Property(x => x.SourceAddress).HasColumnName("source_address").HasMaxLength(64);
            b.Property(x => x.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64);
            b.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64);
        });
        base.OnModelCreating(modelBuilder);
    }
}

public sealed class IdentityDbContextFactory : DesignTimeDbContextFactory<IdentityDbContext>;
