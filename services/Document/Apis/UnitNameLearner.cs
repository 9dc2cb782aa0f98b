using System.Collections.Concurrent;
using System.Security.Claims;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>
/// Remembers the unit's name as Identity wrote it into staff tokens, so letters carry the real name before an
/// admin sets the letterhead (Document has no other source for it). Writes only when the name is new to this process.
/// </summary>
public sealed class UnitNameLearner
{
    private readonly ConcurrentDictionary<string, string> _known = new();

    public async Task LearnAsync(DocumentDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var name = user.FindFirstValue(GongkaiClaims.UnitName)?.Trim();
        if (!db.Tenant.HasTenant || string.IsNullOrEmpty(name) || name.Length > 100)
            return;
        var tenant = db.Tenant.Required;
        if (_known.TryGetValue(tenant, out var known) && known == name)
            return;
        var settings = await db.Settings.SingleOrDefaultAsync(ct);
        if (settings is null)
            db.Settings.Add(settings = new UnitSettings { IdentityUnitName = name, Revision = 1 });
        else if (settings.IdentityUnitName != name)
        {
            settings.IdentityUnitName = name;
            settings.Revision++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request learned or changed it at the same moment; the next request tries again.
            db.ChangeTracker.Clear();
            return;
        }
        _known[tenant] = name;
    }
}

public static class UnitNameLearnerExtensions
{
    public static RouteGroupBuilder LearnUnitName(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var services = context.HttpContext.RequestServices;
            await services.GetRequiredService<UnitNameLearner>().LearnAsync(services.GetRequiredService<DocumentDbContext>(),
                context.HttpContext.User, context.HttpContext.RequestAborted);
            return await next(context);
        });
}
