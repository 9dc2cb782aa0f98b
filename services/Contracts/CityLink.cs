using System.Security.Cryptography;
using System.Text;

namespace Gongkai.Contracts;

/// <summary>
/// The request signature of the city link (市级平台接口 v1), both ways: HMAC-SHA256 with the sender's shared key over
/// <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))</c>, sent as <c>X-Signature: v1=&lt;hex&gt;</c> with the
/// key's id, the Unix timestamp (seconds) and a nonce. A receiver refuses a signature outside the replay window or a nonce
/// it has seen, so neither a leaked token alone nor a captured request can inject anything.
/// </summary>
public static class CitySignature
{
    // Not X-Gongkai-*: the gateway removes every client-sent header of that internal namespace.
    public const string KeyIdHeader = "X-Signature-Key-Id";
    public const string TimestampHeader = "X-Signature-Timestamp";
    public const string NonceHeader = "X-Signature-Nonce";
    public const string SignatureHeader = "X-Signature";
    public const string Scheme = "v1=";

    /// <summary>How far a signature's timestamp may be from the receiver's clock, either way.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Canonical(string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";

    public static string Sign(string key, string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key),
            Encoding.UTF8.GetBytes(Canonical(method, pathAndQuery, timestamp, nonce, body))));

    /// <summary>Compares in constant time, so the signature cannot be guessed byte by byte from response times.</summary>
    public static bool Matches(string key, string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(key, method, pathAndQuery, timestamp, nonce, body)), Encoding.ASCII.GetBytes(signature));

    /// <summary>
    /// What is wrong with a received request's signature (in Chinese, for the sender's operators), or null when it is good.
    /// <paramref name="keyOf"/> gives the key of a key id the receiver accepts (null: not accepted). The nonce's freshness is
    /// the receiver's to check after this: only a correctly signed request may spend a nonce.
    /// </summary>
    public static string? Problem(string method, string pathAndQuery, ReadOnlySpan<byte> body, Func<string, string?> header,
        Func<string, string?> keyOf, DateTimeOffset now)
    {
        string keyId = header(KeyIdHeader) ?? "", nonce = header(NonceHeader) ?? "", signature = header(SignatureHeader) ?? "";
        if (keyId.Length == 0 || nonce.Length == 0 || signature.Length == 0)
            return $"请求缺少签名（{KeyIdHeader}、{TimestampHeader}、{NonceHeader}、{SignatureHeader}）。";
        if (keyOf(keyId) is not { } key)
            return "签名密钥未知，或与访问令牌的客户端不符。";
        if (nonce.Length > 100 || nonce.Any(char.IsControl))
            return "随机数（nonce）格式不正确，不超过 100 个字符。";
        if (!long.TryParse(header(TimestampHeader), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > ReplayWindow)
            return $"签名时间戳缺失或与服务器时间相差超过 {ReplayWindow.TotalMinutes:0} 分钟。";
        return Matches(key, method, pathAndQuery, timestamp, nonce, body, signature) ? null : "签名与请求内容不符。";
    }

    /// <summary>
    /// Signs an outgoing request (its content, if any, must be final). A relative address (a client with a base address) is
    /// signed as written, so it must be the absolute path as it will be sent, already escaped.
    /// </summary>
    public static async Task SignAsync(HttpRequestMessage request, string keyId, string key, DateTimeOffset now, CancellationToken ct = default)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var timestamp = now.ToUnixTimeSeconds();
        var nonce = Guid.NewGuid().ToString("N");
        request.Headers.Add(KeyIdHeader, keyId);
        request.Headers.Add(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(NonceHeader, nonce);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address to sign.");
        request.Headers.Add(SignatureHeader, Sign(key, request.Method.Method, uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString, timestamp, nonce, body));
    }
}

/// <summary>What a callback to the city is about.</summary>
public enum CityCallbackKind
{
    /// <summary>The case moved to another status (受理, 补正, 审查, 答复, 送达, 办结…).</summary>
    StatusChanged,
    /// <summary>The reply letter was issued: reply type, document number, the PDF's SHA-256 and where to fetch it.</summary>
    ResultIssued,
    /// <summary>The reply was delivered to the applicant (送达).</summary>
    Delivered,
    /// <summary>A unit's figures for a month.</summary>
    MonthlyStatistics,
}

/// <summary>
/// One callback to the city (POST to its callback endpoint, signed as <see cref="CitySignature"/>). Sequence counts the
/// callbacks of one application (or of one unit's statistics) from 1 without gaps: the city applies them in that order
/// and ignores a DeliveryId it has seen. It acknowledges with any 2xx.
/// </summary>
public sealed record CityCallback(
    Guid DeliveryId,
    CityCallbackKind Kind,
    long Sequence,
    string UnitCode,
    string? CityReference,
    string? ApplicationNumber,
    DateTimeOffset OccurredAt,
    CityCaseStatus? Status = null,
    CityResult? Result = null,
    CityMonthlyStatistics? Statistics = null);

/// <summary>Status is Workflow's status name, StatusLabel its Chinese label; ReplyDue is null while the clock is paused.</summary>
public sealed record CityCaseStatus(string Status, string StatusLabel, DateOnly? ReplyDue);

/// <summary>The issued reply: DownloadPath is the city API path that returns the PDF whose hash is Sha256.</summary>
public sealed record CityResult(string? ReplyType, string? ReplyTypeLabel, string Title, string? DocumentNumber, string? Sha256, string DownloadPath);

/// <summary>
/// A unit's month (China Standard Time): applications registered (all channels, and of them from the city), cases
/// finished and reply letters issued in the month.
/// </summary>
public sealed record CityMonthlyStatistics(string Month, int Registered, int RegisteredFromCity, int Closed, int RepliesIssued);

/// <summary>The city's account of one day, which Gongkai reads (GET {city}/manifests/{yyyy-MM-dd}) to reconcile.</summary>
public sealed record CityManifest(DateOnly Date, IReadOnlyList<CityManifestApplication> SentApplications, IReadOnlyList<Guid> ReceivedCallbacks);

public sealed record CityManifestApplication(string CityReference, string UnitCode);

/// <summary>An applicant withdrew an application the city forwarded (the city tells the unit).</summary>
public sealed record ApplicationWithdrawalReceived(Guid ApplicationId, string TenantId, string ApplicationNumber, DateOnly WithdrawnOn, string Reason,
    string ReceivedFrom, DateTimeOffset ReceivedAt);

/// <summary>
/// An applicant sent supplementary material (补正材料) for an application; AttachmentCount files are on the application, among
/// them NoteFile (the applicant's written explanation, kept by Intake) when there is one. No applicant text travels here.
/// </summary>
public sealed record ApplicationSupplementReceived(Guid ApplicationId, string TenantId, string ApplicationNumber, DateOnly ReceivedOn, string? NoteFile,
    int AttachmentCount, string ReceivedFrom, DateTimeOffset ReceivedAt);
