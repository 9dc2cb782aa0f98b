using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Infrastructure;
using Gongkai.Document.Issuing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Document.Consumers;

/// <summary>
/// The receipt (回执) of an opened case, for as long as Workflow does not ask for it with DocumentRequested.
/// Once a unit has had one requested receipt, this path stands down for that unit; and whichever path comes
/// first, a case gets one receipt only (checked here and by a unique index). A recorded request for the receipt
/// counts, issued or not: its retries are the request's (RequestedDocuments). CaseOpened carries no applicant
/// name, so this receipt is addressed to “申请人”.
/// </summary>
public sealed class CaseOpenedConsumer(DocumentDbContext db, DocumentIssuer issuer, ILogger<CaseOpenedConsumer> logger) : IConsumer<CaseOpened>
{
    private const int ReceiptGraceChecks = 12;

    public async Task Consume(ConsumeContext<CaseOpened> context)
    {
        var message = context.Message;
        if (await db.Requests.AnyAsync(r => r.Kind == IssuedDocument.ReceiptKind, context.CancellationToken)
            || await db.Documents.AnyAsync(d => d.Kind == IssuedDocument.ReceiptKind && d.RequestId != null, context.CancellationToken))
        {
            logger.LogDebug("Workflow requests receipts for unit {Tenant}; CaseOpened {CaseNumber} issues none", db.Tenant.Required, message.CaseNumber);
            return;
        }
        // Workflow asks for the receipt in the same commit that opens the case, on another queue; give its request
        // (which names the applicant) a moment to win before issuing one from here.
        for (var attempt = 0; attempt < ReceiptGraceChecks; attempt++)
        {
            if (await db.Requests.AnyAsync(r => r.CaseId == message.CaseId && r.Kind == IssuedDocument.ReceiptKind, context.CancellationToken)
                || await db.Documents.AnyAsync(d => d.CaseId == message.CaseId && d.Kind == IssuedDocument.ReceiptKind, context.CancellationToken))
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(250), context.CancellationToken);
        }
        var fields = new Dictionary<string, string> { [DocumentKinds.Fields.Due] = message.ReplyDue.ToString("yyyy-MM-dd") };
        if (message.ReplyDueProvisional)
            fields.Remove(DocumentKinds.Fields.Due);
        await issuer.IssueAsync(new IssueCommand(null, message.CaseId, DocumentKinds.Receipt, message.CaseNumber, null, message.ReceivedOn, fields),
            context.CancellationToken);
    }
}
