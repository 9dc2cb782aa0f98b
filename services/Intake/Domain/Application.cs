using System.Security.Cryptography;
using System.Text;
using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Intake.Domain;

/// <summary>Channels an application can arrive through (Art. 29, Art. 31; the city platform pushes too).</summary>
public enum Channel
{
    Online,
    InPerson,
    PostSigned,
    PostUnsigned,
    Fax,
    Email,
    OralTranscribed,
    CityPlatform,
}

/// <summary>
/// A disclosure application as registered. The Intake issue deepens validation (Art. 29), the legal
/// receipt date per channel (Art. 31) and personal-data encryption; the skeleton keeps the essentials.
/// </summary>
public sealed class Application : ITenantOwned
{
    private Application() { }

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public string Number { get; private set; } = "";
    /// <summary>SHA-256 of the query code; the code itself is shown to the applicant once.</summary>
    public string QueryCodeHash { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Channel Channel { get; private set; }
    public DateOnly LegalReceiptDate { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string? TraceId { get; private set; }
    public Guid? CaseId { get; private set; }
    public DateOnly? ReplyDue { get; private set; }

    public static (Application Application, string QueryCode) Register(
        string number, string applicantName, string description, Channel channel, DateOnly legalReceiptDate, DateTimeOffset now, string? traceId)
    {
        var queryCode = NewQueryCode();
        var application = new Application
        {
            Id = Guid.NewGuid(),
            Number = number,
            QueryCodeHash = HashQueryCode(queryCode),
            ApplicantName = applicantName,
            Description = description,
            Channel = channel,
            LegalReceiptDate = legalReceiptDate,
            RegisteredAt = now,
            TraceId = traceId,
        };
        return (application, queryCode);
    }

    public void CaseOpened(Guid caseId, DateOnly replyDue)
    {
        CaseId = caseId;
        ReplyDue = replyDue;
    }

    // No 0/O/1/I/L: the applicant reads the code off paper and types it back.
    private const string QueryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static string NewQueryCode() =>
        string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = QueryCodeAlphabet[RandomNumberGenerator.GetInt32(QueryCodeAlphabet.Length)];
        });

    public static string HashQueryCode(string queryCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(queryCode.Trim().ToUpperInvariant())));
}

/// <summary>The last number given per unit and year; the row lock makes numbering gapless under concurrency.</summary>
public sealed class ApplicationNumberCounter : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public int Year { get; set; }
    public int LastValue { get; set; }
}
