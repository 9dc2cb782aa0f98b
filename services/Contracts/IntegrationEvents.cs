namespace Gongkai.Contracts;

// Integration events are past-tense facts one service tells the others. They carry ids, numbers and
// dates, never personal data (names, ID numbers, phones, addresses): those stay in the owning service.
// The tenant travels in the message header (TenantHeaders.Message); TenantId is repeated in the body so
// a stored event is self-describing.

/// <summary>
/// Intake stored, numbered and dated a disclosure application. ApplicantCategory is the annual-report
/// column (NaturalPerson, CommercialEnterprise, ResearchInstitution, PublicInterestOrganization,
/// LegalServiceInstitution, Other); null means a natural person.
/// </summary>
public sealed record ApplicationRegistered(
    Guid ApplicationId,
    string TenantId,
    string ApplicationNumber,
    string Channel,
    DateOnly LegalReceiptDate,
    DateTimeOffset RegisteredAt,
    string? ApplicantCategory = null);

/// <summary>Workflow opened a case for an application and computed its statutory deadlines.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    Guid ApplicationId,
    string TenantId,
    string CaseNumber,
    DateOnly ReceivedOn,
    DateOnly ReplyDue,
    bool ReplyDueProvisional,
    DateTimeOffset OpenedAt);

/// <summary>A handler sent the case's draft decision to legal review.</summary>
public sealed record ReviewRequested(
    Guid CaseId,
    string TenantId,
    string CaseNumber,
    DateOnly ReplyDue,
    DateTimeOffset RequestedAt);

/// <summary>LegalReview created the review task for a requested review.</summary>
public sealed record ReviewTaskCreated(
    Guid ReviewTaskId,
    Guid CaseId,
    string TenantId,
    DateTimeOffset CreatedAt);

/// <summary>Document issued (rendered and stored) a document of a case.</summary>
public sealed record DocumentIssued(
    Guid DocumentId,
    Guid CaseId,
    string TenantId,
    string Kind,
    string Title,
    DateTimeOffset IssuedAt);

/// <summary>
/// Something the audit log must keep (a supervisor read a case, a case changed state, a document was
/// issued, an export was made). Identity owns the log and appends it to the tenant's hash chain.
/// </summary>
public sealed record AuditableActionOccurred(
    string TenantId,
    string Actor,
    string? ActorTenantId,
    string Action,
    string Target,
    string? Detail,
    string? SourceAddress,
    DateTimeOffset OccurredAt);

/// <summary>
/// A case moved to another status (受理, 补正, 征求意见, 审查, 答复, 送达, 办结…). Status is the Workflow's
/// CaseStatus name; StatusLabel is its Chinese label for people; ReplyDue is null while the clock is paused.
/// </summary>
public sealed record CaseStatusChanged(
    Guid CaseId,
    Guid ApplicationId,
    string TenantId,
    string Status,
    string StatusLabel,
    DateOnly? ReplyDue,
    DateTimeOffset ChangedAt);

/// <summary>
/// A reply deadline is near (DueSoon) or has passed (Overdue). Raised once per case, kind and deadline,
/// however many Workflow instances scan.
/// </summary>
public sealed record CaseDeadlineAlertRaised(
    Guid CaseId,
    Guid ApplicationId,
    string TenantId,
    string CaseNumber,
    string Kind,
    DateOnly Deadline,
    int RemainingWorkingDays,
    DateTimeOffset RaisedAt);
