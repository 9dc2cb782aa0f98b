using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gongkai.BuildingBlocks.ServiceCalls;

/// <summary>
/// A unit as Identity's unit tree has it (name, parent), read with this service's own identity and at most once every
/// few minutes per unit: services keep what they need of it in their own settings, so their work goes on while
/// Identity is briefly away. Never taken from a staff token, which could carry a name no one checked.
/// </summary>
public sealed class IdentityUnits(InternalServiceClient identity, TimeProvider clock, ILogger<IdentityUnits> logger)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, DateTimeOffset> CheckedAt = new();

    public sealed record Unit(string Code, string Name, string? ParentCode, string? Kind = null);

    /// <summary>
    /// The unit, unless it was stored lately (<see cref="Stored"/>) or Identity cannot answer now: null then, and the
    /// caller keeps what it has.
    /// </summary>
    public async Task<Unit?> ReadIfStaleAsync(string tenant, CancellationToken ct)
    {
        if (CheckedAt.TryGetValue(tenant, out var at) && clock.GetUtcNow() - at < Fresh)
            return null;
        try
        {
            return await identity.GetAsync<Unit>("identity", $"/internal/identity/units/{Uri.EscapeDataString(tenant)}", tenant, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not read unit {Tenant} from Identity: {Message}", tenant, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The unit as Identity has it now, or null when Identity knows no such unit; throws when Identity cannot answer (the
    /// caller must not take that for "unknown").
    /// </summary>
    public async Task<Unit?> FindAsync(string code, CancellationToken ct)
    {
        try
        {
            return await identity.GetAsync<Unit>("identity", $"/internal/identity/units/{Uri.EscapeDataString(code)}", code, ct);
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The caller has stored what it read: no need to ask Identity again for a few minutes.</summary>
    public void Stored(string tenant) => CheckedAt[tenant] = clock.GetUtcNow();
}
