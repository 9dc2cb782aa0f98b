using System.Security.Claims;
using System.Text.RegularExpressions;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.ServiceCalls;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.CityLink;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Apis;

/// <summary>
/// The city platform's contract, version 1 (/api/city/v1): it pushes applications, withdrawals and supplementary material,
/// reads an application's progress and reply, and a unit's monthly figures. Every request carries the city's client token
/// and its signature (CitySignatureCheck). Its token has no unit, so each request crosses into the unit it names through
/// the one explicit path (a tenant scope) and is audited in that unit's log. What Gongkai tells the city goes the other way
/// as signed callbacks (CityCallbackSender).
/// </summary>
public static partial class CityApi
{
    public const string Prefix = "/api/city/v1";

    public sealed record Accepted(string CityReference, string ApplicationNumber, string QueryCode, string Status, DateOnly? LegalReceiptDate,
        string StatusPath, string Message);

    public sealed record WithdrawalRequest(string? MessageId, string? Reason, DateOnly? WithdrawnOn);

    public sealed record SupplementRequest(string? MessageId, string? Note, DateOnly? ReceivedOn, List<AttachmentForm?>? Attachments);

    public sealed record MessageAccepted(string CityReference, string ApplicationNumber, string MessageId, bool Replayed);

    public sealed record ApplicationProgress(string CityReference, string ApplicationNumber, string UnitCode, string Status, string? CaseStatus,
        DateOnly? LegalReceiptDate, DateOnly? ReplyDue, string? ReplyType, string? ReplyTypeLabel, IReadOnlyList<string> Documents, string? ReplyPath,
        long CallbacksQueued);

    public static RouteGroupBuilder MapCityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("市级平台接口 v1")
            .RequireAuthorization(policy => policy.RequireRole(StaffRoles.CityPlatform))
            .WithMetadata(new CitySignatureRequired());
        api.MapPost("/applications", Push);
        api.MapGet("/applications/{cityReference}", Progress);
        api.MapGet("/applications/{cityReference}/reply", Reply);
        api.MapPost("/applications/{cityReference}/withdrawals", Withdraw);
        api.MapPost("/applications/{cityReference}/supplements", Supplement);
        api.MapGet("/statistics/{unitCode}/{month}", Statistics);
        return api;
    }

    private static async Task<IResult> Push(ApplicationForm? form, ApplicationRegistrar registrar, IdentityUnits units, IntakeDbContext cityDb,
        IServiceScopeFactory scopes, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var reference = form?.ExternalReference?.Trim();
        if (reference is null || !Reference().IsMatch(reference))
            return ApplicationsApi.Invalid(new() { ["externalReference"] = ["请填写市级平台的申请编号（1～90 个字母、数字或 - _ .）。"] });
        // The reference is the idempotency key: the city's retries of one push register one application.
        var validation = registrar.Validate(form, RegistrationSource.CityPlatform, $"city:{reference}", keyRequired: true);
        if (!validation.IsValid)
            return ApplicationsApi.Invalid(validation.Errors);
        var application = validation.Application!;
        var unitCode = application.UnitCode!;

        IdentityUnits.Unit? unit;
        try
        {
            unit = await units.FindAsync(unitCode, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Refused, timed out, circuit open: the unit is unknown for now, which is not "does not exist".
            return TypedResults.Problem(title: "暂时无法核对单位", detail: "单位目录暂不可用，申请未登记，请稍后重试。", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (unit is null || unit.Kind is "City" or "Platform")
            return TypedResults.Problem(title: "单位不存在", statusCode: StatusCodes.Status422UnprocessableEntity,
                detail: unit is null ? $"单位代码 {unitCode} 不在单位目录中，申请未登记。" : $"{unit.Name}（{unitCode}）不是受理政府信息公开申请的单位，申请未登记。",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["unitCode"] = ["单位代码不存在或不受理申请。"] } });
        var client = ClientOf(user);
        if (await cityDb.CityApplications.AsNoTracking().SingleOrDefaultAsync(c => c.CityReference == reference, ct) is { } earlier
            && (earlier.UnitCode != unitCode || earlier.ClientId != client))
            return ReferenceTaken(reference);

        var actor = $"市级平台（{client}）";
        await using var scope = scopes.CreateTenantScope(unitCode);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        RegistrationResult result;
        try
        {
            result = await registrar.RegisterAsync(db, application, form!, RegistrationSource.CityPlatform, actor, $"city:{reference}", ct,
                (unitDb, registered) =>
                {
                    unitDb.CityApplications.Add(new CityApplication
                    {
                        CityReference = reference, UnitCode = unitCode, ApplicationId = registered.Id, ApplicationNumber = registered.Number,
                        ReceivedAt = registrar.Now, ClientId = client,
                    });
                    unitDb.AddIntegrationEvent(new AuditableActionOccurred(unitCode, actor, null, "application-pushed",
                        $"application:{registered.Id}", registered.Number, http.ClientAddress(), registrar.Now));
                });
        }
        catch (DbUpdateException)
        {
            // The same reference pushed to another unit at the same moment: the first one holds it.
            if (!await cityDb.CityApplications.AnyAsync(c => c.CityReference == reference, ct))
                throw;
            return ReferenceTaken(reference);
        }
        if (result is not RegistrationResult.Registered r)
            return ApplicationsApi.KeyReused();
        var receipt = SubmissionReceipt.From(r);
        if (r.Replayed)
            http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Accepted($"{Prefix}/applications/{Uri.EscapeDataString(reference)}", new Accepted(reference, receipt.ApplicationNumber,
            receipt.QueryCode, receipt.Status, receipt.LegalReceiptDate, $"{Prefix}/applications/{Uri.EscapeDataString(reference)}", receipt.Message));
    }

    private static async Task<IResult> Progress(string cityReference, IntakeDbContext cityDb, IServiceScopeFactory scopes, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await FindAsync(cityDb, cityReference, user, ct) is not { } city)
            return UnknownReference(cityReference);
        await using var scope = scopes.CreateTenantScope(city.UnitCode);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == city.ApplicationId, ct);
        var documents = await PublicApi.ApplicantDocumentsAsync(db, application, ct);
        return TypedResults.Ok(new ApplicationProgress(city.CityReference, city.ApplicationNumber, city.UnitCode,
            PublicStatus.For(application.Status, application.CaseId, application.CaseStatus), application.CaseStatus, application.LegalReceiptDate,
            application.ReplyDue, application.ReplyType, application.ReplyTypeLabel, documents.Select(d => d.Title).ToList(),
            documents.Any(d => d.Kind == DocumentKinds.Reply) ? CityCallbacks.ReplyPath(city.CityReference) : null, city.LastSequence));
    }

    /// <summary>
    /// The reply letter as PDF: the newest one, or with <c>?document=</c> (as the result callback's downloadPath has it) exactly
    /// the one whose SHA-256 that callback carried, even after a reopened case issued another.
    /// </summary>
    private static async Task<IResult> Reply(string cityReference, Guid? document, IntakeDbContext cityDb, IServiceScopeFactory scopes, InternalServiceClient services,
        ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(cityDb, cityReference, user, ct) is not { } city)
            return UnknownReference(cityReference);
        await using var scope = scopes.CreateTenantScope(city.UnitCode);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == city.ApplicationId, ct);
        return await PublicApi.ReplyFileAsync(db, application, services, $"市级平台（{ClientOf(user)}）",
            "reply-downloaded-by-city", http.ClientAddress(), clock.GetUtcNow(), ct, document);
    }

    private static async Task<IResult> Withdraw(string cityReference, WithdrawalRequest? body, IntakeDbContext cityDb, IServiceScopeFactory scopes,
        ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var messageId = MessageId(body?.MessageId, errors);
        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
            errors["reason"] = ["请填写撤回理由，不超过 500 个字。"];
        var today = ChinaTime.Today(clock);
        var withdrawnOn = body?.WithdrawnOn ?? today;
        if (withdrawnOn > today)
            errors["withdrawnOn"] = ["撤回日期不能晚于今天。"];
        return await AcceptMessageAsync(cityReference, "withdrawal", messageId, errors, cityDb, scopes, user, clock, http, ct, (db, application, actor, now) =>
        {
            if (withdrawnOn < DateOnly.FromDateTime(application.RegisteredAt.ToOffset(ChinaTime.Offset).DateTime))
                return new() { ["withdrawnOn"] = ["撤回日期不能早于申请登记之日。"] };
            db.AddIntegrationEvent(new ApplicationWithdrawalReceived(application.Id, application.TenantId, application.Number, withdrawnOn, reason!, actor, now));
            return null;
        });
    }

    private static async Task<IResult> Supplement(string cityReference, SupplementRequest? body, IntakeDbContext cityDb, IServiceScopeFactory scopes,
        ApplicationRegistrar registrar, ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var messageId = MessageId(body?.MessageId, errors);
        var note = body?.Note?.Trim();
        if (note is { Length: > 2000 })
            errors["note"] = ["补充说明不超过 2000 个字。"];
        var attachments = AttachmentRules.Validate(body?.Attachments, errors);
        if (attachments.Count == 0 && string.IsNullOrEmpty(note) && !errors.ContainsKey("attachments"))
            errors["attachments"] = ["补正材料至少要有一个附件或一段补充说明。"];
        var today = ChinaTime.Today(clock);
        var receivedOn = body?.ReceivedOn ?? today;
        if (receivedOn > today)
            errors["receivedOn"] = ["收到补正材料的日期不能晚于今天。"];
        return await AcceptMessageAsync(cityReference, "supplement", messageId, errors, cityDb, scopes, user, clock, http, ct, (db, application, actor, now) =>
        {
            if (receivedOn < DateOnly.FromDateTime(application.RegisteredAt.ToOffset(ChinaTime.Offset).DateTime))
                return new() { ["receivedOn"] = ["收到补正材料的日期不能早于申请登记之日。"] };
            // The applicant's note is kept with the files, encrypted like them, as 补正说明.txt; events and timelines only say it came.
            var files = string.IsNullOrEmpty(note) ? attachments : [.. attachments, NoteFile(note)];
            if (db.Attachments.Count(a => a.ApplicationId == application.Id) + files.Count > AttachmentRules.MaxFiles)
                return new() { ["attachments"] = [$"每份申请最多 {AttachmentRules.MaxFiles} 个附件（补充说明也占一个）。"] };
            foreach (var file in files)
                db.Attachments.Add(registrar.NewAttachment(application.Id, file, actor, now));
            db.AddIntegrationEvent(new ApplicationSupplementReceived(application.Id, application.TenantId, application.Number, receivedOn,
                string.IsNullOrEmpty(note) ? null : "补正说明.txt", files.Count, actor, now));
            return null;
        });
    }

    /// <summary>
    /// Records a withdrawal or supplement once per message id, audited and published in one transaction in the unit.
    /// The case must exist: until the unit has confirmed receipt there is no case to withdraw from or to supplement.
    /// </summary>
    private static async Task<IResult> AcceptMessageAsync(string cityReference, string kind, string? messageId, Dictionary<string, string[]> errors,
        IntakeDbContext cityDb, IServiceScopeFactory scopes, ClaimsPrincipal user, TimeProvider clock, HttpContext http, CancellationToken ct,
        Func<IntakeDbContext, Application, string, DateTimeOffset, Dictionary<string, string[]>?> apply)
    {
        if (errors.Count > 0)
            return ApplicationsApi.Invalid(errors);
        if (await FindAsync(cityDb, cityReference, user, ct) is not { } city)
            return UnknownReference(cityReference);
        if (await cityDb.CityInboundMessages.AnyAsync(m => m.CityReference == cityReference && m.Kind == kind && m.MessageId == messageId, ct))
            return TypedResults.Accepted((string?)null, new MessageAccepted(cityReference, city.ApplicationNumber, messageId!, Replayed: true));
        var actor = $"市级平台（{ClientOf(user)}）";
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateTenantScope(city.UnitCode);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockApplicationAsync(city.ApplicationId, ct);
        var application = await db.Applications.SingleAsync(a => a.Id == city.ApplicationId, ct);
        if (application.CaseId is null)
            return TypedResults.Problem(title: "单位尚未确认收到申请", statusCode: StatusCodes.Status409Conflict,
                detail: "该申请还在等待单位确认收到，尚未立案；请在收到“已登记”回调后再发送。");
        if (apply(db, application, actor, now) is { } refused)
            return ApplicationsApi.Invalid(refused);
        db.CityInboundMessages.Add(new CityInboundMessage { CityReference = cityReference, Kind = kind, MessageId = messageId!, ReceivedAt = now });
        db.AddIntegrationEvent(new AuditableActionOccurred(city.UnitCode, actor, null, $"city-{kind}-received", $"application:{application.Id}",
            application.Number, http.ClientAddress(), now));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same message at the same moment on another instance: it is recorded once, by the other.
            if (!await cityDb.CityInboundMessages.AnyAsync(m => m.CityReference == cityReference && m.Kind == kind && m.MessageId == messageId, ct))
                throw;
        }
        return TypedResults.Accepted((string?)null, new MessageAccepted(cityReference, city.ApplicationNumber, messageId!, Replayed: false));
    }

    private static async Task<IResult> Statistics(string unitCode, string month, IntakeDbContext cityDb, IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (!TenantIds.IsWellFormed(unitCode))
            return ApplicationsApi.Invalid(new() { ["unitCode"] = ["单位代码格式不正确。"] });
        if (Month().Match(month) is not { Success: true } m || int.Parse(m.Groups[1].Value) is < 2000 or > 2100 || int.Parse(m.Groups[2].Value) is < 1 or > 12)
            return ApplicationsApi.Invalid(new() { ["month"] = ["月份格式为 yyyy-MM，例如 2026-11。"] });
        await using var scope = scopes.CreateTenantScope(unitCode);
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return TypedResults.Ok(await CityCallbacks.StatisticsAsync(db, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), ct));
    }

    private static string? MessageId(string? value, Dictionary<string, string[]> errors)
    {
        var id = value?.Trim();
        if (id is null || !Reference().IsMatch(id))
            errors["messageId"] = ["请填写市级平台的消息编号（1～90 个字母、数字或 - _ .），重发同一消息时保持不变。"];
        return id;
    }

    private static ValidatedAttachment NoteFile(string note)
    {
        var content = System.Text.Encoding.UTF8.GetBytes(note);
        return new ValidatedAttachment(AttachmentKind.Other, "补正说明.txt", "text/plain; charset=utf-8", content,
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
    }

    private static string ClientOf(ClaimsPrincipal user) => user.FindFirstValue(GongkaiClaims.ClientId) ?? user.ActorName();

    /// <summary>The application the calling city client pushed under this reference; another client's is not found.</summary>
    private static async Task<CityApplication?> FindAsync(IntakeDbContext cityDb, string reference, ClaimsPrincipal user, CancellationToken ct)
    {
        var client = ClientOf(user);
        return await cityDb.CityApplications.AsNoTracking().SingleOrDefaultAsync(c => c.CityReference == reference && c.ClientId == client, ct);
    }

    private static IResult ReferenceTaken(string reference) =>
        TypedResults.Problem(title: "申请编号已使用", statusCode: StatusCodes.Status409Conflict,
            detail: $"市级平台申请编号 {reference} 已用于另一份申请（另一个单位）。同一编号只能推送一次。");

    private static IResult UnknownReference(string reference) =>
        TypedResults.Problem(title: "申请不存在", detail: $"没有市级平台申请编号为 {reference} 的申请。", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,90}$")]
    private static partial Regex Reference();

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$")]
    private static partial Regex Month();
}
