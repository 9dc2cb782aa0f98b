using Gongkai.Identity.Tokens;

namespace Gongkai.UnitTests.Identity;

public sealed class SigningKeyRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_new_installation_signs_with_its_first_key_at_once() =>
        Assert.Equal(0, SigningKeyStore.SigningIndex([Now], Now, Delay));

    [Fact]
    public void A_rotated_key_is_published_but_the_previous_one_signs_until_the_delay_has_passed()
    {
        var previous = Now.AddDays(-30);
        Assert.Equal(1, SigningKeyStore.SigningIndex([Now.AddMinutes(-9), previous], Now, Delay));
        Assert.Equal(0, SigningKeyStore.SigningIndex([Now.AddMinutes(-10), previous], Now, Delay));
    }

    [Fact]
    public void Two_rotations_in_a_row_keep_the_last_key_old_enough()
    {
        var oldest = Now.AddDays(-60);
        Assert.Equal(2, SigningKeyStore.SigningIndex([Now.AddMinutes(-1), Now.AddMinutes(-5), oldest], Now, Delay));
        Assert.Equal(1, SigningKeyStore.SigningIndex([Now.AddMinutes(-1), Now.AddMinutes(-15), oldest], Now, Delay));
    }
}
