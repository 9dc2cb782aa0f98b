using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Document.Apis;

/// <summary>
/// A published annual report is public information: anyone downloads its PDF or DOCX (anonymously, through the gateway's
/// rate-limited public route). The public index names the unit; the file is read as that unit, under row-level security,
/// for exactly that report and version. Downloads carry the SHA-256 as a strong ETag and are always attachments.
/// </summary>
public static class PublicAnnualReportsApi
{
    public static RouteGroupBuilder MapPublicAnnualReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/public/annual-reports/{reportId:guid}/{version:int}").AllowAnonymous();
        api.MapGet("/pdf", (Guid reportId, int version, DocumentDbContext db, IServiceScopeFactory scopes, HttpContext http, CancellationToken ct) =>
            DownloadAsync(reportId, version, DocumentFile.Pdf, db, scopes, http, ct));
        api.MapGet("/docx", (Guid reportId, int version, DocumentDbContext db, IServiceScopeFactory scopes, HttpContext http, CancellationToken ct) =>
            DownloadAsync(reportId, version, DocumentFile.Docx, db, scopes, http, ct));
        return api;
    }

    private sealed record Stored(string Title, int Year, string Sha256);

    private static async Task<IResult> DownloadAsync(Guid reportId, int version, string format, DocumentDbContext db, IServiceScopeFactory scopes,
        HttpContext http, CancellationToken ct)
    {
        var unit = await db.PublicAnnualReports.AsNoTracking().Where(p => p.ReportId == reportId && p.Version == version)
            .Select(p => p.UnitCode).SingleOrDefaultAsync(ct);
        if (unit is null)
            return NotFound();
        await using var scope = scopes.CreateTenantScope(unit);
        var files = scope.ServiceProvider.GetRequiredService<DocumentDbContext>().AnnualReportFiles.AsNoTracking()
            .Where(f => f.ReportId == reportId && f.Version == version);
        var pdf = format == DocumentFile.Pdf;
        var stored = await files.Select(f => new Stored(f.Title, f.Year, pdf ? f.PdfSha256 : f.DocxSha256)).SingleOrDefaultAsync(ct);
        if (stored is null)
            return NotFound();

        var etag = new EntityTagHeaderValue($"\"{stored.Sha256}\"");
        var headers = http.Response.Headers;
        headers.ETag = etag.ToString();
        headers.CacheControl = "public, max-age=60";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(stored.Sha256))}:";
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: true)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var content = await files.Select(f => pdf ? f.Pdf : f.Docx).SingleAsync(ct);
        // fileDownloadName: Content-Disposition attachment with an ASCII filename and the UTF-8 filename* (RFC 5987/6266).
        return TypedResults.File(content, pdf ? DocumentFile.PdfMediaType : DocumentFile.DocxMediaType,
            AnnualReportFile.FileName(stored.Title, stored.Year, format));
    }

    private static IResult NotFound() =>
        TypedResults.Problem(title: "年度报告不存在", detail: "该年度报告不存在或尚未公开。", statusCode: StatusCodes.Status404NotFound);
}
