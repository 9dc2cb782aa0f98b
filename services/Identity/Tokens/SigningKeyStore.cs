using System.Security.Cryptography;
using Gongkai.Identity.Domain;
using Gongkai.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Gongkai.Identity.Tokens;

/// <summary>When a new signing key starts to sign, and how often each Identity instance reads the keys (<c>Identity:SigningKeys</c>).</summary>
public sealed class SigningKeyOptions
{
    /// <summary>
    /// A rotated key is published in the JWKS at once but signs only this much later: by then every Identity instance has
    /// read it and every validator has refreshed its key set (services and the gateway do every 5 minutes), so no token is
    /// signed with a key somebody does not know yet.
    /// </summary>
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often an instance reads the keys again (another instance may have rotated them).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The RSA keys that sign access tokens. Keys live in Identity's database so every instance signs with the
/// same key and a restart does not sign everybody out. The newest unretired key old enough (see
/// <see cref="SigningKeyOptions.ActivationDelay"/>) signs; every unretired key is published in the JWKS, so after a
/// rotation tokens signed with the previous key stay valid until they expire.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, TimeProvider clock, SigningKeyOptions options)
{
    /// <summary>The unretired keys, newest first, and when each was created (read on every token issued and checked).</summary>
    private sealed record LoadedKeys(IReadOnlyList<RsaSecurityKey> Keys, IReadOnlyList<DateTimeOffset> Created);

    private volatile LoadedKeys _loaded = new([], []);

    public SigningCredentials Current => _loaded is { Keys.Count: > 0 } loaded
        ? new(loaded.Keys[SigningIndex(loaded.Created, clock.GetUtcNow(), options.ActivationDelay)], SecurityAlgorithms.RsaSha256)
        : throw new InvalidOperationException("Signing keys are not loaded yet.");

    public IReadOnlyList<RsaSecurityKey> ValidationKeys => _loaded.Keys;

    /// <summary>
    /// Which of the keys (newest first) signs at <paramref name="now"/>: the newest created at least
    /// <paramref name="activationDelay"/> ago; if none is that old (a new installation's first key), the oldest.
    /// </summary>
    public static int SigningIndex(IReadOnlyList<DateTimeOffset> createdNewestFirst, DateTimeOffset now, TimeSpan activationDelay)
    {
        for (var i = 0; i < createdNewestFirst.Count; i++)
        {
            if (createdNewestFirst[i] + activationDelay <= now)
                return i;
        }
        return createdNewestFirst.Count - 1;
    }

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
        // Keys loaded before are kept as they are: a reload every minute imports only a key it has not seen.
        var known = _loaded.Keys.ToDictionary(k => k.KeyId);
        _loaded = new LoadedKeys([.. stored.Select(k => known.GetValueOrDefault(k.KeyId) ?? ToSecurityKey(k))], [.. stored.Select(k => k.CreatedAt)]);
    }

    /// <summary>Creates a new signing key, which signs from the time returned; the previous ones keep validating until retired.</summary>
    public async Task<(string KeyId, DateTimeOffset SignsFrom)> RotateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var key = NewKey();
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await LoadAsync(ct);
        return (key.KeyId, key.CreatedAt + options.ActivationDelay);
    }

    public JsonWebKeySet PublicKeySet()
    {
        var set = new JsonWebKeySet();
        foreach (var key in _loaded.Keys)
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

/// <summary>Reads the signing keys again every <see cref="SigningKeyOptions.ReloadInterval"/>, so a rotation made by one instance reaches all.</summary>
public sealed class SigningKeyReload(SigningKeyStore keys, SigningKeyOptions options, ILogger<SigningKeyReload> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReloadInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.LoadAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Signing keys not reloaded; the loaded ones stay in use");
            }
        }
    }
}
