using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/documents").RequireUnitStaff();
        api.MapGet("/", ListDocuments);
        api.MapGet("/{id:guid}", GetDocument);
        return api;
    }

    public sealed record DocumentView(Guid Id, Guid CaseId, string Kind, string Title, DateTimeOffset IssuedAt, string? TraceId);

    private static async Task<IResult> GetDocument(Guid id, DocumentDbContext db, CancellationToken ct)
    {
        var d = await db.Documents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return d is null
            ? TypedResults.Problem(title: "文书不存在", detail: "本单位没有该文书。", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new DocumentView(d.Id, d.CaseId, d.Kind, d.Title, d.IssuedAt, d.TraceId));
    }

    private static async Task<IResult> ListDocuments(Guid? caseId, DocumentDbContext db, CancellationToken ct)
    {
        var query = db.Documents.AsNoTracking();
        if (caseId is not null)
            query = query.Where(d => d.CaseId == caseId);
        var documents = await query.OrderBy(d => d.IssuedAt).Take(200)
            .Select(d => new DocumentView(d.Id, d.CaseId, d.Kind, d.Title, d.IssuedAt, d.TraceId)).ToListAsync(ct);
        return TypedResults.Ok(documents);
    }
}
