using System.Text;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;

namespace Gongkai.UnitTests.Intake;

public sealed class CitySignatureTests
{
    private const string Key = "city-platform-dev-signing-key-2026-0123456789";
    private const string Path = "/api/city/v1/applications/CITY-20261201-0001/withdrawals";
    private const long Timestamp = 1796090400; // 2026-12-01T02:00:00Z
    private const string Nonce = "8f14e45fceea167a5a36dedd4bea2543";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"messageId":"w-1","reason":"已通过其他途径获取"}""");

    [Fact]
    public void The_worked_example_of_the_README_signs_to_the_value_it_shows()
    {
        Assert.Equal($"POST\n{Path}\n{Timestamp}\n{Nonce}\n650543f780458356107d473d9774417854011ee629909845742ba3853f4543b7",
            CitySignature.Canonical("post", Path, Timestamp, Nonce, Body));
        Assert.Equal("v1=d55cfa5ae30e20169b298885dc09fa83b98e526c4e06ed2a5508628f09adaf4e", CitySignature.Sign(Key, "POST", Path, Timestamp, Nonce, Body));
    }

    [Fact]
    public void Any_change_of_key_method_path_time_nonce_or_body_breaks_the_signature()
    {
        var signature = CitySignature.Sign(Key, "POST", Path, Timestamp, Nonce, Body);
        Assert.True(CitySignature.Matches(Key, "POST", Path, Timestamp, Nonce, Body, signature));
        Assert.False(CitySignature.Matches(Key + "x", "POST", Path, Timestamp, Nonce, Body, signature));
        Assert.False(CitySignature.Matches(Key, "PUT", Path, Timestamp, Nonce, Body, signature));
        Assert.False(CitySignature.Matches(Key, "POST", Path + "?x=1", Timestamp, Nonce, Body, signature));
        Assert.False(CitySignature.Matches(Key, "POST", Path, Timestamp + 1, Nonce, Body, signature));
        Assert.False(CitySignature.Matches(Key, "POST", Path, Timestamp, Nonce + "0", Body, signature));
        Assert.False(CitySignature.Matches(Key, "POST", Path, Timestamp, Nonce, [.. Body, (byte)' '], signature));
        Assert.False(CitySignature.Matches(Key, "POST", Path, Timestamp, Nonce, Body, null));
        Assert.False(CitySignature.Matches(Key, "POST", Path, Timestamp, Nonce, Body, signature[..^1]));
    }

    [Fact]
    public async Task A_signed_request_carries_key_time_nonce_and_a_signature_of_its_own_content()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://gateway" + Path) { Content = new ByteArrayContent(Body) };
        await CitySignature.SignAsync(request, "city-platform-dev", Key, at);
        string Header(string name) => request.Headers.GetValues(name).Single();
        Assert.Equal("city-platform-dev", Header(CitySignature.KeyIdHeader));
        Assert.Equal(Timestamp.ToString(), Header(CitySignature.TimestampHeader));
        Assert.True(CitySignature.Matches(Key, "POST", Path, Timestamp, Header(CitySignature.NonceHeader), Body, Header(CitySignature.SignatureHeader)));
    }
}

public sealed class CityLinkOptionsTests
{
    [Fact]
    public void Retries_wait_twice_as_long_each_time_up_to_the_maximum()
    {
        var options = new CityLinkOptions { FirstRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(1) };
        Assert.Equal([10, 20, 40, 60, 60], Enumerable.Range(1, 5).Select(a => options.RetryDelay(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryDelay(500));
        // A long first delay with many attempts does not overflow into a negative delay (a hot retry loop).
        var slow = new CityLinkOptions { FirstRetryDelay = TimeSpan.FromHours(1), MaxRetryDelay = TimeSpan.FromDays(1), MaxAttempts = 100 };
        Assert.Equal(TimeSpan.FromDays(1), slow.RetryDelay(60));
    }

    [Fact]
    public void Short_keys_and_an_address_without_an_outbound_key_are_refused_at_start()
    {
        Assert.True(new CityLinkOptions().IsValid(out _));
        Assert.False(new CityLinkOptions { InboundKeys = { ["city"] = "short" } }.IsValid(out var shortKey));
        Assert.Contains("32", shortKey);
        Assert.False(new CityLinkOptions { CityAddress = new Uri("http://city/") }.IsValid(out var noKey));
        Assert.Contains("OutboundKey", noKey);
        Assert.False(new CityLinkOptions { MaxAttempts = 0 }.IsValid(out _));
    }
}

public sealed class CaseNewsOrderTests
{
    [Fact]
    public void Only_the_newest_news_of_a_case_counts_so_a_late_older_status_is_not_reported_again()
    {
        // The case-news methods need nothing of the registration: the persisted shape (as EF loads it) is enough.
        var application = (Gongkai.Intake.Domain.Application)Activator.CreateInstance(typeof(Gongkai.Intake.Domain.Application), nonPublic: true)!;
        var caseId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.True(application.CaseOpened(caseId, new DateOnly(2026, 12, 22), at));
        Assert.True(application.CaseStatusChanged(caseId, "Search", new DateOnly(2026, 12, 22), at.AddMinutes(10), "Disclose", "予以公开"));
        Assert.False(application.CaseStatusChanged(caseId, "Triage", new DateOnly(2026, 12, 22), at.AddMinutes(5)));
        Assert.False(application.CaseOpened(caseId, new DateOnly(2026, 12, 22), at));
        Assert.Equal("Search", application.CaseStatus);
        // A later status without a decision keeps the reply type already known.
        Assert.True(application.CaseStatusChanged(caseId, "Approved", new DateOnly(2026, 12, 22), at.AddMinutes(20)));
        Assert.Equal("Disclose", application.ReplyType);
    }
}
