using Gongkai.BuildingBlocks;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Gongkai.Identity.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Identity.Apis;

public static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/identity").AllowAnonymous();
        api.MapPost("/token", Token);
        api.MapPost("/revoke", Revoke);
        app.MapGet("/api/identity/me", Me).RequireAuthorization();
        return app;
    }

    public sealed record TokenRequest(string? GrantType, string? UnitCode, string? UserName, string? Password, string? RefreshToken, string? ClientId, string? ClientSecret);

    public sealed record RevokeRequest(string? RefreshToken);

    private static readonly IResult InvalidCredentials = TypedResults.Problem(
        title: "登录失败", detail: "单位代码、用户名或密码错误。", statusCode: StatusCodes.Status401Unauthorized);

    private static Task<IResult> Token(TokenRequest request, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        request.GrantType switch
        {
            "password" => PasswordGrant(request, http, scopes, ct),
            "refresh_token" => RefreshGrant(request, scopes, ct),
            "client_credentials" => Task.FromResult(ClientGrant(request, http.RequestServices)),
            _ => Task.FromResult(HttpRequestExtensions.ValidationProblem("grantType", "grantType 必须是 password、refresh_token 或 client_credentials。")),
        };

    private static async Task<IResult> PasswordGrant(TokenRequest request, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TenantIds.IsWellFormed(request.UnitCode))
            errors["unitCode"] = ["请填写正确的单位代码。"];
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64)
            errors["userName"] = ["请填写用户名。"];
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 128)
            errors["password"] = ["请填写密码。"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "登录信息不完整");

        // Everything about a user happens under the user's unit, so row-level security applies to sign-in too.
        await using var scope = scopes.CreateTenantScope(request.UnitCode!);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        var clock = services.GetRequiredService<TimeProvider>();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode, ct);
        if (unit is null)
            return InvalidCredentials;

        var now = clock.GetUtcNow();
        var address = http.ClientAddress();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.FromSqlInterpolated($"SELECT * FROM users WHERE user_name = {request.UserName} FOR UPDATE").SingleOrDefaultAsync(ct);
        if (user is null || user.Disabled)
        {
            await audit.AppendAsync(db, new(unit.Code, request.UserName!, unit.Code, "sign-in-failed", $"user:{request.UserName}", "用户不存在或已停用", address), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return InvalidCredentials;
        }
        if (user.IsLockedOut(now))
        {
            await audit.AppendAsync(db, new(unit.Code, user.UserName, unit.Code, "sign-in-refused-locked", $"user:{user.Id}", null, address), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var minutes = Math.Max(1, (int)Math.Ceiling((user.LockedUntil!.Value - now).TotalMinutes));
            return TypedResults.Problem(title: "账号已锁定", detail: $"连续登录失败次数过多，请 {minutes} 分钟后再试。", statusCode: StatusCodes.Status401Unauthorized);
        }

        var hasher = services.GetRequiredService<IPasswordHasher<StaffUser>>();
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!) == PasswordVerificationResult.Failed)
        {
            var locked = services.GetRequiredService<SignInPolicy>().RecordFailure(user, now);
            await audit.AppendAsync(db, new(unit.Code, user.UserName, unit.Code, locked ? "account-locked" : "sign-in-failed", $"user:{user.Id}", locked ? "连续登录失败，账号锁定" : "密码错误", address), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return InvalidCredentials;
        }

        SignInPolicy.RecordSuccess(user);
        var response = await IssueAsync(services, db, user, unit, ct);
        await audit.AppendAsync(db, new(unit.Code, user.UserName, unit.Code, "signed-in", $"user:{user.Id}", null, address), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(response);
    }

    private static async Task<IResult> RefreshGrant(TokenRequest request, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var tenant = request.RefreshToken?.Split('.', 2)[0];
        if (request.RefreshToken is not { Length: < 200 } || !TenantIds.IsWellFormed(tenant))
            return HttpRequestExtensions.ValidationProblem("refreshToken", "刷新令牌无效。");
        await using var scope = scopes.CreateTenantScope(tenant!);
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<IdentityDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var hash = TokenService.Hash(request.RefreshToken);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var user = stored is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == stored.UserId, ct);
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now || user is null || user.Disabled || user.IsLockedOut(now))
            return TypedResults.Problem(title: "登录已失效", detail: "刷新令牌已过期或已撤销，请重新登录。", statusCode: StatusCodes.Status401Unauthorized);

        stored.RevokedAt = now; // rotation: each refresh token works once
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Code == user.TenantId, ct);
        var response = await IssueAsync(services, db, user, unit, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(response);
    }

    private static IResult ClientGrant(TokenRequest request, IServiceProvider services)
    {
        var clients = services.GetRequiredService<ClientRegistry>();
        if (request.ClientId is null || request.ClientSecret is null || clients.Find(request.ClientId, request.ClientSecret) is not { } client)
            return TypedResults.Problem(title: "客户端认证失败", detail: "客户端标识或密钥错误。", statusCode: StatusCodes.Status401Unauthorized);
        var tokens = services.GetRequiredService<TokenService>();
        return TypedResults.Ok(new TokenResponse(tokens.IssueForClient(client.ClientId, client.Roles), "Bearer", tokens.AccessTokenSeconds, null));
    }

    private static async Task<TokenResponse> IssueAsync(IServiceProvider services, IdentityDbContext db, StaffUser user, Unit unit, CancellationToken ct)
    {
        var tokens = services.GetRequiredService<TokenService>();
        IReadOnlyList<string> supervised = [];
        if (user.Roles.Contains(StaffRoles.DistrictSupervisor))
        {
            var tree = new UnitTree(await db.Units.AsNoTracking().ToListAsync(ct));
            supervised = tree.Descendants(unit.Code).Select(u => u.Code).ToList();
        }
        var refresh = TokenService.NewRefreshToken(user.TenantId);
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            TokenHash = TokenService.Hash(refresh),
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            ExpiresAt = tokens.RefreshTokenExpiry,
        });
        return new TokenResponse(tokens.IssueForUser(user, unit, supervised), "Bearer", tokens.AccessTokenSeconds, refresh);
    }

    private static async Task<IResult> Revoke(RevokeRequest request, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var tenant = request.RefreshToken?.Split('.', 2)[0];
        if (request.RefreshToken is not { Length: < 200 } || !TenantIds.IsWellFormed(tenant))
            return HttpRequestExtensions.ValidationProblem("refreshToken", "刷新令牌无效。");
        await using var scope = scopes.CreateTenantScope(tenant!);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var hash = TokenService.Hash(request.RefreshToken);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.RefreshTokens.Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        return TypedResults.NoContent(); // the same answer whether or not it existed
    }

    private static IResult Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new
        {
            id = user.FindFirstValue(GongkaiClaims.Subject),
            name = user.FindFirstValue(GongkaiClaims.Name),
            unit = user.FindFirstValue(GongkaiClaims.Tenant),
            unitName = user.FindFirstValue(GongkaiClaims.UnitName),
            roles = user.FindAll(GongkaiClaims.Role).Select(c => c.Value),
            supervisedUnits = user.FindFirstValue(GongkaiClaims.SupervisedUnits)?.Split(' ') ?? [],
        });
}

/// <summary>Machine clients (the city platform, services) with hashed secrets from configuration.</summary>
public sealed class ClientRegistry(IConfiguration configuration)
{
    public sealed record Client(string ClientId, string SecretSha256, string[] Roles);

    private readonly List<Client> _clients = configuration.GetSection("Identity:Clients").Get<List<Client>>() ?? [];

    public Client? Find(string clientId, string secret)
    {
        var client = _clients.FirstOrDefault(c => c.ClientId == clientId);
        var presented = Encoding.ASCII.GetBytes(TokenService.Hash(secret));
        var expected = Encoding.ASCII.GetBytes(client?.SecretSha256.ToLowerInvariant() ?? new string('0', 64));
        return CryptographicOperations.FixedTimeEquals(presented, expected) && client is not null ? client : null;
    }
}
