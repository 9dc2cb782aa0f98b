using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Dossier;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>
/// The case file (一案一档) as one ZIP (assembled by <see cref="DossierBuilder"/>). Once the case is archived
/// the ZIP frozen at that moment is returned unchanged (X-Dossier-Sealed). Each export is audited.
/// </summary>
public static class DossierApi
{
    public const string SealedHeader = "X-Dossier-Sealed";

    public static RouteGroupBuilder MapDossierApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/cases").RequireUnitStaff();
        api.MapGet("/{caseId:guid}/dossier", ExportDossier);
        return api;
    }

    private static async Task<IResult> ExportDossier(Guid caseId, DocumentDbContext db, DossierBuilder builder, ClaimsPrincipal user, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var tenant = db.Tenant.Required;
        var now = clock.GetUtcNow();
        var frozen = await db.SealedDossiers.AsNoTracking().SingleOrDefaultAsync(s => s.CaseId == caseId, ct);
        if (frozen is not null)
        {
            db.AddIntegrationEvent(new AuditableActionOccurred(tenant, user.ActorName(), tenant, "dossier-exported", $"case:{caseId}",
                $"导出归档案卷 {frozen.CaseNumber}（归档时封存），ZIP SHA-256 {frozen.Sha256}", http.ClientAddress(), now));
            await db.SaveChangesAsync(ct);
            http.Response.Headers[SealedHeader] = "true";
            http.Response.Headers["X-Content-SHA256"] = frozen.Sha256;
            return TypedResults.File(frozen.Zip, "application/zip", $"案卷-{frozen.CaseNumber ?? caseId.ToString()}.zip");
        }

        var build = await builder.BuildAsync(caseId, now, user.ActorName(), ct);
        if (build is not DossierBuild.Built built)
            return TypedResults.Problem(title: "案件不存在", detail: ((DossierBuild.NotFound)build).Detail, statusCode: StatusCodes.Status404NotFound);
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, user.ActorName(), tenant, "dossier-exported", $"case:{caseId}",
            $"导出案卷 {built.CaseNumber}：{built.Catalogue.Items.Count} 个文件，ZIP SHA-256 {built.Sha256}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        http.Response.Headers[SealedHeader] = "false";
        http.Response.Headers["X-Content-SHA256"] = built.Sha256;
        return TypedResults.File(built.Zip, "application/zip", $"案卷-{built.CaseNumber ?? caseId.ToString()}.zip");
    }
}
