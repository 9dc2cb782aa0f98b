using System.Diagnostics;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>
/// A reconsideration decision or a ruling recorded in Publishing orders a new reply: the case is reopened with a fresh
/// clock from the day the ruling was received. A case that is not closed (already reopened, or never closed) is left as
/// it is and the order is noted on its timeline, so nobody loses sight of it.
/// </summary>
public sealed class CaseReopeningOrderedConsumer(WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock,
    ILogger<CaseReopeningOrderedConsumer> logger) : IConsumer<CaseReopeningOrdered>
{
    public async Task Consume(ConsumeContext<CaseReopeningOrdered> context)
    {
        var m = context.Message;
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == m.CaseId, context.CancellationToken);
        if (@case is null)
        {
            logger.LogWarning("Appeal {AppealId} ordered case {CaseId} reopened, which this unit does not have", m.AppealId, m.CaseId);
            return;
        }
        var now = clock.GetUtcNow();
        var traceId = Activity.Current?.TraceId.ToString();
        var before = @case.Status;
        try
        {
            @case.Apply(l => l.Reopen(m.RulingReceivedOn, m.Reason, calendars.Current, now, m.OrderedBy,
                m.ReplyWorkingDays ?? ReplyClock.StatutoryWorkingDays), traceId);
        }
        catch (CaseLifecycleException ex)
        {
            @case.Note(now, "reopening-not-applied", $"复议决定或裁判要求重新答复，但本案当前不能重新办理：{ex.Message}", m.OrderedBy, traceId);
        }
        CaseEvents.Publish(db, @case, before, "reopening", m.OrderedBy, null, now);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
