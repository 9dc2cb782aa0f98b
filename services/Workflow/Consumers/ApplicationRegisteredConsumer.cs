using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>Opens a case for each registered application, with its deadlines on the working-day calendar.</summary>
public sealed class ApplicationRegisteredConsumer(WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock) : IConsumer<ApplicationRegistered>
{
    public async Task Consume(ConsumeContext<ApplicationRegistered> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        // The inbox stops redeliveries of this message; the unique application_id stops a second
        // message about the same application (e.g. a re-push from the city platform).
        if (await db.Cases.AnyAsync(c => c.ApplicationId == message.ApplicationId, ct))
            return;

        var now = clock.GetUtcNow();
        var tenant = db.Tenant.Required;
        var settings = await db.SettingsAsync(ct);
        var applicant = Enum.TryParse<ApplicantCategory>(message.ApplicantCategory, out var category) ? category : ApplicantCategory.NaturalPerson;
        var @case = Case.Open(message.ApplicationId, message.ApplicationNumber, message.ApplicantName ?? "申请人", message.LegalReceiptDate, applicant,
            settings.CountStartDay, calendars.Current, now, Activity.Current?.TraceId.ToString(), message.SuggestedDomain);
        db.Cases.Add(@case);
        if (!await db.KnownTenants.AnyAsync(t => t.TenantId == tenant, ct))
            db.KnownTenants.Add(new KnownTenant { TenantId = tenant, FirstSeenAt = now });
        Activity.Current?.SetTag("gongkai.case_number", @case.CaseNumber);
        db.AddIntegrationEvent(new CaseOpened(@case.Id, @case.ApplicationId, tenant, @case.CaseNumber,
            @case.ReceivedOn, @case.ReplyDue!.Value, @case.ReplyDueProvisional, now));
        db.AddIntegrationEvent(CaseEvents.Counting(@case, tenant, now));
        // The receipt tells the applicant when the reply is due.
        CaseEvents.RequestDocument(db, @case, DocumentKinds.Receipt,
            new() { [DocumentKinds.Fields.Due] = @case.ReplyDue!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, now);
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, "办理流程服务", tenant, "case-opened",
            $"case:{@case.Id}", $"{@case.CaseNumber}，答复期限 {@case.ReplyDue:yyyy-MM-dd}", null, now));
        await db.SaveChangesAsync(ct);
    }
}
