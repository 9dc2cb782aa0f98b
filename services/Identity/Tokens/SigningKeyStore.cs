using System.Security.Cryptography;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Gongkai.Identity.Tokens;

/// <summary>
/// The RSA keys that sign access tokens. Keys live in Identity's database so every instance signs with the
/// same key and a restart does not sign everybody out. The newest unretired key signs; every unretired key
/// is published in the JWKS, so after a rotation tokens signed with the previous key stay valid until they expire.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    private volatile IReadOnlyList<RsaSecurityKey> _keys = [];

    public SigningCredentials Current =>
        new(_keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("Signing keys are not loaded yet."), SecurityAlgorithms.RsaSha256);

    public IReadOnlyList<RsaSecurityKey> ValidationKeys => _keys;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var stored = await db.SigningKeys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        if (stored.Count == 0)
        {
            db.SigningKeys.Add(NewKey());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance created the first key at the same moment; use theirs.
            }
            stored = await db.SigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        }
        _keys = stored.Select(ToSecurityKey).ToList();
    }

    /// <summary>Creates a new signing key; the previous ones keep validating until retired.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var key = NewKey();
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await LoadAsync(ct);
        return key.KeyId;
    }

    public JsonWebKeySet PublicKeySet()
    {
        var set = new JsonWebKeySet();
        foreach (var key in _keys)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(parameters) { KeyId = key.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha256;
            set.Keys.Add(jwk);
        }
        return set;
    }

    private SigningKey NewKey()
    {
        using var rsa = RSA.Create(2048);
        var now = clock.GetUtcNow();
        return new SigningKey { KeyId = $"{now:yyyyMMddHHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem(), CreatedAt = now };
    }

    private static RsaSecurityKey ToSecurityKey(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = key.KeyId };
    }
}
