using System.Diagnostics;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Intake.Domain;
using Gongkai.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Intake.Apis;

public static class ApplicationsApi
{
    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake/applications");
        api.MapPost("/", Register).RequireUnitStaff(StaffRoles.Registrar);
        api.MapGet("/{id:guid}", GetApplication).RequireUnitStaff();
        return api;
    }

    public sealed record RegisterApplicationRequest(string? ApplicantName, string? Description, Channel? Channel, DateOnly? LegalReceiptDate);

    public sealed record RegisteredApplication(Guid Id, string ApplicationNumber, string QueryCode, DateOnly LegalReceiptDate);

    public sealed record ApplicationView(Guid Id, string ApplicationNumber, string ApplicantName, string Description, Channel Channel,
        DateOnly LegalReceiptDate, DateTimeOffset RegisteredAt, Guid? CaseId, DateOnly? ReplyDue);

    private static async Task<IResult> Register(RegisterApplicationRequest request, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var errors = Validate(request, today);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "申请信息有误");

        var now = clock.GetUtcNow();
        var receiptDate = request.LegalReceiptDate ?? today;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sequence = await db.NextApplicationNumberAsync(receiptDate.Year, ct);
        var number = $"{db.Tenant.Required}-{receiptDate.Year}-{sequence:D5}";
        var (application, queryCode) = Application.Register(number, request.ApplicantName!.Trim(), request.Description!.Trim(),
            request.Channel!.Value, receiptDate, now, Activity.Current?.TraceId.ToString());
        db.Applications.Add(application);
        db.AddIntegrationEvent(new ApplicationRegistered(application.Id, db.Tenant.Required, number, application.Channel.ToString(), receiptDate, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        Activity.Current?.SetTag("gongkai.application_number", number);
        return TypedResults.Created($"/api/intake/applications/{application.Id}",
            new RegisteredApplication(application.Id, number, queryCode, receiptDate));
    }

    private static Dictionary<string, string[]> Validate(RegisterApplicationRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.ApplicantName))
            errors["applicantName"] = ["申请人姓名或名称不能为空。"];
        else if (request.ApplicantName.Trim().Length > 200)
            errors["applicantName"] = ["申请人姓名或名称不能超过 200 个字。"];
        if (string.IsNullOrWhiteSpace(request.Description))
            errors["description"] = ["请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。"];
        else if (request.Description.Trim().Length > 4000)
            errors["description"] = ["所需信息描述不能超过 4000 个字。"];
        if (request.Channel is null || !Enum.IsDefined(request.Channel.Value))
            errors["channel"] = ["请选择申请渠道。"];
        if (request.LegalReceiptDate is { } date && (date > today || date < today.AddYears(-1)))
            errors["legalReceiptDate"] = ["法定收到申请日不能晚于今天，也不能早于一年前。"];
        return errors;
    }

    private static async Task<IResult> GetApplication(Guid id, IntakeDbContext db, CancellationToken ct)
    {
        var a = await db.Applications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return a is null
            ? TypedResults.Problem(title: "申请不存在", detail: "本单位没有该申请。", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new ApplicationView(a.Id, a.Number, a.ApplicantName, a.Description, a.Channel, a.LegalReceiptDate, a.RegisteredAt, a.CaseId, a.ReplyDue));
    }
}
