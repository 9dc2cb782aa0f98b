namespace Gongkai.Intake.Domain;

/// <summary>
/// An application as submitted (the JSON body of every registration endpoint). Everything is nullable so
/// that a missing field becomes a named validation error instead of an unreadable body.
/// </summary>
public sealed record ApplicationForm
{
    /// <summary>The unit the application is addressed to: required on the public form and from the city platform.</summary>
    public string? UnitCode { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>When it arrived (handed in, signed for, letter/fax/e-mail received); defaults to now.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    /// <summary>Receipt confirmation already made at registration (ordinary letters, internet, fax).</summary>
    public ReceiptConfirmation? Confirmation { get; init; }

    public ApplicantKind? ApplicantKind { get; init; }

    /// <summary>A person's name or an organisation's full name.</summary>
    public string? ApplicantName { get; init; }

    public OrganisationCategory? OrganisationCategory { get; init; }

    /// <summary>统一社会信用代码 of an organisation.</summary>
    public string? CreditCode { get; init; }

    /// <summary>An organisation's contact person.</summary>
    public string? ContactName { get; init; }

    public IdDocumentType? IdType { get; init; }

    public string? IdNumber { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Address { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>Present when someone applies on the applicant's behalf (委托代理).</summary>
    public AgentForm? Agent { get; init; }

    /// <summary>Name, document number or other description of the information sought (Art. 29 para 2 item 2).</summary>
    public string? Description { get; init; }

    /// <summary>文号, when the applicant knows it.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>Optional: the 2019 Regulation requires no purpose (no “三需要” test).</summary>
    public string? Purpose { get; init; }

    public RequestedForm? RequestedForm { get; init; }

    public DeliveryRoute? DeliveryRoute { get; init; }

    public List<AttachmentForm?>? Attachments { get; init; }

    /// <summary>The city platform's own id of the application.</summary>
    public string? ExternalReference { get; init; }
}

/// <summary>The agent (受托人) of an application by proxy; the applicant fields describe the principal.</summary>
public sealed record AgentForm
{
    public string? Name { get; init; }
    public IdDocumentType? IdType { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
}

/// <summary>Where an application comes from; each source may set different fields.</summary>
public enum RegistrationSource
{
    /// <summary>A registrar enters an application received offline (or copies one in) for the applicant.</summary>
    Staff,
    /// <summary>The anonymous online form.</summary>
    PublicForm,
    /// <summary>The city platform's push, with its client identity.</summary>
    CityPlatform,
}

public sealed record ValidatedAgent(string Name, IdDocumentType IdType, string IdNumber, string? Phone);

/// <summary>An application that passed Art. 29 validation, trimmed and normalised, with its Art. 31 receipt outcome.</summary>
public sealed record ValidatedApplication(
    string? UnitCode,
    Channel Channel,
    ReceiptOutcome Receipt,
    ApplicantKind ApplicantKind,
    string ApplicantName,
    OrganisationCategory? OrganisationCategory,
    string? CreditCode,
    string? ContactName,
    IdDocumentType? IdType,
    string? IdNumber,
    string? Phone,
    string? Email,
    string? Address,
    string? PostalCode,
    ValidatedAgent? Agent,
    string Description,
    string? DocumentNumber,
    string? Purpose,
    RequestedForm RequestedForm,
    DeliveryRoute DeliveryRoute,
    IReadOnlyList<ValidatedAttachment> Attachments,
    string? ExternalReference,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The annual report's applicant column, as ApplicationRegistered carries it.</summary>
    public string ApplicantCategory => ApplicantKind == ApplicantKind.NaturalPerson ? "NaturalPerson" : OrganisationCategory!.Value.ToString();

    /// <summary>
    /// Who the applicant is, for repeat detection: the identity document of a person, the credit code of an
    /// organisation. Only its keyed hash is stored.
    /// </summary>
    public string ApplicantIdentity => ApplicantKind == ApplicantKind.NaturalPerson ? $"{IdType}:{IdNumber}" : $"USCC:{CreditCode}";
}
