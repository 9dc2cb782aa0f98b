using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Gongkai.Intake.Registration;
using Gongkai.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Apis;

/// <summary>The unit's staff: registering offline applications, confirming receipt, reading applications.</summary>
public static class ApplicationsApi
{
    /// <summary>Staff who contact the applicant or deliver the reply may see personal data in full (audited).</summary>
    private static readonly string[] PersonalDataReaders = [StaffRoles.Registrar, StaffRoles.Handler, StaffRoles.Approver];

    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/applications").RequireDefinedEnums();
        api.MapPost("/", Register).RequireUnitStaff(StaffRoles.Registrar);
        api.MapGet("/", List).RequireUnitStaff();
        api.MapGet("/{id:guid}", Get).RequireUnitStaff();
        api.MapPost("/{id:guid}/confirmation", Confirm).RequireUnitStaff(StaffRoles.Registrar);
        api.MapGet("/{id:guid}/personal-data", PersonalData).RequireUnitStaff(PersonalDataReaders);
        api.MapPost("/{id:guid}/attachments", AddAttachment).RequireUnitStaff(StaffRoles.Registrar);
        api.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachment).RequireUnitStaff(PersonalDataReaders);
        // For the case file (Document): not routed by the gateway, only for the "service" role; downloads are audited as usual.
        var service = app.MapGroup("/internal/intake/applications").RequireAuthorization(p => p.RequireRole(StaffRoles.Service)).RequireTenant();
        service.MapGet("/{id:guid}", Get);
        service.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachment);
        return api;
    }

    private static async Task<IResult> Register(ApplicationForm? form, [FromHeader(Name = ApplicationRegistrar.IdempotencyHeader)] string? idempotencyKey,
        IntakeDbContext db, ApplicationRegistrar registrar, ClaimsPrincipal user, CancellationToken ct)
    {
        var validation = registrar.Validate(form, RegistrationSource.Staff, idempotencyKey);
        if (!validation.IsValid)
            return Invalid(validation.Errors);
        var result = await registrar.RegisterAsync(db, validation.Application!, form!, RegistrationSource.Staff, user.ActorName(), idempotencyKey, ct);
        return result switch
        {
            RegistrationResult.Registered { Replayed: true } r => Replayed(RegistrationReceipt.From(r)),
            RegistrationResult.Registered r => TypedResults.Created($"/api/intake/applications/{r.Application.Id}", RegistrationReceipt.From(r)),
            _ => KeyReused(),
        };
    }

    private static async Task<IResult> Confirm(Guid id, ReceiptConfirmation? confirmation, IntakeDbContext db, ApplicationRegistrar registrar,
        PersonalDataProtector protector, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await registrar.ConfirmAsync(db, id, confirmation ?? new ReceiptConfirmation(), user.ActorName(), ct);
        return result switch
        {
            ConfirmationResult.NotFound => NotFound(),
            ConfirmationResult.Invalid r => Invalid(r.Errors),
            ConfirmationResult.AlreadyFixed r => TypedResults.Problem(title: "收到申请之日已确定",
                detail: $"该申请的法定收到申请日为 {r.Application.LegalReceiptDate:yyyy-MM-dd}，不能再次确认。",
                statusCode: StatusCodes.Status409Conflict),
            ConfirmationResult.Confirmed r => TypedResults.Ok(await ViewAsync(db, protector, r.Application, ct)),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> List(IntakeDbContext db, ApplicationStatus? status, int? skip, int? take, CancellationToken ct)
    {
        var query = db.Applications.AsNoTracking();
        if (status is { } s)
            query = query.Where(a => a.Status == s);
        var page = await query.OrderByDescending(a => a.ArrivedAt).ThenByDescending(a => a.Number)
            .Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 50, 1, 200))
            .Select(a => new
            {
                a.Id, a.Number, a.Status, a.ApplicantName, a.Channel, a.ArrivedAt, a.LegalReceiptDate, a.ReplyDue, a.CaseId, a.CaseStatus,
                FlagCount = db.Flags.Count(f => f.ApplicationId == a.Id),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(page.Select(a => new ApplicationSummary(a.Id, a.Number, a.Status.ToString(), PublicStatus.For(a.Status, a.CaseId, a.CaseStatus),
            a.ApplicantName, a.Channel.ToString(), a.ArrivedAt, a.LegalReceiptDate, a.ReplyDue, a.FlagCount)).ToList());
    }

    private static async Task<IResult> Get(Guid id, IntakeDbContext db, PersonalDataProtector protector, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return application is null ? NotFound() : TypedResults.Ok(await ViewAsync(db, protector, application, ct));
    }

    private static async Task<IResult> PersonalData(Guid id, IntakeDbContext db, PersonalDataProtector protector, ClaimsPrincipal user,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var a = await db.Applications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
            return NotFound();
        string? Open(string? sealedValue, string field) => protector.Unprotect(sealedValue, ApplicationRegistrar.Context(a.Id, field));
        // Who saw whose personal data goes into the unit's audit chain (Identity keeps it).
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "applicant-personal-data-viewed",
            $"application:{a.Id}", a.Number, http.ClientAddress(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PersonalDataView(a.IdType?.ToString(), Open(a.IdNumberProtected, "id_number"), Open(a.PhoneProtected, "phone"),
            Open(a.EmailProtected, "email"), Open(a.AddressProtected, "address"), a.PostalCode, a.AgentIdType?.ToString(),
            Open(a.AgentIdNumberProtected, "agent_id_number"), Open(a.AgentPhoneProtected, "agent_phone")));
    }

    private static async Task<IResult> AddAttachment(Guid id, AttachmentForm? form, IntakeDbContext db, ApplicationRegistrar registrar,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Applications.AnyAsync(a => a.Id == id, ct))
            return NotFound();
        var errors = new Dictionary<string, string[]>();
        var attachment = AttachmentRules.Validate(form, errors, field: "attachment");
        if (attachment is null)
            return Invalid(errors);
        if (await db.Attachments.CountAsync(x => x.ApplicationId == id, ct) >= AttachmentRules.MaxFiles)
            return Invalid(new() { ["attachment"] = [$"每份申请最多 {AttachmentRules.MaxFiles} 个附件。"] });
        var stored = registrar.NewAttachment(id, attachment, user.ActorName(), registrar.Now);
        db.Attachments.Add(stored);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/intake/applications/{id}/attachments/{stored.Id}", ToView(stored));
    }

    private static async Task<IResult> DownloadAttachment(Guid id, Guid attachmentId, IntakeDbContext db, PersonalDataProtector protector,
        ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == attachmentId && x.ApplicationId == id, ct);
        if (attachment is null)
            return NotFound();
        var content = protector.UnprotectBytes(attachment.Content, attachment.KeyId, ApplicationRegistrar.AttachmentContext(attachment.Id));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "application-attachment-downloaded",
            $"application:{id}", $"{attachment.Kind}：{attachment.FileName}", http.ClientAddress(), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        http.Response.Headers["X-Content-SHA256"] = attachment.Sha256;
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }

    internal static async Task<ApplicationView> ViewAsync(IntakeDbContext db, PersonalDataProtector protector, Application application, CancellationToken ct)
    {
        var flags = await db.Flags.AsNoTracking().Where(f => f.ApplicationId == application.Id).OrderBy(f => f.FlaggedAt).ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking().Where(x => x.ApplicationId == application.Id)
            .OrderBy(x => x.UploadedAt).ThenBy(x => x.Kind).ThenBy(x => x.FileName)
            .Select(x => new AttachmentView(x.Id, x.Kind.ToString(), x.FileName, x.ContentType, x.SizeBytes, x.Sha256, x.UploadedAt, x.UploadedBy))
            .ToListAsync(ct);
        return ApplicationView.From(application, protector, flags, attachments);
    }

    private static AttachmentView ToView(ApplicationAttachment x) =>
        new(x.Id, x.Kind.ToString(), x.FileName, x.ContentType, x.SizeBytes, x.Sha256, x.UploadedAt, x.UploadedBy);

    internal static IResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "申请信息有误");

    internal static IResult Replayed<T>(T receipt) => new ReplayedResult<T>(receipt);

    internal static IResult KeyReused() => TypedResults.Problem(title: "幂等键已被使用",
        detail: "该幂等键已用于另一份内容不同的申请；提交新的申请请使用新的幂等键。", statusCode: StatusCodes.Status422UnprocessableEntity);

    private static IResult NotFound() =>
        TypedResults.Problem(title: "申请不存在", detail: "本单位没有该申请。", statusCode: StatusCodes.Status404NotFound);

    /// <summary>200 with the first answer and a header saying so: the retry registered nothing new.</summary>
    private sealed class ReplayedResult<T>(T value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(value).ExecuteAsync(httpContext);
        }
    }
}
