using System.Diagnostics;
using System.Linq.Expressions;
using System.Text.Json;
using Gongkai.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.BuildingBlocks.Persistence;

/// <summary>
/// Base of every service's DbContext: outbox and inbox tables, tenant query filters on every
/// <see cref="ITenantOwned"/> entity, and the tenant stamped on new rows.
/// Row-level security in PostgreSQL enforces the same rule underneath (see TenantConnectionInterceptor).
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, TenantContext tenant) : DbContext(options)
{
    internal static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public TenantContext Tenant { get; } = tenant;

    // EF Core parameterises this per query, so one compiled model serves every tenant.
    internal string? CurrentTenantId => Tenant.TenantId;

    /// <summary>Queues an integration event in the outbox; it is saved by the next SaveChanges.</summary>
    public void AddIntegrationEvent<TEvent>(TEvent integrationEvent) where TEvent : class
    {
        OutboxMessages.Add(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            TenantId = Tenant.TenantId,
            MessageType = typeof(TEvent).FullName!,
            Body = JsonSerializer.Serialize(integrationEvent, EventJson),
            TraceParent = Activity.Current?.Id,
            CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(x => x.Sequence);
            b.Property(x => x.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            b.Property(x => x.MessageId).HasColumnName("message_id");
            b.HasIndex(x => x.MessageId).IsUnique();
            b.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64);
            b.Property(x => x.MessageType).HasColumnName("message_type").HasMaxLength(300);
            b.Property(x => x.Body).HasColumnName("body").HasColumnType("jsonb");
            b.Property(x => x.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            b.Property(x => x.CreatedAt).HasColumnName("created_at");
            b.Property(x => x.SentAt).HasColumnName("sent_at");
            b.Property(x => x.Attempts).HasColumnName("attempts");
            b.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // The relay's query: unsent rows in creation order.
            b.HasIndex(x => x.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("inbox_messages");
            b.HasKey(x => new { x.MessageId, x.Consumer });
            b.Property(x => x.MessageId).HasColumnName("message_id");
            b.Property(x => x.Consumer).HasColumnName("consumer").HasMaxLength(200);
            b.Property(x => x.ProcessedAt).HasColumnName("processed_at");
        });

        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            modelBuilder.Entity(entityType.ClrType).Property(nameof(ITenantOwned.TenantId)).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter(entityType.ClrType));
        }
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        // e => e.TenantId == this.CurrentTenantId
        var entity = Expression.Parameter(entityType, "e");
        var tenantOfRow = Expression.Property(entity, nameof(ITenantOwned.TenantId));
        var tenantOfScope = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantOfRow, tenantOfScope), entity);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.TenantId))
                entry.Entity.TenantId = Tenant.Required;
            else if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity.TenantId != Tenant.TenantId)
                throw new InvalidOperationException("A row of another tenant cannot be written in this scope.");
        }
    }
}
