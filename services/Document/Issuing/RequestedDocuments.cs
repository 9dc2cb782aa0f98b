using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Document.Issuing;

/// <summary>
/// Keeps every DocumentRequested as a row and tries it until the document is issued: a failed attempt (a busy
/// database, drawing the PDF, the unit's name not to be had) is tried again with growing delays, and after the last
/// one the request is marked Failed, DocumentRenderingFailed is published and a warning logged. Staff see the
/// rows (RequestsApi) and can try a failed one again.
/// </summary>
public sealed class RequestedDocuments(DocumentDbContext db, DocumentIssuer issuer, IOptions<DocumentRequestRetryOptions> options, TimeProvider clock,
    ILogger<RequestedDocuments> logger)
{
    private readonly DocumentRequestRetryOptions _options = options.Value;

    /// <summary>
    /// Saves the request (and any pending change, such as the consumer's inbox row). Returns it when it is new:
    /// the caller holds it for one attempt. A request seen before is left to whoever holds it.
    /// </summary>
    public async Task<DocumentRequest?> RecordAsync(DocumentRequested message, CancellationToken ct)
    {
        if (await db.Requests.AnyAsync(r => r.Id == message.RequestId, ct))
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        var now = clock.GetUtcNow();
        var request = new DocumentRequest
        {
            Id = message.RequestId, CaseId = message.CaseId, ApplicationId = message.ApplicationId, Kind = message.Kind, CaseNumber = message.CaseNumber,
            ApplicantName = message.ApplicantName, ReceivedOn = message.ReceivedOn, Fields = new Dictionary<string, string>(message.Fields ?? new Dictionary<string, string>()),
            RequestedAt = message.RequestedAt, State = DocumentRequestState.Pending, UpdatedAt = now,
        };
        db.Requests.Add(request);
        db.RequestsDue.Add(new DocumentRequestDue { RequestId = request.Id, TenantId = db.Tenant.Required, DueAt = now + _options.Lease });
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>Tries a due request again (the retry worker), unless another instance holds it or it is settled.</summary>
    public async Task RetryAsync(Guid requestId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The claim: only one instance moves a due request's time forward, and only that one tries it now.
        var claimed = await db.RequestsDue.Where(d => d.RequestId == requestId && d.DueAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.DueAt, now + _options.Lease), ct);
        if (claimed == 0)
            return;
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is not { State: DocumentRequestState.Pending })
        {
            await db.RequestsDue.Where(d => d.RequestId == requestId).ExecuteDeleteAsync(ct);
            return;
        }
        await AttemptAsync(request, ct);
    }

    /// <summary>One attempt at issuing the request's document; a failure is recorded and scheduled, never thrown.</summary>
    public async Task AttemptAsync(DocumentRequest request, CancellationToken ct)
    {
        var command = new IssueCommand(request.Id, request.CaseId, request.Kind, request.CaseNumber, request.ApplicantName, request.ReceivedOn,
            request.Fields ?? new Dictionary<string, string>());
        try
        {
            var result = await issuer.IssueAsync(command, ct);
            if (result != IssueResult.Issued)
                logger.LogInformation("Request {RequestId} ({Kind}) for case {CaseNumber}: {Result}", request.Id, request.Kind, request.CaseNumber, result);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            await RecordFailureAsync(request.Id, FailureText(ex, command), ct);
            return;
        }
        // The document is committed; if this bookkeeping is lost, the next attempt finds the document and does it.
        // The particulars are dropped: the issued document holds them.
        await db.Requests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, DocumentRequestState.Issued)
            .SetProperty(r => r.Attempts, r => r.Attempts + 1)
            .SetProperty(r => r.ApplicantName, (string?)null)
            .SetProperty(r => r.Fields, (Dictionary<string, string>?)null)
            .SetProperty(r => r.UpdatedAt, clock.GetUtcNow()), ct);
        await db.RequestsDue.Where(d => d.RequestId == request.Id).ExecuteDeleteAsync(ct);
    }

    private async Task RecordFailureAsync(Guid requestId, string error, CancellationToken ct)
    {
        var request = await db.Requests.SingleAsync(r => r.Id == requestId, ct);
        var due = await db.RequestsDue.SingleOrDefaultAsync(d => d.RequestId == requestId, ct);
        var now = clock.GetUtcNow();
        request.Attempts++;
        request.LastError = error;
        request.UpdatedAt = now;
        if (request.Attempts < _options.MaxAttempts)
        {
            var delay = _options.DelayAfter(request.Attempts);
            if (due is null)
                db.RequestsDue.Add(due = new DocumentRequestDue { RequestId = requestId, TenantId = db.Tenant.Required });
            due.DueAt = now + delay;
            logger.LogWarning("Attempt {Attempt} at request {RequestId} ({Kind}, case {CaseNumber}) failed, next in {Delay}: {Error}",
                request.Attempts, requestId, request.Kind, request.CaseNumber, delay, error);
        }
        else
        {
            request.State = DocumentRequestState.Failed;
            if (due is not null)
                db.RequestsDue.Remove(due);
            db.AddIntegrationEvent(new DocumentRenderingFailed(request.Id, request.CaseId, db.Tenant.Required, request.Kind, request.CaseNumber,
                request.Attempts, error, now));
            logger.LogWarning("Gave up on request {RequestId} ({Kind}, case {CaseNumber}) after {Attempts} attempts: {Error}",
                requestId, request.Kind, request.CaseNumber, request.Attempts, error);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The innermost error's type and message, with the request's particulars (applicant, field values) taken
    /// out in case a message quotes them: the text is shown to staff, logged and published.
    /// </summary>
    public static string FailureText(Exception ex, IssueCommand command)
    {
        var error = ex.GetBaseException();
        var text = error is UnitNameMissingException ? error.Message : $"{error.GetType().Name}: {error.Message}";
        foreach (var value in command.Fields.Values.Append(command.ApplicantName ?? "").Where(v => v.Trim().Length >= 2).OrderByDescending(v => v.Length))
            text = text.Replace(value.Trim(), "***", StringComparison.Ordinal);
        return text.Length <= 500 ? text : text[..500];
    }
}
