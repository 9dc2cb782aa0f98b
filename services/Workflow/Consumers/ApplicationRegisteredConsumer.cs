using System.Diagnostics;
using Gongkai.BuildingBlocks.Messaging;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>Opens a case for each registered application, with its reply deadline on the working-day calendar.</summary>
public sealed class ApplicationRegisteredConsumer(WorkflowDbContext db, WorkingDayCalendar calendar, TimeProvider clock) : IConsumer<ApplicationRegistered>
{
    public async Task Consume(ConsumeContext<ApplicationRegistered> context)
    {
        var message = context.Message;
        if (!await db.TryStartProcessingAsync(context, nameof(ApplicationRegisteredConsumer)))
            return;
        // The inbox stops redeliveries of this message; the unique application_id stops a second
        // message about the same application (e.g. a re-push from the city platform).
        if (await db.Cases.AnyAsync(c => c.ApplicationId == message.ApplicationId, context.CancellationToken))
            return;

        var now = clock.GetUtcNow();
        var @case = Case.Open(message.ApplicationId, message.ApplicationNumber, message.LegalReceiptDate, calendar, now, Activity.Current?.TraceId.ToString());
        db.Cases.Add(@case);
        db.AddIntegrationEvent(new CaseOpened(@case.Id, @case.ApplicationId, db.Tenant.Required, @case.CaseNumber,
            @case.ReceivedOn, @case.ReplyDue, @case.ReplyDueProvisional, now));
        db.AddIntegrationEvent(new AuditableActionOccurred(db.Tenant.Required, "办理流程服务", db.Tenant.Required, "case-opened",
            $"case:{@case.Id}", $"{@case.CaseNumber}，答复期限 {@case.ReplyDue:yyyy-MM-dd}", null, now));
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
