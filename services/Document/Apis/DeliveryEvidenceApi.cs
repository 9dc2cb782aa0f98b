using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Gongkai.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

public sealed record DeliveryEvidenceView(Guid Id, Guid CaseId, string FileName, string ContentType, long Length, string Sha256,
    string? Note, DateTimeOffset UploadedAt, string UploadedBy, string Href);

/// <summary>
/// Delivery evidence (送达凭证): scans of EMS/registered-mail receipts and signed acknowledgements, kept with
/// their SHA-256 and put into the case file. Nothing can be added once the case's dossier is sealed at archiving.
/// </summary>
public static class DeliveryEvidenceApi
{
    public static RouteGroupBuilder MapDeliveryEvidenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/cases/{caseId:guid}/delivery-evidence").RequireUnitStaff();
        api.MapPost("/", Upload).RequireUnitStaff(StaffRoles.Handler, StaffRoles.Registrar);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Download);
        return api;
    }

    private static async Task<IResult> Upload(Guid caseId, DeliveryEvidenceForm? form, DocumentDbContext db, IServiceProvider services,
        ServiceEndpoints endpoints, ClaimsPrincipal user, HttpContext http, TimeProvider clock, ILogger<DeliveryEvidenceForm> logger, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var evidence = EvidenceRules.Validate(form, errors);
        if (evidence is null)
            return TypedResults.ValidationProblem(errors, title: "送达凭证有误");

        if (await CaseProblemAsync(caseId, db, services, endpoints, logger, ct) is { } problem)
            return problem;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockCaseAsync(caseId, ct);
        if (await db.SealedDossiers.AnyAsync(s => s.CaseId == caseId, ct))
            return TypedResults.Problem(title: "案卷已归档", detail: "该案件已归档，案卷已封存，不能再添加送达凭证。", statusCode: StatusCodes.Status409Conflict);
        var now = clock.GetUtcNow();
        var stored = new DeliveryEvidence
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, FileName = evidence.FileName, ContentType = evidence.ContentType,
            Content = evidence.Content, Sha256 = evidence.Sha256, Length = evidence.Content.Length, Note = evidence.Note,
            UploadedAt = now, UploadedBy = user.ActorName(),
        };
        db.DeliveryEvidence.Add(stored);
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "delivery-evidence-added",
            $"case:{caseId}", $"送达凭证 {stored.FileName}，SHA-256 {stored.Sha256}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/document/cases/{caseId}/delivery-evidence/{stored.Id}", View(stored));
    }

    private static async Task<IResult> List(Guid caseId, DocumentDbContext db, IServiceProvider services, ServiceEndpoints endpoints,
        ILogger<DeliveryEvidenceForm> logger, CancellationToken ct)
    {
        if (await CaseProblemAsync(caseId, db, services, endpoints, logger, ct) is { } problem)
            return problem;
        var items = await db.DeliveryEvidence.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.UploadedAt).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.CaseId, e.FileName, e.ContentType, e.Length, e.Sha256, e.Note, e.UploadedAt, e.UploadedBy })
            .ToListAsync(ct);
        return TypedResults.Ok(items.Select(e => new DeliveryEvidenceView(e.Id, e.CaseId, e.FileName, e.ContentType, e.Length, e.Sha256, e.Note,
            e.UploadedAt, e.UploadedBy, Href(e.CaseId, e.Id))).ToList());
    }

    private static async Task<IResult> Download(Guid caseId, Guid id, DocumentDbContext db, HttpContext http, CancellationToken ct)
    {
        var evidence = await db.DeliveryEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.CaseId == caseId, ct);
        if (evidence is null)
            return TypedResults.Problem(title: "送达凭证不存在", detail: "本单位该案件没有这份送达凭证。", statusCode: StatusCodes.Status404NotFound);
        http.Response.Headers["X-Content-SHA256"] = evidence.Sha256;
        return TypedResults.File(evidence.Content, evidence.ContentType, evidence.FileName);
    }

    /// <summary>
    /// Null when the case is this unit's, else the answer (404, or 503 when it cannot be checked). Document keeps no
    /// case list: a case it issued a document or holds evidence for is the unit's (row-level security sees only
    /// the unit's rows); any other case is checked with Workflow.
    /// </summary>
    private static async Task<IResult?> CaseProblemAsync(Guid caseId, DocumentDbContext db, IServiceProvider services, ServiceEndpoints endpoints,
        ILogger logger, CancellationToken ct)
    {
        if (await db.Documents.AnyAsync(d => d.CaseId == caseId, ct) || await db.DeliveryEvidence.AnyAsync(e => e.CaseId == caseId, ct))
            return null;
        if (!endpoints.IsDeployed("workflow"))
            return Unavailable();
        try
        {
            await services.GetRequiredService<InternalServiceClient>().GetBytesAsync("workflow", $"/internal/workflow/cases/{caseId}", db.Tenant.Required, ct);
            return null;
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return TypedResults.Problem(title: "案件不存在", detail: "本单位没有该案件。", statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Could not check case {CaseId} with Workflow", caseId);
            return Unavailable();
        }
    }

    private static IResult Unavailable() =>
        TypedResults.Problem(title: "暂时无法核对案件", detail: "暂时无法从办理流程服务核对该案件，请稍后再试。", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string Href(Guid caseId, Guid id) => $"/api/document/cases/{caseId}/delivery-evidence/{id}";

    private static DeliveryEvidenceView View(DeliveryEvidence e) =>
        new(e.Id, e.CaseId, e.FileName, e.ContentType, e.Length, e.Sha256, e.Note, e.UploadedAt, e.UploadedBy, Href(e.CaseId, e.Id));
}
