using Gongkai.BuildingBlocks;
using System.Security.Claims;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Gongkai.Identity.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Apis;

public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        // Unit admins read their unit's log (a district's admin also the units below); supervisors their subtree's.
        var api = app.MapGroup("/api/identity/audit")
            .RequireAuthorization(p => p.RequireRole(StaffRoles.UnitAdmin, StaffRoles.DistrictSupervisor, StaffRoles.PlatformAdmin));
        api.MapGet("/{unit}", ReadLog);
        api.MapGet("/{unit}/verification", VerifyChain);
        app.MapPost("/api/identity/signing-keys/rotation", RotateKeys).RequireAuthorization(p => p.RequireRole(StaffRoles.PlatformAdmin));
        return api;
    }

    public sealed record AuditView(long Sequence, DateTimeOffset At, string Actor, string? ActorUnit, string Action, string Target, string? Detail, string? SourceAddress, string Hash);

    public sealed record ChainVerification(string Unit, int Entries, bool Intact, long? FirstBrokenSequence, string Message);

    private static async Task<IResult> ReadLog(string unit, int? take, ClaimsPrincipal user, IdentityDbContext db, IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (await UnitsApi.AdministeredUnitAsync(unit, user, db, allowSupervisor: true, ct) is null)
            return TypedResults.Problem(title: "单位不存在", statusCode: StatusCodes.Status404NotFound);
        await using var scope = scopes.CreateTenantScope(unit);
        var entries = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new AuditView(e.Sequence, e.At, e.Actor, e.ActorTenantId, e.Action, e.Target, e.Detail, e.SourceAddress, e.Hash)));
    }

    private static async Task<IResult> VerifyChain(string unit, ClaimsPrincipal user, IdentityDbContext db, IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (await UnitsApi.AdministeredUnitAsync(unit, user, db, allowSupervisor: true, ct) is null)
            return TypedResults.Problem(title: "单位不存在", statusCode: StatusCodes.Status404NotFound);
        await using var scope = scopes.CreateTenantScope(unit);
        var chain = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().AuditEntries.AsNoTracking()
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var broken = AuditChain.FirstBroken(chain);
        return TypedResults.Ok(new ChainVerification(unit, chain.Count, broken is null, broken?.Sequence,
            broken is null ? "审计日志完整，未发现篡改。" : $"审计日志在第 {broken.Sequence} 条记录处校验失败，可能已被篡改。"));
    }

    private static async Task<IResult> RotateKeys(SigningKeyStore keys, ClaimsPrincipal user, HttpContext http, AuditLog audit, CancellationToken ct)
    {
        var (keyId, signsFrom) = await keys.RotateAsync(ct);
        var own = user.FindFirstValue(GongkaiClaims.Tenant)!;
        await audit.AppendAsync(new(own, user.ActorName(), own, "signing-key-rotated", $"key:{keyId}", null, http.ClientAddress()), ct);
        return TypedResults.Ok(new { keyId, signsFrom });
    }
}
