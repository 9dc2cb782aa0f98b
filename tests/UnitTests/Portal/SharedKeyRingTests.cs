using System.Security.Cryptography;
using Gongkai.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gongkai.UnitTests.Portal;

public sealed class SharedKeyRingTests
{
    private static readonly string Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A portal instance's data protection as its host configures it (nothing shared but the setting).</summary>
    private static IDataProtector Instance(string? secret)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.GetTempPath() });
        if (secret is not null)
            builder.Configuration.AddInMemoryCollection([new(SharedKeyRing.SecretSetting, secret)]);
        builder.AddSharedKeyRing();
        builder.Services.AddDataProtection();
        return builder.Build().Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1");
    }

    [Fact]
    public void A_token_protected_by_one_instance_is_read_by_another_with_the_same_secret()
    {
        var token = Instance(Secret).Protect("表单令牌");
        Assert.Equal("表单令牌", Instance(Secret).Unprotect(token));
    }

    [Fact]
    public void Another_secret_cannot_read_it()
    {
        var token = Instance(Secret).Protect("表单令牌");
        Assert.ThrowsAny<CryptographicException>(() => Instance(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Unprotect(token));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_secret_that_is_not_base64_or_too_short_stops_the_start_with_a_clear_message(string secret)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Instance(secret));
        Assert.Contains(SharedKeyRing.SecretSetting, refused.Message);
    }
}
