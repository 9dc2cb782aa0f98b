namespace Gongkai.Contracts;

/// <summary>
/// Intake flagged a registered application for staff to judge; a flag never blocks registration.
/// Kind RepeatedByApplicant: the same applicant (matched by a keyed hash of the ID number, never the number
/// itself) asked for similar information within the configured window — an Art. 35 / Art. 36(6) candidate.
/// Kind SameSubjectSeveralApplicants: several applicants asked for the same information — an Art. 44
/// proactive-disclosure candidate. Similarity is 0–1 between the descriptions (1 for the same document number).
/// </summary>
public sealed record ApplicationFlagged(
    Guid ApplicationId,
    string TenantId,
    string ApplicationNumber,
    string Kind,
    string KindLabel,
    string Basis,
    string[] RelatedApplicationNumbers,
    double Similarity,
    DateTimeOffset FlaggedAt);
