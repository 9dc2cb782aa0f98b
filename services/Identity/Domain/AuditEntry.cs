using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Identity.Domain;

/// <summary>
/// One append-only audit record. Each unit has its own chain: every entry stores the hash of the entry
/// before it, so editing or deleting a stored row breaks verification at that row.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public long Sequence { get; init; }
    public string TenantId { get; set; } = "";
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public string? ActorTenantId { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public string? Detail { get; init; }
    public string? SourceAddress { get; init; }
    public required string PreviousHash { get; init; }
    public string Hash { get; set; } = "";
}

public static class AuditChain
{
    /// <summary>The hash before a unit's first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEntry entry)
    {
        // Fields joined with a separator that cannot occur in them; time in UTC microseconds, PostgreSQL's precision.
        var canonical = string.Join('\u001f',
            entry.PreviousHash, entry.TenantId, (entry.At.UtcTicks / 10).ToString(CultureInfo.InvariantCulture), entry.Actor,
            entry.ActorTenantId ?? "", entry.Action, entry.Target, entry.Detail ?? "", entry.SourceAddress ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }

    /// <summary>The first entry (in chain order) whose link or hash is wrong, or null when the chain is intact.</summary>
    public static AuditEntry? FirstBroken(IEnumerable<AuditEntry> chainInOrder)
    {
        var previous = Genesis;
        foreach (var entry in chainInOrder)
        {
            if (entry.PreviousHash != previous || ComputeHash(entry) != entry.Hash)
                return entry;
            previous = entry.Hash;
        }
        return null;
    }
}
