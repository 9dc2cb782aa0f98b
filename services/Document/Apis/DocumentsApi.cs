using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>Issued documents of the unit: metadata and the stored files. There is no way to change one.</summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/documents").RequireUnitStaff();
        api.MapGet("/", ListDocuments);
        api.MapGet("/{id:guid}", GetDocument);
        api.MapGet("/{id:guid}/pdf", (Guid id, DocumentDbContext db, HttpContext http, CancellationToken ct) => GetFile(id, DocumentFile.Pdf, db, http, ct));
        api.MapGet("/{id:guid}/docx", (Guid id, DocumentDbContext db, HttpContext http, CancellationToken ct) => GetFile(id, DocumentFile.Docx, db, http, ct));

        // For other services (Intake's public tracking can hand the applicant the reply; the case file): not routed
        // by the gateway, and only for the "service" role naming the unit it acts for.
        var internalApi = app.MapGroup("/internal/document").RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant();
        internalApi.MapGet("/cases/{caseId:guid}/documents", (Guid caseId, DocumentDbContext db, CancellationToken ct) => ListDocuments(caseId, db, ct));
        internalApi.MapGet("/documents/{id:guid}/pdf", (Guid id, DocumentDbContext db, HttpContext http, CancellationToken ct) => GetFile(id, DocumentFile.Pdf, db, http, ct));
        internalApi.MapGet("/documents/{id:guid}/docx", (Guid id, DocumentDbContext db, HttpContext http, CancellationToken ct) => GetFile(id, DocumentFile.Docx, db, http, ct));
        return api;
    }

    public sealed record FileView(string Format, string MediaType, string Sha256, long Length, string Href);

    /// <summary>The first six fields are the skeleton's shape; the rest were added with rendering.</summary>
    public sealed record DocumentView(Guid Id, Guid CaseId, string Kind, string Title, DateTimeOffset IssuedAt, string? TraceId,
        string? DocumentNumber, string? CaseNumber, Guid? RequestId, string? TemplateKey, string? TemplateVersion, int? SettingsRevision,
        IReadOnlyList<FileView> Files);

    private sealed record FileRow(Guid DocumentId, string Format, string MediaType, string Sha256, long Length);

    private static async Task<IResult> GetDocument(Guid id, DocumentDbContext db, CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
            return NotFound();
        var files = await FilesOf(db, [id], ct);
        return TypedResults.Ok(View(d, files));
    }

    private static async Task<IResult> ListDocuments(Guid? caseId, DocumentDbContext db, CancellationToken ct)
    {
        var query = db.Documents.AsNoTracking();
        if (caseId is not null)
            query = query.Where(d => d.CaseId == caseId);
        var documents = await query.OrderBy(d => d.IssuedAt).Take(200).ToListAsync(ct);
        var files = await FilesOf(db, [.. documents.Select(d => d.Id)], ct);
        return TypedResults.Ok(documents.Select(d => View(d, files)));
    }

    private static async Task<IResult> GetFile(Guid id, string format, DocumentDbContext db, HttpContext http, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        var file = document is null ? null : await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.DocumentId == id && f.Format == format, ct);
        if (document is null || file is null)
            return NotFound();
        // The stored hash travels with the bytes, so a client can check what it received (RFC 9530 Repr-Digest).
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.Sha256))}:";
        http.Response.Headers["X-Content-SHA256"] = file.Sha256;
        var name = $"{document.Title}{(document.DocumentNumber is null ? "" : "-" + document.DocumentNumber)}.{format}";
        return TypedResults.File(file.Content, file.MediaType, name, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    private static async Task<List<FileRow>> FilesOf(DocumentDbContext db, Guid[] ids, CancellationToken ct) =>
        ids.Length == 0 ? [] : await db.Files.AsNoTracking().Where(f => ids.Contains(f.DocumentId))
            .Select(f => new FileRow(f.DocumentId, f.Format, f.MediaType, f.Sha256, f.Length)).ToListAsync(ct);

    private static DocumentView View(IssuedDocument d, List<FileRow> files) => new(d.Id, d.CaseId, d.Kind, d.Title, d.IssuedAt, d.TraceId,
        d.DocumentNumber, d.CaseNumber, d.RequestId, d.TemplateKey, d.TemplateVersion, d.SettingsRevision,
        [.. files.Where(f => f.DocumentId == d.Id).OrderBy(f => f.Format)
            .Select(f => new FileView(f.Format, f.MediaType, f.Sha256, f.Length, $"/api/document/documents/{d.Id}/{f.Format}"))]);

    private static IResult NotFound() =>
        TypedResults.Problem(title: "文书不存在", detail: "本单位没有该文书。", statusCode: StatusCodes.Status404NotFound);
}
