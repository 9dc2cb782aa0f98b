using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gongkai.Contracts;
using Gongkai.Identity.Domain;
using Gongkai.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gongkai.Identity.Tokens;

public sealed class AccessTokenOptions
{
    /// <summary>Access tokens are short-lived; a refresh token (revocable) gets the next one.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken);

public sealed class TokenService(SigningKeyStore keys, AuthSettings auth, AccessTokenOptions options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string IssueForUser(StaffUser user, Unit unit, IReadOnlyList<string> supervisedUnits)
    {
        var claims = new List<Claim>
        {
            new(GongkaiClaims.Subject, user.Id.ToString()),
            new(GongkaiClaims.Name, user.DisplayName),
            new(GongkaiClaims.Tenant, user.TenantId),
            new(GongkaiClaims.UnitName, unit.Name),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(GongkaiClaims.Role, r)));
        if (supervisedUnits.Count > 0)
            claims.Add(new Claim(GongkaiClaims.SupervisedUnits, string.Join(' ', supervisedUnits)));
        return Issue(claims);
    }

    public string IssueForClient(string clientId, IEnumerable<string> roles) =>
        Issue([new(GongkaiClaims.Subject, clientId), new(GongkaiClaims.ClientId, clientId), new(GongkaiClaims.Name, clientId),
            .. roles.Select(r => new Claim(GongkaiClaims.Role, r))]);

    public int AccessTokenSeconds => (int)options.AccessTokenLifetime.TotalSeconds;

    public DateTimeOffset RefreshTokenExpiry => clock.GetUtcNow() + options.RefreshTokenLifetime;

    /// <summary>"&lt;tenant&gt;.&lt;random&gt;": the tenant part lets the lookup run under row-level security.</summary>
    public static string NewRefreshToken(string tenantId) =>
        $"{tenantId}.{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private string Issue(IEnumerable<Claim> claims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.AccessTokenLifetime,
            SigningCredentials = keys.Current,
        });
    }
}
