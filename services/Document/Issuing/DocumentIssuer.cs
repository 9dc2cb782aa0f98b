using System.Diagnostics;
using System.Security.Cryptography;
using Gongkai.BuildingBlocks;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Numbering;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Rendering;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gongkai.Document.Issuing;

/// <summary>What to issue: a DocumentRequested, or the legacy receipt of a CaseOpened (no request id, no applicant name).</summary>
public sealed record IssueCommand(
    Guid? RequestId,
    Guid CaseId,
    string Kind,
    string CaseNumber,
    string? ApplicantName,
    DateOnly ReceivedOn,
    IReadOnlyDictionary<string, string> Fields);

public enum IssueResult
{
    Issued,
    AlreadyIssuedForRequest,
    ReceiptAlreadyExists,
}

/// <summary>
/// Issues one document: chooses the unit's current wording, takes the next number of the unit's series, renders
/// DOCX and PDF, stores both with their SHA-256 and queues DocumentIssued. The number is taken and reserved in one
/// short transaction (<see cref="NumberReservation"/>), so the counter's row lock is held for milliseconds, never while
/// a letter is drawn; the document is drawn after that commit and issued with its files and events in a second one.
/// A failed draw or a crash leaves the number reserved, and the request's next attempt issues it: numbers stay gapless.
/// </summary>
public sealed class DocumentIssuer(DocumentDbContext db, PdfLetter pdfLetter, UnitNames unitNames, TimeProvider clock, ILogger<DocumentIssuer> logger)
{
    public const string UnitNameMissing = "【单位全称未设置】";

    /// <summary>Issues the document, or saves nothing but pending changes (an inbox row) when it already exists.</summary>
    public async Task<IssueResult> IssueAsync(IssueCommand command, CancellationToken ct)
    {
        if (await ExistingAsync(command, ct) is { } existing)
        {
            await db.SaveChangesAsync(ct);
            return existing;
        }

        var (key, error) = TemplateCatalog.KeyFor(command.Kind, command.Fields);
        if (key is null)
            throw new InvalidOperationException($"Cannot issue document for request {command.RequestId}: {error}");
        var template = TemplateCatalog.Find(key)!;
        await unitNames.RefreshAsync(db, ct);
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct);
        var wording = await CurrentWordingAsync(db, template, ct);
        var letterhead = Letterhead(settings, command.Fields);
        // A letter never goes out without the unit's name: the request waits and is tried again (see RequestedDocuments).
        if (letterhead.UnitName == UnitNameMissing)
            throw new UnitNameMissingException();

        // A number reserved by an earlier attempt is issued whatever the pattern says now; otherwise one is taken if the
        // unit numbers this family. Losing the race to reserve means another attempt holds the number: draw it too, and
        // whichever stores first issues it.
        var pattern = settings?.PatternOf(template.Family) ?? DocumentNumberPattern.Defaults[template.Family];
        var reservation = await ReservationOfAsync(command, ct);
        if (reservation is null && pattern.Length > 0)
        {
            reservation = await ReserveAsync(command, pattern, ct) ?? await ReservationOfAsync(command, ct)
                ?? throw new InvalidOperationException($"No number is reserved for case {command.CaseId} ({command.Kind}) after a reservation conflict.");
        }
        var issuedAt = reservation?.IssuedAt ?? clock.GetUtcNow();
        var issuedOn = ChinaTime.DateOf(issuedAt);
        var number = reservation?.Number;

        var request = new LetterRequest(command.Kind, command.CaseNumber, command.ApplicantName, command.ReceivedOn, command.Fields, issuedOn);
        var letter = LetterComposer.Compose(template, wording.Title, wording.Paragraphs, request, letterhead, number);
        var stopwatch = Stopwatch.StartNew();
        var docx = DocxLetter.Render(letter);
        var docxMs = stopwatch.ElapsedMilliseconds;
        var pdf = pdfLetter.Render(letter);
        var pdfMs = stopwatch.ElapsedMilliseconds - docxMs;

        var document = new IssuedDocument
        {
            Id = reservation?.DocumentId ?? Guid.NewGuid(),
            CaseId = command.CaseId,
            Kind = command.Kind,
            Title = wording.Title,
            IssuedAt = issuedAt,
            TraceId = Activity.Current?.TraceId.ToString(),
            RequestId = command.RequestId,
            CaseNumber = command.CaseNumber,
            DocumentNumber = number,
            NumberPattern = reservation?.Pattern,
            NumberYear = reservation?.Year,
            NumberSequence = reservation?.Sequence,
            TemplateKey = key,
            TemplateVersion = wording.Version,
            SettingsRevision = settings?.Revision ?? 0,
            PdfSha256 = Sha256(pdf),
            DocxSha256 = Sha256(docx),
        };
        db.Documents.Add(document);
        db.Files.Add(new DocumentFile { DocumentId = document.Id, Format = DocumentFile.Pdf, MediaType = DocumentFile.PdfMediaType, Content = pdf, Sha256 = document.PdfSha256, Length = pdf.Length });
        db.Files.Add(new DocumentFile { DocumentId = document.Id, Format = DocumentFile.Docx, MediaType = DocumentFile.DocxMediaType, Content = docx, Sha256 = document.DocxSha256, Length = docx.Length });
        db.AddIntegrationEvent(new DocumentIssued(document.Id, document.CaseId, db.Tenant.Required, document.Kind, document.Title, document.IssuedAt,
            document.DocumentNumber, document.PdfSha256, document.RequestId));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, "文书服务", db.Tenant.Required, "document-issued",
            $"document:{document.Id}", $"{document.Title}{(number is null ? "" : $" {number}")}（案件 {command.CaseNumber}）", null, issuedAt));

        try
        {
            // One SaveChanges, one transaction: the document, its files, the events (and the consumer's inbox row).
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Two attempts at the same reservation (a staff retry racing an attempt): one issued it; this one changes nothing.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(command, ct) is not { } concurrent)
                throw;
            logger.LogInformation("Document for case {CaseId} ({Kind}) was issued concurrently ({Error}); nothing more to do", command.CaseId, command.Kind,
                (ex.InnerException as PostgresException)?.ConstraintName ?? ex.GetType().Name);
            return concurrent;
        }

        Activity.Current?.SetTag("gongkai.document_number", number);
        logger.LogInformation("Issued {Kind} {Number} for case {CaseNumber} from {Template} {Version}: DOCX {DocxMs} ms, PDF {PdfMs} ms ({PdfBytes} bytes)",
            command.Kind, number ?? "(unnumbered)", command.CaseNumber, key, wording.Version, docxMs, pdfMs, pdf.Length);
        return IssueResult.Issued;
    }

    /// <summary>
    /// The number an earlier attempt reserved for this request, or for this case's receipt (a receipt request adopts the
    /// number CaseOpened's receipt reserved, and the other way round: a case has one receipt).
    /// </summary>
    private async Task<NumberReservation?> ReservationOfAsync(IssueCommand command, CancellationToken ct)
    {
        var reservations = db.NumberReservations.AsNoTracking();
        if (command.RequestId is { } requestId && await reservations.SingleOrDefaultAsync(r => r.RequestId == requestId, ct) is { } ofRequest)
            return ofRequest;
        return command.Kind == DocumentKinds.Receipt
            ? await reservations.SingleOrDefaultAsync(r => r.CaseId == command.CaseId && r.Kind == DocumentKinds.Receipt, ct)
            : null;
    }

    /// <summary>
    /// Takes the next number of the series and reserves it, in a transaction of its own (the counter's row stays locked
    /// only until this commit). Reservations are kept after the issue: a request, or a case's receipt, reserves once.
    /// Null when another attempt reserved one first (the rollback gives this number back). Nothing tracked is saved
    /// here: an inbox row waits for the issue.
    /// </summary>
    private async Task<NumberReservation?> ReserveAsync(IssueCommand command, string pattern, CancellationToken ct)
    {
        var year = ChinaTime.DateOf(clock.GetUtcNow()).Year;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sequence = await db.NextNumberAsync(pattern, year, ct);
        // The issue time is read under the counter's lock, so numbers and issue times have the same order.
        var now = clock.GetUtcNow();
        if (ChinaTime.DateOf(now).Year != year)
            throw new InvalidOperationException("The year changed while numbering; the retry numbers it in the new year.");
        var reservation = new NumberReservation
        {
            DocumentId = Guid.NewGuid(), TenantId = db.Tenant.Required, RequestId = command.RequestId, CaseId = command.CaseId, Kind = command.Kind,
            Pattern = pattern, Year = year, Sequence = sequence, Number = DocumentNumberPattern.Format(pattern, year, sequence), IssuedAt = now,
        };
        try
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO number_reservations (document_id, tenant_id, request_id, case_id, kind, pattern, year, sequence, number, issued_at)
                VALUES ({reservation.DocumentId}, {reservation.TenantId}, {reservation.RequestId}, {reservation.CaseId}, {reservation.Kind},
                        {reservation.Pattern}, {reservation.Year}, {reservation.Sequence}, {reservation.Number}, {reservation.IssuedAt})
                """, ct);
        }
        catch (PostgresException ex) when (ex is
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: DocumentDbContext.OneReservationPerRequestIndex or DocumentDbContext.OneReservedReceiptPerCaseIndex,
        })
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        await transaction.CommitAsync(ct);
        return reservation;
    }

    private async Task<IssueResult?> ExistingAsync(IssueCommand command, CancellationToken ct)
    {
        if (command.RequestId is { } requestId && await db.Documents.AnyAsync(d => d.RequestId == requestId, ct))
            return IssueResult.AlreadyIssuedForRequest;
        // A case never gets two receipts: Workflow's request and the legacy CaseOpened path may both arrive.
        if (command.Kind == DocumentKinds.Receipt && await db.Documents.AnyAsync(d => d.CaseId == command.CaseId && d.Kind == DocumentKinds.Receipt, ct))
            return IssueResult.ReceiptAlreadyExists;
        return null;
    }

    /// <summary>The letterhead name: the unit's own setting, then what the request says, then Identity's name of the unit.</summary>
    public static Letterhead Letterhead(UnitSettings? settings, IReadOnlyDictionary<string, string> fields)
    {
        var name = settings?.UnitFullName
            ?? (fields.TryGetValue(DocumentKinds.Fields.UnitName, out var fromRequest) && !string.IsNullOrWhiteSpace(fromRequest) ? fromRequest.Trim() : null)
            ?? settings?.IdentityUnitName
            ?? UnitNameMissing;
        return new Letterhead(name, settings?.Contact,
            settings?.ReconsiderationDays ?? UnitSettings.DefaultReconsiderationDays,
            settings?.LitigationMonths ?? UnitSettings.DefaultLitigationMonths,
            settings?.ReconsiderationBody, settings?.PaymentMethod, settings?.SealPng);
    }

    public sealed record Wording(string Title, IReadOnlyList<string> Paragraphs, string Version, bool Overridden, int? UnitVersion);

    /// <summary>The unit's latest saved wording of a template, or the built-in one.</summary>
    public static async Task<Wording> CurrentWordingAsync(DocumentDbContext db, LetterTemplate template, CancellationToken ct)
    {
        var latest = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateKey == template.Key)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        return latest is null || latest.IsReset
            ? new Wording(template.Title, template.Paragraphs, $"builtin-{TemplateCatalog.BuiltInRevision}", false, latest?.Version)
            : new Wording(latest.Title ?? template.Title, latest.Paragraphs, $"unit-v{latest.Version}", true, latest.Version);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>Neither the unit's settings nor Identity give the unit's full name, so no letter can be issued yet.</summary>
public sealed class UnitNameMissingException() : InvalidOperationException("单位全称未设置：管理员尚未在文书设置中填写单位全称，且暂时无法从统一身份服务读取本单位名称。");
