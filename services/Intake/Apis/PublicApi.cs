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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [QueryCodeHeader] = ["请在 X-Query-Code 请求头中提供查询码。"] },
                title: "缺少查询码");
        // The number names its unit ("510116-dsj-2026-00042"); a malformed number and a wrong pair get the same 404.
        var match = ApplicationNumber().Match(applicationNumber.Trim());
        if (!match.Success || queryCode.Trim().Length != Application.QueryCodeLength)
            return NoSuchPair();
        await using var scope = scopes.CreateTenantScope(match.Groups["unit"].Value);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var number = match.Value;
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Number == number, ct);
        if (application is null || !application.QueryCodeMatches(queryCode))
            return NoSuchPair();
        var documents = application.CaseId is { } caseId
            ? (await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.IssuedAt).ToListAsync(ct))
                .Where(d => PublicStatus.IsForApplicant(d.Kind)).Select(d => d.Title).ToList()
            : [];
        return TypedResults.Ok(new TrackingView(PublicStatus.For(application.Status, application.CaseId, application.CaseStatus),
            application.LegalReceiptDate, application.ReplyDue, documents));
    }

    // One answer for every miss, so guessing cannot tell an existing number from a wrong code.
    private static IResult NoSuchPair() =>
        TypedResults.Problem(title: "未找到申请", detail: "申请编号或查询码不正确。", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^(?<unit>[A-Za-z0-9-]{1,64})-(?<year>[0-9]{4})-(?<sequence>[0-9]{5,9})$")]
    private static partial Regex ApplicationNumber();
}
