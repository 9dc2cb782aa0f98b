using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;

namespace Gongkai.Intake.Apis;

public sealed record FlagView(string Kind, string Label, string Basis, IReadOnlyList<string> RelatedApplicationNumbers, double Similarity, DateTimeOffset FlaggedAt)
{
    public static FlagView From(ApplicationFlag f) =>
        new(f.Kind.ToString(), f.Kind.Label(), f.Kind.Basis(), f.RelatedApplicationNumbers, f.Similarity, f.FlaggedAt);
}

public sealed record AttachmentView(Guid Id, string Kind, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>What a registrar gets back: the number and query code to hand the applicant, the dates, warnings and flags.</summary>
public sealed record RegistrationReceipt(
    Guid Id,
    string ApplicationNumber,
    string QueryCode,
    string Status,
    string StatusLabel,
    DateTimeOffset ArrivedAt,
    DateOnly? LegalReceiptDate,
    string ReceiptRule,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<FlagView> Flags)
{
    public static RegistrationReceipt From(RegistrationResult.Registered r) => new(
        r.Application.Id, r.Application.Number, r.QueryCode, r.Application.Status.ToString(), r.Application.Status.Label(),
        r.Application.ArrivedAt, r.Application.LegalReceiptDate, ReceiptDateRules.Explain(r.Application.Channel), r.Warnings,
        r.Flags.Select(FlagView.From).ToList());
}

/// <summary>What the public form and the city platform get back: no flags, no internal ids beyond the application's.</summary>
public sealed record SubmissionReceipt(
    string ApplicationNumber,
    string QueryCode,
    string Status,
    DateOnly? LegalReceiptDate,
    string Message,
    IReadOnlyList<string> Warnings)
{
    public static SubmissionReceipt From(RegistrationResult.Registered r) => new(
        r.Application.Number, r.QueryCode, PublicStatus.For(r.Application.Status, r.Application.CaseId, r.Application.CaseStatus),
        r.Application.LegalReceiptDate,
        r.Application.Status == ApplicationStatus.AwaitingConfirmation
            ? "申请已提交。工作机构与您确认收到后，以确认之日为收到申请之日，并自次日起计算答复期限。请凭申请编号和查询码查询办理进度。"
            : "申请已登记。请凭申请编号和查询码查询办理进度。",
        r.Warnings);
}

/// <summary>The applicant as staff see them by default: identity and contact masked.</summary>
public sealed record ApplicantView(
    string Kind,
    string Name,
    string? OrganisationCategory,
    string? OrganisationCategoryLabel,
    string? CreditCode,
    string? ContactName,
    string? IdType,
    string? IdNumber,
    string? Phone,
    string? Email,
    string? Address,
    string? PostalCode);

public sealed record AgentView(string Name, string? IdType, string? IdNumber, string? Phone);

/// <summary>
/// An application for the unit's staff. ApplicantName, Channel, LegalReceiptDate, RegisteredAt, CaseId and
/// ReplyDue keep the names the walking skeleton had; personal data is masked (the full values are behind
/// the audited personal-data endpoint).
/// </summary>
public sealed record ApplicationView(
    Guid Id,
    string ApplicationNumber,
    string Status,
    string StatusLabel,
    string ApplicantName,
    ApplicantView Applicant,
    AgentView? Agent,
    string Description,
    string? DocumentNumber,
    string? Purpose,
    string? RequestedForm,
    string? DeliveryRoute,
    string Channel,
    string ChannelLabel,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? ConfirmedAt,
    string? ConfirmationMethod,
    string? ConfirmationNote,
    string? ConfirmedBy,
    DateOnly? LegalReceiptDate,
    string ReceiptRule,
    DateTimeOffset RegisteredAt,
    string? RegisteredBy,
    string? ExternalReference,
    Guid? CaseId,
    string? CaseStatus,
    DateOnly? ReplyDue,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<FlagView> Flags,
    IReadOnlyList<AttachmentView> Attachments)
{
    public static ApplicationView From(Application a, PersonalDataProtector protector, IEnumerable<ApplicationFlag> flags, IEnumerable<AttachmentView> attachments)
    {
        string? Masked(string? sealedValue, string field, Func<string, string> mask) =>
            protector.Unprotect(sealedValue, ApplicationRegistrar.Context(a.Id, field)) is { } plain ? mask(plain) : null;

        var applicant = new ApplicantView(a.ApplicantKind.ToString(), a.ApplicantName, a.OrganisationCategory?.ToString(), a.OrganisationCategory?.Label(),
            a.CreditCode, a.ContactName, a.IdType?.ToString(), Masked(a.IdNumberProtected, "id_number", Masking.IdNumber),
            Masked(a.PhoneProtected, "phone", Masking.Phone), Masked(a.EmailProtected, "email", Masking.Email),
            Masked(a.AddressProtected, "address", Masking.Address), a.PostalCode);
        var agent = a.AgentName is null ? null
            : new AgentView(a.AgentName, a.AgentIdType?.ToString(), Masked(a.AgentIdNumberProtected, "agent_id_number", Masking.IdNumber),
                Masked(a.AgentPhoneProtected, "agent_phone", Masking.Phone));
        return new ApplicationView(a.Id, a.Number, a.Status.ToString(), PublicStatus.For(a.Status, a.CaseId, a.CaseStatus), a.ApplicantName,
            applicant, agent, a.Description, a.DocumentNumber, a.Purpose, a.RequestedForm?.ToString(), a.DeliveryRoute?.ToString(),
            a.Channel.ToString(), a.Channel.Label(), a.ArrivedAt, a.ConfirmedAt, a.ConfirmationMethod?.ToString(), a.ConfirmationNote,
            a.ConfirmedBy, a.LegalReceiptDate, ReceiptDateRules.Explain(a.Channel), a.RegisteredAt, a.RegisteredBy, a.ExternalReference,
            a.CaseId, a.CaseStatus, a.ReplyDue,
            [.. ApplicationValidator.VagueWordWarnings(a.Description), .. ReceiptDateRules.Warnings(a.Channel, a.ArrivedAt, a.ConfirmedAt)],
            flags.Select(FlagView.From).ToList(), attachments.ToList());
    }
}

public sealed record ApplicationSummary(
    Guid Id,
    string ApplicationNumber,
    string Status,
    string StatusLabel,
    string ApplicantName,
    string Channel,
    DateTimeOffset ArrivedAt,
    DateOnly? LegalReceiptDate,
    DateOnly? ReplyDue,
    int FlagCount);

/// <summary>The unmasked personal data, for the staff who must contact the applicant or deliver the reply.</summary>
public sealed record PersonalDataView(string? IdType, string? IdNumber, string? Phone, string? Email, string? Address, string? PostalCode,
    string? AgentIdType, string? AgentIdNumber, string? AgentPhone);

/// <summary>Public tracking: state, legal receipt date, reply-due date and the issued documents' titles — nothing else.</summary>
/// <param name="ReplyAvailable">The reply letter (答复书) exists and can be downloaded with the same number and query code.</param>
public sealed record TrackingView(string State, DateOnly? LegalReceiptDate, DateOnly? ReplyDue, IReadOnlyList<string> Documents, bool ReplyAvailable);
