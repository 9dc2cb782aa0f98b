using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gongkai.Portal;

/// <summary>
/// The portal's data-protection key ring (it protects the antiforgery tokens of the application and tracking forms),
/// derived from one configured secret, <c>Portal__KeyRingSecret</c> (base64, at least 32 bytes). Every instance derives
/// the same key, so a form rendered by one instance is accepted by another; nothing is stored, and no instance creates
/// keys of its own. Without the secret (one instance, a developer's machine) ASP.NET Core's own key ring applies.
/// Rotating the secret invalidates only the forms open at that moment.
/// </summary>
public sealed class SharedKeyRing : IXmlRepository
{
    public const string SecretSetting = "Portal:KeyRingSecret";
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly XElement _key;

    public SharedKeyRing(string secret)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SecretSetting} must be base64 (e.g. `openssl rand -base64 32`).");
        }
        if (bytes.Length < 32)
            throw new InvalidOperationException($"{SecretSetting} must hold at least 32 bytes (e.g. `openssl rand -base64 32`); it holds {bytes.Length}.");

        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 16 + 64, info: Encoding.ASCII.GetBytes("gongkai-portal-key-ring"));
        var descriptor = new AuthenticatedEncryptorDescriptor(new AuthenticatedEncryptorConfiguration(), new Secret(derived[16..])).ExportToXml();
        _key = new XElement("key",
            new XAttribute("id", new Guid(derived[..16])),
            new XAttribute("version", 1),
            new XElement("creationDate", Created),
            new XElement("activationDate", Created),
            new XElement("expirationDate", Expires),
            new XElement("descriptor",
                new XAttribute("deserializerType", descriptor.DeserializerType.AssemblyQualifiedName!),
                descriptor.SerializedDescriptorElement));
    }

    public IReadOnlyCollection<XElement> GetAllElements() => [new XElement(_key)];

    public void StoreElement(XElement element, string friendlyName) =>
        throw new InvalidOperationException("The portal's key ring comes from its secret; it stores no keys.");
}

public static class SharedKeyRingExtensions
{
    /// <summary>With <c>Portal__KeyRingSecret</c> set, every instance protects and reads with the same key (see <see cref="SharedKeyRing"/>).</summary>
    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[SharedKeyRing.SecretSetting] is not { Length: > 0 } secret)
            return builder;
        var keyRing = new SharedKeyRing(secret);
        builder.Services.AddDataProtection().SetApplicationName("gongkai-portal").DisableAutomaticKeyGeneration();
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = keyRing);
        return builder;
    }
}
