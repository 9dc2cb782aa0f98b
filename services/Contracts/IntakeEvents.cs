using System.Text.Json.Serialization;

namespace Gongkai.Contracts;

/// <summary>
/// What Intake flagged. Written as its name on the wire and in the outbox (the type's converter, whatever the serializer's
/// options), so the stored and sent JSON keep the string the field had before it was typed; an unknown name fails to read
/// instead of being miscounted.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationFlagKind>))]
public enum ApplicationFlagKind
{
    /// <summary>The same applicant asked again for similar information: an Art. 35 / Art. 36(6) candidate.</summary>
    RepeatedByApplicant,
    /// <summary>Several applicants asked for the same information: an Art. 44 proactive-disclosure candidate.</summary>
    SameSubjectSeveralApplicants,
}

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
    ApplicationFlagKind Kind,
    string KindLabel,
    string Basis,
    string[] RelatedApplicationNumbers,
    double Similarity,
    DateTimeOffset FlaggedAt);
