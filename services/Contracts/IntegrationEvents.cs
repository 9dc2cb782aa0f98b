namespace Gongkai.Contracts;

// Integration events are past-tense facts one service tells the others. They carry ids, numbers and
// dates, never personal data (names, ID numbers, phones, addresses): those stay in the owning service.
// The tenant travels in the message header (TenantHeaders.Message); TenantId is repeated in the body so
// a stored event is self-describing.

/// <summary>
/// Intake stored, numbered and dated a disclosure application. ApplicantCategory is the annual-report
/// column (NaturalPerson, CommercialEnterprise, ResearchInstitution, PublicInterestOrganization,
/// LegalServiceInstitution, Other); null means a natural person. ApplicantName is carried because every
/// letter of the case is addressed to it (no ID number, phone or address ever travels).
/// </summary>
public sealed record ApplicationRegistered(
    Guid ApplicationId,
    string TenantId,
    string ApplicationNumber,
    string Channel,
    DateOnly LegalReceiptDate,
    DateTimeOffset RegisteredAt,
    string? ApplicantCategory = null,
    string? ApplicantName = null,
    string? SuggestedDomain = null);

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

/// <summary>
/// What a review is about. Case (the default, so senders that predate it keep working): a case's drafted decision,
/// CaseId is Workflow's case. Publication: a proactive-disclosure catalogue item before it goes public, CaseId is
/// Publishing's item id. AnnualReport: a unit's annual report before sign-off, CaseId is Publishing's report id.
/// LegalReview keeps the subject and echoes it on ReviewApproved and ReviewReturned; each service ignores results
/// about subjects that are not its own.
/// </summary>
public enum ReviewSubject
{
    Case,
    Publication,
    AnnualReport,
}

/// <summary>
/// A handler sent the case's drafted decision to review (or, with Subject Publication, Publishing sent an item). ReplyType and Outcome are Workflow's enum names;
/// TouchesThirdParty says a third party's rights are involved (a consultation was held, or the decision rests
/// on them), which brings the confidentiality review into the chain. Round counts the requests for this case.
/// </summary>
public sealed record ReviewRequested(
    Guid CaseId,
    string TenantId,
    string CaseNumber,
    DateOnly ReplyDue,
    DateTimeOffset RequestedAt,
    int Round = 1,
    string? ReplyType = null,
    string? Outcome = null,
    bool TouchesThirdParty = false,
    ReviewSubject Subject = ReviewSubject.Case);

/// <summary>LegalReview created the review (its chain of steps) for a requested review; Subject as requested.</summary>
public sealed record ReviewTaskCreated(
    Guid ReviewTaskId,
    Guid CaseId,
    string TenantId,
    DateTimeOffset CreatedAt,
    ReviewSubject Subject = ReviewSubject.Case);

/// <summary>
/// Document issued (rendered and stored) a document of a case. RequestId links it to the DocumentRequested
/// it answers; DocumentNumber is the unit's number (e.g. 双府公复〔2026〕12号) where the kind is numbered.
/// </summary>
public sealed record DocumentIssued(
    Guid DocumentId,
    Guid CaseId,
    string TenantId,
    string Kind,
    string Title,
    DateTimeOffset IssuedAt,
    string? DocumentNumber = null,
    string? Sha256 = null,
    Guid? RequestId = null);

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
    DateTimeOffset OccurredAt) : IConsumedAsNamedUnit;

/// <summary>
/// A message consumed as the unit it names rather than as its sender (the tenant header): a district
/// supervisor's read of a township's case goes into the township's records.
/// </summary>
public interface IConsumedAsNamedUnit
{
    string TenantId { get; }
}

/// <summary>
/// A case moved to another status (受理, 补正, 征求意见, 审查, 答复, 送达, 办结…). Status is the Workflow's
/// CaseStatus name; StatusLabel is its Chinese label for people; ReplyDue is null while the clock is paused.
/// ReplyType (Workflow's enum name) and its label are the drafted or final decision, null before there is one.
/// </summary>
public sealed record CaseStatusChanged(
    Guid CaseId,
    Guid ApplicationId,
    string TenantId,
    string Status,
    string StatusLabel,
    DateOnly? ReplyDue,
    DateTimeOffset ChangedAt,
    string? ReplyType = null,
    string? ReplyTypeLabel = null);

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

/// <summary>
/// Workflow needs a standard document for a case (a receipt, a notice, a letter, the reply). Document renders
/// it from the unit's current template and letterhead, numbers it where the kind is numbered, stores it and
/// answers with DocumentIssued. Kind is one of DocumentKinds; Fields carry the kind's particulars (reply type,
/// annual-report row, reasons, the third party's name, the extension's days…), all plain strings.
/// </summary>
public sealed record DocumentRequested(
    Guid RequestId,
    Guid CaseId,
    Guid ApplicationId,
    string TenantId,
    string Kind,
    string CaseNumber,
    string ApplicantName,
    DateOnly ReceivedOn,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset RequestedAt);

/// <summary>LegalReview's chain for a case approved the decision (all steps signed off).</summary>
public sealed record ReviewApproved(
    Guid CaseId,
    string TenantId,
    Guid ReviewId,
    int Round,
    string ApprovedBy,
    DateTimeOffset ApprovedAt,
    ReviewSubject Subject = ReviewSubject.Case);

/// <summary>A reviewer returned the decision for rework; the handler reworks it and asks again (a new round).</summary>
public sealed record ReviewReturned(
    Guid CaseId,
    string TenantId,
    Guid ReviewId,
    int Round,
    string Reasons,
    string ReturnedBy,
    DateTimeOffset ReturnedAt,
    ReviewSubject Subject = ReviewSubject.Case);

/// <summary>A review step has waited longer than its unit allows (in working days); raised once per step.</summary>
public sealed record ReviewStepOverdue(
    Guid ReviewId,
    Guid CaseId,
    string TenantId,
    string CaseNumber,
    int Step,
    string StepName,
    string Role,
    int WaitingWorkingDays,
    DateTimeOffset RaisedAt);
