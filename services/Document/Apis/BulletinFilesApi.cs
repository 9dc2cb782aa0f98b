using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>The district's published 通报 as PDF or DOCX, for its supervisors and admins (row-level security: only the district's own).</summary>
public static class BulletinFilesApi
{
    public static void MapBulletinFilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/bulletins/{id:guid}").RequireUnitStaff(StaffRoles.DistrictSupervisor, StaffRoles.UnitAdmin);
        api.MapGet("/pdf", (Guid id, DocumentDbContext db, CancellationToken ct) => DownloadAsync(id, DocumentFile.Pdf, db, ct));
        api.MapGet("/docx", (Guid id, DocumentDbContext db, CancellationToken ct) => DownloadAsync(id, DocumentFile.Docx, db, ct));
    }

    private static async Task<IResult> DownloadAsync(Guid id, string format, DocumentDbContext db, CancellationToken ct)
    {
        var pdf = format == DocumentFile.Pdf;
        var file = await db.BulletinFiles.AsNoTracking().Where(f => f.BulletinId == id)
            .Select(f => new { f.Title, Content = pdf ? f.Pdf : f.Docx }).SingleOrDefaultAsync(ct);
        return file is null
            ? TypedResults.Problem(title: "通报文件不存在", detail: "该通报不存在、尚未生成文件，或不属于本单位。", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.File(file.Content, pdf ? DocumentFile.PdfMediaType : DocumentFile.DocxMediaType, AnnualReportFile.FileName(file.Title, 0, format));
    }
}
