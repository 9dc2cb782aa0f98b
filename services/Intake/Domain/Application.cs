using System.Security.Cryptography;
using System.Text;
using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Intake.Domain;

/// <summary>Personal data of an application, already encrypted (see PersonalDataProtector): the entity never holds it in clear.</summary>
public sealed record ProtectedPersonalData(string? IdNumber, string? Phone, string? Email, string? Address, string? AgentIdNumber, string? AgentPhone);

/// <summary>
/// A disclosure application: who applies (personal data encrypted), what is sought, and Art. 31's three
/// moments kept apart — when it arrived, when receipt was confirmed and how, and the legal receipt date
/// the reply clock starts from. Also what public tracking shows: the case's status, reply-due date and documents.
/// </summary>
public sealed class Application : ITenantOwned
{
    private Application() { }

    public Guid Id { get; private set; }
    public string TenantId { get; set; } = "";
    public string Number { get; private set; } = "";
    /// <summary>SHA-256 of the query code, for the public lookup.</summary>
    public string QueryCodeHash { get; private set; } = "";
    /// <summary>The query code encrypted, so a retried registration (same idempotency key) can answer with it again.</summary>
    public string? QueryCodeProtected { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public Channel Channel { get; private set; }

    public ApplicantKind ApplicantKind { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public OrganisationCategory? OrganisationCategory { get; private set; }
    public string? CreditCode { get; private set; }
    public string? ContactName { get; private set; }
    public IdDocumentType? IdType { get; private set; }
    public string? IdNumberProtected { get; private set; }
    /// <summary>Keyed hash (HMAC) of the applicant's identity document or credit code: matches repeats without storing the number in clear.</summary>
    public string? ApplicantIndex { get; private set; }
    public string? PhoneProtected { get; private set; }
    public string? EmailProtected { get; private set; }
    public string? AddressProtected { get; private set; }
    public string? PostalCode { get; private set; }
    public string? AgentName { get; private set; }
    public IdDocumentType? AgentIdType { get; private set; }
    public string? AgentIdNumberProtected { get; private set; }
    public string? AgentPhoneProtected { get; private set; }

    public string Description { get; private set; } = "";
    public string? DocumentNumber { get; private set; }
    public string? Purpose { get; private set; }
    public RequestedForm? RequestedForm { get; private set; }
    public DeliveryRoute? DeliveryRoute { get; private set; }

    public DateTimeOffset ArrivedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public ConfirmationMethod? ConfirmationMethod { get; private set; }
    public string? ConfirmationNote { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public DateOnly? LegalReceiptDate { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }
    public string? RegisteredBy { get; private set; }
    public string? TraceId { get; private set; }
    public string? IdempotencyKey { get; private set; }
    /// <summary>Keyed hash of the request body: a retry with the same key must carry the same application.</summary>
    public string? RequestFingerprint { get; private set; }
    public string? ExternalReference { get; private set; }

    public Guid? CaseId { get; private set; }
    public DateOnly? ReplyDue { get; private set; }
    /// <summary>Workflow's CaseStatus name, from CaseOpened / CaseStatusChanged.</summary>
    public string? CaseStatus { get; private set; }
    public DateTimeOffset? CaseStatusChangedAt { get; private set; }

    /// <summary>The case's decided reply type (Workflow's name) and its label, from CaseStatusChanged; reported to the city with the result.</summary>
    public string? ReplyType { get; private set; }
    public string? ReplyTypeLabel { get; private set; }

    /// <summary>When the case last closed (办结); archiving later does not move it. The city's monthly figures count by it.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public static Application Create(Guid id, string number, string queryCode, string queryCodeProtected, ValidatedApplication v,
        ProtectedPersonalData personal, string applicantIndex, string registeredBy, DateTimeOffset now, string? traceId,
        string? idempotencyKey, string? requestFingerprint) => new()
        {
            Id = id,
            Number = number,
            QueryCodeHash = HashQueryCode(queryCode),
            QueryCodeProtected = queryCodeProtected,
            Status = v.Receipt.IsFixed ? ApplicationStatus.Registered : ApplicationStatus.AwaitingConfirmation,
            Channel = v.Channel,
            ApplicantKind = v.ApplicantKind,
            ApplicantName = v.ApplicantName,
            OrganisationCategory = v.OrganisationCategory,
            CreditCode = v.CreditCode,
            ContactName = v.ContactName,
            IdType = v.IdType,
            IdNumberProtected = personal.IdNumber,
            ApplicantIndex = applicantIndex,
            PhoneProtected = personal.Phone,
            EmailProtected = personal.Email,
            AddressProtected = personal.Address,
            PostalCode = v.PostalCode,
            AgentName = v.Agent?.Name,
            AgentIdType = v.Agent?.IdType,
            AgentIdNumberProtected = personal.AgentIdNumber,
            AgentPhoneProtected = personal.AgentPhone,
            Description = v.Description,
            DocumentNumber = v.DocumentNumber,
            Purpose = v.Purpose,
            RequestedForm = v.RequestedForm,
            DeliveryRoute = v.DeliveryRoute,
            ArrivedAt = v.Receipt.ArrivedAt,
            ConfirmedAt = v.Receipt.ConfirmedAt,
            ConfirmationMethod = v.Receipt.Method,
            ConfirmationNote = v.Receipt.Note,
            ConfirmedBy = v.Receipt.ConfirmedAt is null ? null : registeredBy,
            LegalReceiptDate = v.Receipt.LegalReceiptDate,
            RegisteredAt = now,
            RegisteredBy = registeredBy,
            TraceId = traceId,
            IdempotencyKey = idempotencyKey,
            RequestFingerprint = requestFingerprint,
            ExternalReference = v.ExternalReference,
        };

    /// <summary>The annual report's applicant column (see ValidatedApplication.ApplicantCategory).</summary>
    public string ApplicantCategory =>
        ApplicantKind == ApplicantKind.Organisation && OrganisationCategory is { } category ? category.ToString() : "NaturalPerson";

    /// <summary>Records the confirmation step; false when the date was already fixed (nothing changes then).</summary>
    public bool ConfirmReceipt(ReceiptOutcome outcome, string confirmedBy)
    {
        if (Status != ApplicationStatus.AwaitingConfirmation || outcome.LegalReceiptDate is null)
            return false;
        ConfirmedAt = outcome.ConfirmedAt;
        ConfirmationMethod = outcome.Method;
        ConfirmationNote = outcome.Note;
        ConfirmedBy = confirmedBy;
        LegalReceiptDate = outcome.LegalReceiptDate;
        Status = ApplicationStatus.Registered;
        return true;
    }

    /// <returns>True when this is the newest news of the case (the status changed to "Received").</returns>
    public bool CaseOpened(Guid caseId, DateOnly replyDue, DateTimeOffset openedAt)
    {
        CaseId = caseId;
        // A later status change may have overtaken the opening on another queue; the newest wins.
        if (CaseStatusChangedAt is not null && openedAt < CaseStatusChangedAt)
            return false;
        CaseStatus = "Received";
        ReplyDue = replyDue;
        CaseStatusChangedAt = openedAt;
        return true;
    }

    /// <returns>True when this is the newest news of the case (an older one that arrives late changes nothing here).</returns>
    public bool CaseStatusChanged(Guid caseId, string status, DateOnly? replyDue, DateTimeOffset changedAt, string? replyType = null, string? replyTypeLabel = null)
    {
        CaseId ??= caseId;
        if (CaseStatusChangedAt is not null && changedAt < CaseStatusChangedAt)
            return false;
        CaseStatus = status;
        ReplyDue = replyDue;
        CaseStatusChangedAt = changedAt;
        if (status == "Closed")
            ClosedAt = changedAt;
        ReplyType = replyType ?? ReplyType;
        ReplyTypeLabel = replyTypeLabel ?? ReplyTypeLabel;
        return true;
    }

    // No 0/O/1/I/L: the applicant reads the code off paper and types it back.
    public const string QueryCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int QueryCodeLength = 8;

    public static string NewQueryCode() =>
        string.Create(QueryCodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = QueryCodeAlphabet[RandomNumberGenerator.GetInt32(QueryCodeAlphabet.Length)];
        });

    public static string HashQueryCode(string queryCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(queryCode.Trim().ToUpperInvariant())));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guessed code was right.</summary>
    public bool QueryCodeMatches(string queryCode) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashQueryCode(queryCode)), Encoding.ASCII.GetBytes(QueryCodeHash));
}

/// <summary>The last number given per unit and year; the row lock makes numbering gapless under concurrency.</summary>
public sealed class ApplicationNumberCounter : ITenantOwned
{
    public string TenantId { get; set; } = "";
    public int Year { get; set; }
    public int LastValue { get; set; }
}

/// <summary>A file attached to an application; the content is stored encrypted, the hash is of the original.</summary>
public sealed class ApplicationAttachment : ITenantOwned
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public AttachmentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>SHA-256 (hex) of the original content.</summary>
    public string Sha256 { get; set; } = "";
    /// <summary>The encryption key the content was sealed with, so keys can rotate.</summary>
    public string KeyId { get; set; } = "";
    /// <summary>AES-GCM nonce + tag + ciphertext.</summary>
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>A repeat or same-subject flag raised at registration, for staff to judge.</summary>
public sealed class ApplicationFlag : ITenantOwned
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public FlagKind Kind { get; set; }
    public List<string> RelatedApplicationNumbers { get; set; } = [];
    public double Similarity { get; set; }
    public DateTimeOffset FlaggedAt { get; set; }
}

/// <summary>A document issued for a case (from Document's DocumentIssued), whose title public tracking shows.</summary>
public sealed class CaseDocument : ITenantOwned
{
    public Guid DocumentId { get; set; }
    public string TenantId { get; set; } = "";
    public Guid CaseId { get; set; }
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
}
