using System.Security.Cryptography;
using System.Text;

namespace Gongkai.Intake.Infrastructure;

/// <summary>
/// Keys for applicants' personal data (configuration section Intake:PersonalData). Keys are 32 random bytes,
/// base64. New values are sealed with the active key; every key still listed can open what it sealed, so a
/// rotation is: add a key, make it active, re-encrypt at leisure, then remove the old one.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Intake:PersonalData";

    public string? ActiveKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = new();

    /// <summary>Key of the keyed hash (blind index) that matches ID numbers without decrypting them.</summary>
    public string? BlindIndexKey { get; set; }
}

/// <summary>
/// AES-256-GCM for personal data at rest, with the key id stored in each value ("pd1:&lt;key id&gt;:&lt;base64&gt;")
/// and a context (row id and field) bound as associated data, so a value copied into another row or
/// column does not decrypt. HMAC-SHA256 with a separate key gives the blind index.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string Prefix = "pd1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly byte[] _indexKey;

    public PersonalDataProtector(PersonalDataOptions options)
    {
        foreach (var (id, value) in options.Keys)
        {
            if (id.Length is 0 or > 32 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new InvalidOperationException($"{PersonalDataOptions.Section}: key id '{id}' must be 1-32 letters, digits, '-' or '_'.");
            _keys[id] = DecodeKey(value, $"{PersonalDataOptions.Section}:Keys:{id}");
        }
        ActiveKeyId = options.ActiveKeyId is { Length: > 0 } active && _keys.ContainsKey(active)
            ? active
            : throw new InvalidOperationException(
                $"{PersonalDataOptions.Section}:ActiveKeyId must name one of {PersonalDataOptions.Section}:Keys (personal data cannot be stored unencrypted).");
        _indexKey = DecodeKey(options.BlindIndexKey, $"{PersonalDataOptions.Section}:BlindIndexKey");
    }

    public string ActiveKeyId { get; }

    public string? Protect(string? plaintext, string context) =>
        plaintext is null ? null : $"{Prefix}:{ActiveKeyId}:{Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), context, ActiveKeyId))}";

    public string? Unprotect(string? protectedValue, string context)
    {
        if (protectedValue is null)
            return null;
        var parts = protectedValue.Split(':');
        if (parts.Length != 3 || parts[0] != Prefix)
            throw new CryptographicException("Not a protected value.");
        return Encoding.UTF8.GetString(Open(Convert.FromBase64String(parts[2]), context, parts[1]));
    }

    /// <summary>Seals binary content (attachments) with the active key; returns the key id to store beside it.</summary>
    public (string KeyId, byte[] Sealed) ProtectBytes(ReadOnlySpan<byte> plaintext, string context) =>
        (ActiveKeyId, Seal(plaintext, context, ActiveKeyId));

    public byte[] UnprotectBytes(byte[] sealedContent, string keyId, string context) => Open(sealedContent, context, keyId);

    /// <summary>Keyed hash (lower-case hex) of a normalised value: equal inputs match, the input cannot be recovered without the key.</summary>
    public string BlindIndex(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(value)));

    private byte[] Seal(ReadOnlySpan<byte> plaintext, string context, string keyId)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[keyId], TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(context, keyId));
        return output;
    }

    private byte[] Open(byte[] sealedContent, string context, string keyId)
    {
        if (!_keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"Key '{keyId}' is not configured; it may have been removed before every value was re-encrypted.");
        if (sealedContent.Length < NonceSize + TagSize)
            throw new CryptographicException("Protected value too short.");
        var plaintext = new byte[sealedContent.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedContent.AsSpan(0, NonceSize), sealedContent.AsSpan(NonceSize + TagSize), sealedContent.AsSpan(NonceSize, TagSize),
            plaintext, AssociatedData(context, keyId));
        return plaintext;
    }

    private static byte[] AssociatedData(string context, string keyId) => Encoding.UTF8.GetBytes($"{Prefix}|{keyId}|{context}");

    private static byte[] DecodeKey(string? value, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} is not base64.");
        }
        return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be 32 random bytes, base64-encoded.");
    }
}
