using Gongkai.Contracts;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks;
using System.Text.RegularExpressions;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Apis;

/// <summary>
/// The anonymous public side (the gateway rate-limits /api/intake/public/** per client): the online
/// application form and progress tracking with application number + query code.
/// </summary>
public static partial class PublicApi
{
    /// <summary>The query code travels in a header, not the URL: URLs end up in access logs and browser history.</summary>
    public const string QueryCodeHeader = "X-Query-Code";

    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/public").AllowAnonymous();
        api.MapPost("/applications", Submit);
        api.MapGet("/applications/{applicationNumber}", Track);
        api.MapGet("/applications/{applicationNumber}/reply.pdf", DownloadReply);
        return api;
    }

    private static async Task<IResult> Submit(ApplicationForm? form, [FromHeader(Name = ApplicationRegistrar.IdempotencyHeader)] string? idempotencyKey,
        ApplicationRegistrar registrar, IServiceScopeFactory scopes, CancellationToken ct)
    {
        var validation = registrar.Validate(form, RegistrationSource.PublicForm, idempotencyKey);
        if (!validation.IsValid)
            return ApplicationsApi.Invalid(validation.Errors);
        var application = validation.Application!;
        // The applicant has no unit in a token; the form names the unit, and everything runs in its scope (RLS included).
        await using var scope = scopes.CreateTenantScope(application.UnitCode!);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var result = await registrar.RegisterAsync(db, application, form!, RegistrationSource.PublicForm, "网上申请", idempotencyKey, ct);
        return result switch
        {
            RegistrationResult.Registered { Replayed: true } r => ApplicationsApi.Replayed(SubmissionReceipt.From(r)),
            RegistrationResult.Registered r => TypedResults.Created((string?)null, SubmissionReceipt.From(r)),
            _ => ApplicationsApi.KeyReused(),
        };
    }

    private static async Task<IResult> Track(string applicationNumber, [FromHeader(Name = QueryCodeHeader)] string? queryCode,
        IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(queryCode))
            return MissingQueryCode();
        await using var scope = OpenUnitScope(applicationNumber, scopes);
        var db = scope?.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var application = db is null ? null : await FindPairAsync(db, applicationNumber, queryCode, ct);
        if (application is null)
            return NoSuchPair();
        var documents = await ApplicantDocumentsAsync(db!, application, ct);
        return TypedResults.Ok(new TrackingView(PublicStatus.For(application.Status, application.CaseId, application.CaseStatus),
            application.LegalReceiptDate, application.ReplyDue, documents.Select(d => d.Title).ToList(), documents.Any(d => d.Kind == DocumentKinds.Reply)));
    }

    /// <summary>
    /// The reply letter (答复书) as PDF for the applicant, with the same number + query code as tracking.
    /// </summary>
    private static async Task<IResult> DownloadReply(string applicationNumber, [FromHeader(Name = QueryCodeHeader)] string? queryCode,
        IServiceScopeFactory scopes, InternalServiceClient services, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(queryCode))
            return MissingQueryCode();
        await using var scope = OpenUnitScope(applicationNumber, scopes);
        var db = scope?.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var application = db is null ? null : await FindPairAsync(db, applicationNumber, queryCode, ct);
        if (application is null)
            return NoSuchPair();
        return await ReplyFileAsync(db!, application, services, "申请人（凭查询码）", "reply-downloaded-by-applicant", http.ClientAddress(), clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// The case's newest reply letter (or the reply <paramref name="documentId"/> of the case) as PDF, fetched from Document with
    /// Intake's own service identity (nothing else of the unit is reachable that way); the download is audited in the unit's log.
    /// </summary>
    internal static async Task<IResult> ReplyFileAsync(IntakeDbContext db, Application application, InternalServiceClient services, string actor,
        string action, string? sourceAddress, DateTimeOffset now, CancellationToken ct, Guid? documentId = null)
    {
        var reply = (await ApplicantDocumentsAsync(db, application, ct))
            .LastOrDefault(d => d.Kind == DocumentKinds.Reply && (documentId is null || d.DocumentId == documentId));
        if (reply is null)
            return TypedResults.Problem(title: "尚未答复", detail: "该申请还没有答复书。", statusCode: StatusCodes.Status404NotFound);
        byte[] pdf;
        try
        {
            pdf = await services.GetBytesAsync("document", $"/internal/document/documents/{reply.DocumentId}/pdf", db.Tenant.Required, ct);
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(title: "答复书暂时无法下载", detail: "文书服务暂不可用，请稍后再试。", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, actor, null, action, $"document:{reply.DocumentId}",
            $"{application.Number}：{reply.Title}", sourceAddress, now));
        await db.SaveChangesAsync(ct);
        return TypedResults.File(pdf, "application/pdf", $"{application.Number}-答复书.pdf");
    }

    // The number names its unit ("510116-dsj-2026-00042"): the lookup runs in that unit's scope (RLS included).
    private static AsyncServiceScope? OpenUnitScope(string applicationNumber, IServiceScopeFactory scopes) =>
        ApplicationNumber().Match(applicationNumber.Trim()) is { Success: true } match ? scopes.CreateTenantScope(match.Groups["unit"].Value) : null;

    // A malformed number, an unknown one and a wrong code all come back null: the caller answers one uniform 404.
    private static async Task<Application?> FindPairAsync(IntakeDbContext db, string applicationNumber, string queryCode, CancellationToken ct)
    {
        if (queryCode.Trim().Length != Application.QueryCodeLength)
            return null;
        var number = applicationNumber.Trim();
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number, ct);
        return application is not null && application.QueryCodeMatches(queryCode) ? application : null;
    }

    /// <summary>The documents of the application's case that the applicant receives, oldest first.</summary>
    internal static async Task<List<CaseDocument>> ApplicantDocumentsAsync(IntakeDbContext db, Application application, CancellationToken ct) =>
        application.CaseId is { } caseId
            ? (await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ToListAsync(ct))
                .Where(d => PublicStatus.IsForApplicant(d.Kind)).ToList()
            : [];

    private static IResult MissingQueryCode() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [QueryCodeHeader] = ["请在 X-Query-Code 请求头中提供查询码。"] }, title: "缺少查询码");

    // One answer for every miss, so guessing cannot tell an existing number from a wrong code.
    private static IResult NoSuchPair() =>
        TypedResults.Problem(title: "未找到申请", detail: "申请编号或查询码不正确。", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^(?<unit>[A-Za-z0-9-]{1,64})-(?<year>[0-9]{4})-(?<sequence>[0-9]{5,9})$")]
    private static partial Regex ApplicationNumber();
}
