using System.Diagnostics;
using System.Text.Json;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gongkai.Intake.Registration;

public abstract record RegistrationResult
{
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegistrationResult;

    /// <summary>The idempotency key was used before for a different application.</summary>
    public sealed record KeyReused : RegistrationResult;

    public sealed record Registered(Application Application, string QueryCode, IReadOnlyList<string> Warnings,
        IReadOnlyList<ApplicationFlag> Flags, bool Replayed) : RegistrationResult;
}

public abstract record ConfirmationResult
{
    public sealed record NotFound : ConfirmationResult;

    public sealed record AlreadyFixed(Application Application) : ConfirmationResult;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : ConfirmationResult;

    public sealed record Confirmed(Application Application, IReadOnlyList<string> Warnings) : ConfirmationResult;
}

/// <summary>
/// Registration shared by the three doors (staff, public form, city platform): idempotency, numbering,
/// encryption of personal data, attachments, repeat detection and the events, all in one transaction.
/// </summary>
public sealed class ApplicationRegistrar(
    PersonalDataProtector protector,
    TimeProvider clock,
    IOptions<RepeatDetectionOptions> repeatOptions,
    ILogger<ApplicationRegistrar> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions FingerprintJson = new(JsonSerializerDefaults.Web);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Art. 29 validation plus the idempotency key's shape; nothing touches the database.</summary>
    public ValidationOutcome Validate(ApplicationForm? form, RegistrationSource source, string? idempotencyKey, bool keyRequired = false)
    {
        var outcome = ApplicationValidator.Validate(form, source, Now);
        if (idempotencyKey is null && keyRequired)
            outcome.Errors[IdempotencyHeader] = ["请在 Idempotency-Key 请求头中提供幂等键，以便重试时不重复登记。"];
        else if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 100 || idempotencyKey.Any(c => c is < '!' or > '~')))
            outcome.Errors[IdempotencyHeader] = ["幂等键应为 1 至 100 个可见 ASCII 字符。"];
        return outcome.Errors.Count > 0 ? outcome with { Application = null } : outcome;
    }

    /// <summary>Registers a validated application in <paramref name="db"/>'s unit (its tenant scope).</summary>
    public async Task<RegistrationResult> RegisterAsync(IntakeDbContext db, ValidatedApplication v, ApplicationForm form, RegistrationSource source,
        string registeredBy, string? idempotencyKey, CancellationToken ct, Action<IntakeDbContext, Application>? alsoInTransaction = null)
    {
        var fingerprint = idempotencyKey is null ? null
            : protector.BlindIndex($"request|{source}|{JsonSerializer.Serialize(form, FingerprintJson)}");
        if (idempotencyKey is not null && await ReplayAsync(db, idempotencyKey, fingerprint!, v, ct) is { } earlier)
            return earlier;

        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The number's year: the legal receipt date's when known, otherwise the arrival day's.
        var year = (v.Receipt.LegalReceiptDate ?? ChinaTime.DateOf(v.Receipt.ArrivedAt)).Year;
        var sequence = await db.NextApplicationNumberAsync(year, ct);
        var number = $"{db.Tenant.Required}-{year}-{sequence:D5}";

        var id = Guid.NewGuid();
        var queryCode = Application.NewQueryCode();
        var personal = new ProtectedPersonalData(
            protector.Protect(v.IdNumber, Context(id, "id_number")),
            protector.Protect(v.Phone, Context(id, "phone")),
            protector.Protect(v.Email, Context(id, "email")),
            protector.Protect(v.Address, Context(id, "address")),
            protector.Protect(v.Agent?.IdNumber, Context(id, "agent_id_number")),
            protector.Protect(v.Agent?.Phone, Context(id, "agent_phone")));
        var application = Application.Create(id, number, queryCode, protector.Protect(queryCode, Context(id, "query_code"))!, v, personal,
            protector.BlindIndex(v.ApplicantIdentity), registeredBy, now, Activity.Current?.TraceId.ToString(), idempotencyKey, fingerprint);
        db.Applications.Add(application);
        foreach (var attachment in v.Attachments)
            db.Attachments.Add(NewAttachment(id, attachment, registeredBy, now));

        // Inside the numbering lock: every registration of the unit sees all earlier ones, so two
        // simultaneous identical requests still flag each other.
        var flags = await DetectRepeatsAsync(db, application, now, ct);
        if (application.Status == ApplicationStatus.Registered)
            PublishRegistered(db, application, flags);
        alsoInTransaction?.Invoke(db, application);

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (idempotencyKey is not null && ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IntakeDbContext.IdempotencyIndex,
        })
        {
            // A concurrent retry with the same key committed first; its number comes back on rollback.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, idempotencyKey, fingerprint!, v, ct)
                ?? throw new InvalidOperationException("Idempotency conflict without a stored application.");
        }

        Activity.Current?.SetTag("gongkai.application_number", number);
        logger.LogInformation("Registered application {ApplicationNumber} via {Channel} ({Source}), status {Status}, {FlagCount} repeat flag(s)",
            number, application.Channel, source, application.Status, flags.Count);
        return new RegistrationResult.Registered(application, queryCode, v.Warnings, flags, Replayed: false);
    }

    /// <summary>Art. 31's confirmation step: fixes the legal receipt date and tells Workflow, once.</summary>
    public async Task<ConfirmationResult> ConfirmAsync(IntakeDbContext db, Guid id, ReceiptConfirmation confirmation, string confirmedBy, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two registrars confirming at once: the second waits here and then sees the date fixed.
        await db.LockApplicationAsync(id, ct);
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
            return new ConfirmationResult.NotFound();
        if (application.Status != ApplicationStatus.AwaitingConfirmation)
            return new ConfirmationResult.AlreadyFixed(application);

        var errors = new Dictionary<string, string[]>();
        var outcome = ReceiptDateRules.Confirm(application.Channel, application.ArrivedAt, confirmation, Now, errors, confirmationField: "");
        if (outcome is null)
            return new ConfirmationResult.Invalid(errors);
        application.ConfirmReceipt(outcome, confirmedBy);
        var flags = await db.Flags.Where(f => f.ApplicationId == id).OrderBy(f => f.FlaggedAt).ToListAsync(ct);
        PublishRegistered(db, application, flags);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Receipt of application {ApplicationNumber} confirmed ({Method}), legal receipt date {LegalReceiptDate}",
            application.Number, outcome.Method, outcome.LegalReceiptDate);
        return new ConfirmationResult.Confirmed(application, outcome.Warnings);
    }

    public ApplicationAttachment NewAttachment(Guid applicationId, ValidatedAttachment attachment, string uploadedBy, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        var (keyId, content) = protector.ProtectBytes(attachment.Content, AttachmentContext(id));
        return new ApplicationAttachment
        {
            Id = id,
            ApplicationId = applicationId,
            Kind = attachment.Kind,
            FileName = attachment.FileName,
            ContentType = attachment.ContentType,
            SizeBytes = attachment.Content.Length,
            Sha256 = attachment.Sha256,
            KeyId = keyId,
            Content = content,
            UploadedAt = now,
            UploadedBy = uploadedBy,
        };
    }

    /// <summary>Associated data binding a sealed value to its row and column (see PersonalDataProtector).</summary>
    public static string Context(Guid applicationId, string field) => $"application:{applicationId}:{field}";

    public static string AttachmentContext(Guid attachmentId) => $"attachment:{attachmentId}:content";

    private async Task<RegistrationResult?> ReplayAsync(IntakeDbContext db, string idempotencyKey, string fingerprint, ValidatedApplication v, CancellationToken ct)
    {
        var existing = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.IdempotencyKey == idempotencyKey, ct);
        if (existing is null)
            return null;
        if (existing.RequestFingerprint != fingerprint)
            return new RegistrationResult.KeyReused();
        var flags = await db.Flags.AsNoTracking().Where(f => f.ApplicationId == existing.Id).OrderBy(f => f.FlaggedAt).ToListAsync(ct);
        var queryCode = protector.Unprotect(existing.QueryCodeProtected, Context(existing.Id, "query_code"))!;
        logger.LogInformation("Idempotent retry of application {ApplicationNumber} answered without registering again", existing.Number);
        return new RegistrationResult.Registered(existing, queryCode, v.Warnings, flags, Replayed: true);
    }

    private async Task<List<ApplicationFlag>> DetectRepeatsAsync(IntakeDbContext db, Application application, DateTimeOffset now, CancellationToken ct)
    {
        var options = repeatOptions.Value;
        var since = now.AddDays(-options.WindowDays);
        var earlier = await db.Applications.AsNoTracking()
            .Where(a => a.ArrivedAt >= since && a.Id != application.Id)
            .OrderByDescending(a => a.ArrivedAt)
            .Take(options.MaxCandidates)
            .Select(a => new RepeatCandidate(a.Id, a.Number, a.ApplicantIndex, a.Description, a.DocumentNumber))
            .ToListAsync(ct);
        var flags = RepeatDetector.Detect(application.ApplicantIndex!, application.Description, application.DocumentNumber, earlier, options)
            .Select(f => new ApplicationFlag
            {
                Id = Guid.NewGuid(),
                ApplicationId = application.Id,
                Kind = f.Kind,
                RelatedApplicationNumbers = [.. f.RelatedApplicationNumbers],
                Similarity = Math.Round(f.Similarity, 3),
                FlaggedAt = now,
            })
            .ToList();
        db.Flags.AddRange(flags);
        return flags;
    }

    /// <summary>
    /// ApplicationRegistered starts Workflow's clock, so it goes out only once the legal receipt date is
    /// fixed; the flags follow it, so their consumers find the case being opened.
    /// </summary>
    private static void PublishRegistered(IntakeDbContext db, Application application, IEnumerable<ApplicationFlag> flags)
    {
        var tenant = db.Tenant.Required;
        db.AddIntegrationEvent(new ApplicationRegistered(application.Id, tenant, application.Number, application.Channel.ToString(),
            application.LegalReceiptDate!.Value, application.RegisteredAt, application.ApplicantCategory, application.ApplicantName,
            KeyDomains.Suggest(application.Description)?.Code));
        foreach (var flag in flags)
            db.AddIntegrationEvent(new ApplicationFlagged(application.Id, tenant, application.Number, flag.Kind.ToContract(), flag.Kind.Label(),
                flag.Kind.Basis(), [.. flag.RelatedApplicationNumbers], flag.Similarity, flag.FlaggedAt));
    }
}
