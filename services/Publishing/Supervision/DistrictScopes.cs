using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Publishing.Infrastructure;

namespace Gongkai.Publishing.Supervision;

/// <summary>
/// The one way the district's supervision reads its units: each unit in its own tenant scope (row-level security still
/// binds every query to that unit), only units in the supervisor's token, and every read audited in the unit's own log.
/// </summary>
public sealed class DistrictScopes(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The units below the district that the token lets its holder supervise, in code order.</summary>
    public static IReadOnlyList<string> Supervised(ClaimsPrincipal user) =>
        [.. (user.FindFirstValue(GongkaiClaims.SupervisedUnits)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).Distinct().Order(StringComparer.Ordinal)];

    public static bool Supervises(ClaimsPrincipal user, string unit) => Supervised(user).Contains(unit);

    /// <summary>Reads each unit in its own scope, a few at a time (each read is a few indexed queries); results in the units' order.</summary>
    public async Task<List<T>> ReadEachAsync<T>(IEnumerable<string> units, Func<PublishingDbContext, Task<T>> read)
    {
        var list = units.ToList();
        var results = new T[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads }, async (i, _) =>
        {
            await using var scope = scopes.CreateTenantScope(list[i]);
            results[i] = await read(scope.ServiceProvider.GetRequiredService<PublishingDbContext>());
        });
        return [.. results];
    }

    /// <summary>Connections one district read holds at once: enough to overlap round trips, few enough to leave the pool to others.</summary>
    public const int ParallelReads = 4;

    /// <summary>Runs <paramref name="change"/> in the unit's scope and saves it there (a 通报's line, a spot-check item).</summary>
    public async Task<T> ChangeAsync<T>(string unit, Func<PublishingDbContext, Task<T>> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateTenantScope(unit);
        var unitDb = scope.ServiceProvider.GetRequiredService<PublishingDbContext>();
        var result = await change(unitDb);
        await unitDb.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Queues one audit record per unit read (through the district's outbox to Identity, into each unit's chain).</summary>
    public void Audit(PublishingDbContext districtDb, ClaimsPrincipal user, HttpContext http, IEnumerable<string> units, string action, string target, string detail)
    {
        var now = clock.GetUtcNow();
        foreach (var unit in units)
            districtDb.AddIntegrationEvent(new AuditableActionOccurred(unit, user.ActorName(), districtDb.Tenant.TenantId, action, target, detail,
                http.ClientAddress(), now));
    }
}
