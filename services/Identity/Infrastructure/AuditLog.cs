using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Infrastructure;

/// <summary>Appends to a unit's audit chain. Appends of one unit are serialised so the chain never forks.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock)
{
    public sealed record Entry(string TenantId, string Actor, string? ActorTenantId, string Action, string Target, string? Detail, string? SourceAddress, DateTimeOffset? At = null);

    /// <summary>Appends in its own transaction, under the entry's unit.</summary>
    public async Task AppendAsync(Entry entry, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateTenantScope(entry.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AppendAsync(db, entry, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Adds the entry to <paramref name="db"/>, whose open transaction the caller commits with its own changes.</summary>
    public async Task AppendAsync(IdentityDbContext db, Entry entry, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit appends need a transaction: the lock that orders the chain lasts until commit.");
        // One lock per unit: concurrent appends queue instead of both linking to the same previous entry.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"audit:" + entry.TenantId}))", ct);
        var previous = await db.AuditEntries.Where(e => e.TenantId == entry.TenantId)
            .OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? AuditChain.Genesis;
        var audit = new AuditEntry
        {
            TenantId = entry.TenantId,
            At = entry.At ?? clock.GetUtcNow(),
            Actor = entry.Actor,
            ActorTenantId = entry.ActorTenantId,
            Action = entry.Action,
            Target = entry.Target,
            Detail = entry.Detail,
            SourceAddress = entry.SourceAddress,
            PreviousHash = previous,
        };
        audit.Hash = AuditChain.ComputeHash(audit);
        db.AuditEntries.Add(audit);
    }
}
