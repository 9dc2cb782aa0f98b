using System.Security.Cryptography;
using System.Text;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;

namespace Gongkai.UnitTests.Intake;

public class PersonalDataTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly string OldKey = NewKey();
    private static readonly string NewerKey = NewKey();
    private static readonly string IndexKey = NewKey();

    private static PersonalDataProtector Protector(string active, params (string Id, string Key)[] keys) => new(new PersonalDataOptions
    {
        ActiveKeyId = active,
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        BlindIndexKey = IndexKey,
    });

    [Fact]
    public void A_protected_value_names_its_key_hides_the_plain_text_and_opens_again()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var sealedValue = protector.Protect("510116198808088889", "application:1:id_number")!;
        Assert.StartsWith("pd1:k1:", sealedValue);
        Assert.DoesNotContain("510116198808088889", sealedValue);
        Assert.NotEqual(sealedValue, protector.Protect("510116198808088889", "application:1:id_number")); // fresh nonce each time
        Assert.Equal("510116198808088889", protector.Unprotect(sealedValue, "application:1:id_number"));
        Assert.Null(protector.Protect(null, "x"));
    }

    [Fact]
    public void After_rotation_new_values_use_the_new_key_and_old_ones_still_open()
    {
        var before = Protector("k1", ("k1", OldKey)).Protect("13812345678", "application:1:phone")!;
        var rotated = Protector("k2", ("k1", OldKey), ("k2", NewerKey));
        Assert.StartsWith("pd1:k2:", rotated.Protect("13812345678", "application:1:phone"));
        Assert.Equal("13812345678", rotated.Unprotect(before, "application:1:phone"));
        Assert.ThrowsAny<CryptographicException>(() => Protector("k2", ("k2", NewerKey)).Unprotect(before, "application:1:phone"));
    }

    [Fact]
    public void A_value_moved_to_another_row_or_field_or_tampered_with_does_not_open()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var sealedValue = protector.Protect("13812345678", "application:1:phone")!;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedValue, "application:2:phone"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedValue, "application:1:id_number"));
        var bytes = Convert.FromBase64String(sealedValue.Split(':')[2]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect($"pd1:k1:{Convert.ToBase64String(bytes)}", "application:1:phone"));
    }

    [Fact]
    public void Binary_content_round_trips()
    {
        var protector = Protector("k1", ("k1", OldKey));
        var content = Encoding.UTF8.GetBytes("%PDF-1.4 身份证");
        var (keyId, sealedContent) = protector.ProtectBytes(content, "attachment:1:content");
        Assert.Equal("k1", keyId);
        Assert.Equal(content, protector.UnprotectBytes(sealedContent, keyId, "attachment:1:content"));
    }

    [Fact]
    public void The_blind_index_matches_equal_values_and_depends_on_the_key()
    {
        var protector = Protector("k1", ("k1", OldKey));
        Assert.Equal(protector.BlindIndex("ResidentIdCard:510116198808088889"), protector.BlindIndex("ResidentIdCard:510116198808088889"));
        Assert.NotEqual(protector.BlindIndex("ResidentIdCard:510116198808088889"), protector.BlindIndex("ResidentIdCard:11010519491231002X"));
        Assert.DoesNotContain("510116", protector.BlindIndex("ResidentIdCard:510116198808088889"));
        var otherIndexKey = new PersonalDataProtector(new PersonalDataOptions { ActiveKeyId = "k1", Keys = { ["k1"] = OldKey }, BlindIndexKey = NewKey() });
        Assert.NotEqual(protector.BlindIndex("x"), otherIndexKey.BlindIndex("x"));
    }

    [Fact]
    public void Missing_or_short_keys_stop_the_service_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataOptions()));
        Assert.Throws<InvalidOperationException>(() => Protector("k2", ("k1", OldKey)));
        Assert.Throws<InvalidOperationException>(() => Protector("k1", ("k1", Convert.ToBase64String(new byte[16]))));
        Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(new PersonalDataOptions { ActiveKeyId = "k1", Keys = { ["k1"] = OldKey } }));
    }

    [Theory]
    [InlineData("510116198808088889", "510***********8889")]
    [InlineData("E12345678", "E******78")]
    public void Id_numbers_are_masked(string value, string expected) => Assert.Equal(expected, Masking.IdNumber(value));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("028-85551234", "028*****1234")]
    public void Phones_are_masked(string value, string expected) => Assert.Equal(expected, Masking.Phone(value));

    [Fact]
    public void Emails_and_addresses_are_masked()
    {
        Assert.Equal("z***@example.cn", Masking.Email("zhangsan@example.cn"));
        Assert.Equal("四川省成都市****", Masking.Address("四川省成都市双流区东升街道某路1号"));
    }
}
