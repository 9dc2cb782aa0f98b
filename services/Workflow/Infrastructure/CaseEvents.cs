using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;

namespace Gongkai.Workflow.Infrastructure;

/// <summary>The integration events of one case action, queued in the same outbox transaction as the change.</summary>
public static class CaseEvents
{
    public static void Publish(WorkflowDbContext db, Case @case, CaseStatus before, string action, string actor, string? sourceAddress, DateTimeOffset now)
    {
        var tenant = db.Tenant.Required;
        var last = @case.Timeline.LastOrDefault();
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, actor, tenant, $"case-{action}", $"case:{@case.Id}",
            $"{@case.CaseNumber}：{last?.Description}", sourceAddress, now));
        if (@case.Status != before)
            db.AddIntegrationEvent(new CaseStatusChanged(@case.Id, @case.ApplicationId, tenant, @case.Status.ToString(), @case.Status.Label(), @case.ReplyDue, now));
        if (@case.Status == CaseStatus.UnderReview && before != CaseStatus.UnderReview)
            db.AddIntegrationEvent(new ReviewRequested(@case.Id, tenant, @case.CaseNumber, @case.ReplyDue ?? @case.ReceivedOn, now));
    }
}
