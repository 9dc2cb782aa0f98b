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
/// DOCX and PDF, stores both with their SHA-256 and queues DocumentIssued, all in one transaction. The counter row
/// stays locked until commit, so numbers are gapless and unique under concurrency, and a failed render gives its
/// number back. The lock is held during rendering (≈0.3 s): issuing in one unit is serial, which 2 cores are anyway.
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

        var pattern = settings?.PatternOf(template.Family) ?? DocumentNumberPattern.Defaults[template.Family];
        var year = ChinaTime.DateOf(clock.GetUtcNow()).Year;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? sequence = pattern.Length > 0 ? await db.NextNumberAsync(pattern, year, ct) : null;
        // The issue time is read under the counter's lock, so numbers and issue times have the same order.
        var now = clock.GetUtcNow();
        var issuedOn = ChinaTime.DateOf(now);
        if (issuedOn.Year != year)
            throw new InvalidOperationException("The year changed while numbering; the retry numbers it in the new year.");
        var number = sequence is { } s ? DocumentNumberPattern.Format(pattern, year, s) : null;

        var request = new LetterRequest(command.Kind, command.CaseNumber, command.ApplicantName, command.ReceivedOn, command.Fields, issuedOn);
        var letter = LetterComposer.Compose(template, wording.Title, wording.Paragraphs, request, letterhead, number);
        var stopwatch = Stopwatch.StartNew();
        var docx = DocxLetter.Render(letter);
        var docxMs = stopwatch.ElapsedMilliseconds;
        var pdf = pdfLetter.Render(letter);
        var pdfMs = stopwatch.ElapsedMilliseconds - docxMs;

        var document = new IssuedDocument
        {
            Id = Guid.NewGuid(),
            CaseId = command.CaseId,
            Kind = command.Kind,
            Title = wording.Title,
            IssuedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
            RequestId = command.RequestId,
            CaseNumber = command.CaseNumber,
            DocumentNumber = number,
            NumberPattern = sequence is null ? null : pattern,
            NumberYear = sequence is null ? null : issuedOn.Year,
            NumberSequence = sequence,
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
            $"document:{document.Id}", $"{document.Title}{(number is null ? "" : $" {number}")}（案件 {command.CaseNumber}）", null, now));

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: DocumentDbContext.OneReceiptPerCaseIndex or DocumentDbContext.OneDocumentPerRequestIndex,
        } unique)
        {
            // A concurrent delivery issued it first; the rollback gives this number back.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            logger.LogInformation("Document for case {CaseId} ({Kind}) was issued concurrently ({Constraint}); nothing more to do", command.CaseId, command.Kind, unique.ConstraintName);
            return unique.ConstraintName == DocumentDbContext.OneReceiptPerCaseIndex ? IssueResult.ReceiptAlreadyExists : IssueResult.AlreadyIssuedForRequest;
        }

        Activity.Current?.SetTag("gongkai.document_number", number);
        logger.LogInformation("Issued {Kind} {Number} for case {CaseNumber} from {Template} {Version}: DOCX {DocxMs} ms, PDF {PdfMs} ms ({PdfBytes} bytes)",
            command.Kind, number ?? "(unnumbered)", command.CaseNumber, key, wording.Version, docxMs, pdfMs, pdf.Length);
        return IssueResult.Issued;
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
