using System.Security.Claims;
using Gongkai.BuildingBlocks;
using Gongkai.BuildingBlocks.Tenancy;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Apis;

/// <summary>The unit's requested documents and how far each got; a failed one can be tried again (handlers, unit admins).</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/document/requests").RequireUnitStaff();
        api.MapGet("/", List);
        api.MapPost("/{id:guid}/retry", Retry).RequireUnitStaff(StaffRoles.UnitAdmin, StaffRoles.Handler);
        return api;
    }

    public sealed record RequestView(Guid Id, Guid CaseId, string CaseNumber, string Kind, string State, string StateLabel, int Attempts,
        string? LastError, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt, Guid? DocumentId, string? ReservedNumber);

    private static async Task<IResult> List(string? state, Guid? caseId, DocumentDbContext db, CancellationToken ct)
    {
        var query = db.Requests.AsNoTracking();
        if (state is not null)
        {
            if (!Enum.TryParse<DocumentRequestState>(state, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["state"] = ["状态只能是 Pending（待出具）、Issued（已出具）或 Failed（出具失败）。"],
                }, title: "查询条件有误");
            query = query.Where(r => r.State == wanted);
        }
        if (caseId is not null)
            query = query.Where(r => r.CaseId == caseId);
        var rows = await query.OrderByDescending(r => r.RequestedAt).Take(200)
            .Select(r => new
            {
                Request = r,
                DueAt = db.RequestsDue.Where(d => d.RequestId == r.Id).Select(d => (DateTimeOffset?)d.DueAt).FirstOrDefault(),
                DocumentId = db.Documents.Where(d => d.RequestId == r.Id).Select(d => (Guid?)d.Id).FirstOrDefault(),
                // A failed request may hold a number already: the series has a hole until it is issued.
                ReservedNumber = db.NumberReservations.Where(n => n.RequestId == r.Id).Select(n => n.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => View(x.Request, x.DueAt, x.DocumentId, x.ReservedNumber)));
    }

    /// <summary>Puts a failed (or still pending) request back in line with a fresh set of attempts; the retry worker takes it within seconds.</summary>
    private static async Task<IResult> Retry(Guid id, DocumentDbContext db, ClaimsPrincipal user, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
            return TypedResults.Problem(title: "文书请求不存在", detail: "本单位没有该文书请求。", statusCode: StatusCodes.Status404NotFound);
        if (request.State == DocumentRequestState.Issued)
            return TypedResults.Problem(title: "文书已出具", detail: "该文书已经出具，无需重试。", statusCode: StatusCodes.Status409Conflict);
        var now = clock.GetUtcNow();
        request.State = DocumentRequestState.Pending;
        request.Attempts = 0;
        request.UpdatedAt = now;
        var due = await db.RequestsDue.SingleOrDefaultAsync(d => d.RequestId == id, ct);
        if (due is null)
            db.RequestsDue.Add(due = new DocumentRequestDue { RequestId = id, TenantId = db.Tenant.Required });
        due.DueAt = now;
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, user.ActorName(), db.Tenant.Required, "document-request-retried",
            $"document-request:{id}", $"重新出具文书（案件 {request.CaseNumber}，{request.Kind}），上次失败原因：{request.LastError}", http.ClientAddress(), now));
        await db.SaveChangesAsync(ct);
        var reserved = await db.NumberReservations.Where(n => n.RequestId == id).Select(n => n.Number).FirstOrDefaultAsync(ct);
        return TypedResults.Accepted($"/api/document/requests?caseId={request.CaseId}", View(request, due.DueAt, null, reserved));
    }

    private static RequestView View(DocumentRequest r, DateTimeOffset? dueAt, Guid? documentId, string? reservedNumber) => new(r.Id, r.CaseId,
        r.CaseNumber, r.Kind, r.State.ToString(), DocumentRequest.StateLabel(r.State), r.Attempts, r.LastError, r.RequestedAt, r.UpdatedAt, dueAt,
        documentId, reservedNumber);
}
