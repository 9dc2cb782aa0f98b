using System.Diagnostics;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using Gongkai.Workflow.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Workflow.Consumers;

/// <summary>
/// The applicant withdrew through the city platform: the case closes as withdrawn where the state machine allows it; a
/// case past that point (the reply already issued) keeps its course and the withdrawal is noted on its timeline.
/// </summary>
public sealed class ApplicationWithdrawalReceivedConsumer(WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock,
    ILogger<ApplicationWithdrawalReceivedConsumer> logger) : IConsumer<ApplicationWithdrawalReceived>
{
    public async Task Consume(ConsumeContext<ApplicationWithdrawalReceived> context)
    {
        var m = context.Message;
        await ApplicantMessages.ApplyAsync(db, m.ApplicationId, m.ReceivedFrom, "withdrawal", clock, logger, context.CancellationToken,
            (@case, now, traceId) =>
            {
                try
                {
                    @case.Apply(l => l.Withdraw(m.WithdrawnOn, m.Reason, calendars.Current, now, m.ReceivedFrom), traceId);
                }
                catch (CaseLifecycleException ex)
                {
                    @case.Note(now, "withdrawal-not-applied", $"申请人经市级平台撤回申请（{m.Reason}），但本案当前不能按撤回办结：{ex.Message}", m.ReceivedFrom, traceId);
                }
            });
    }
}

/// <summary>
/// Supplementary material arrived through the city platform: a case waiting for correction (Art. 30) resumes on that day;
/// otherwise the material is noted on the timeline for the handler to read.
/// </summary>
public sealed class ApplicationSupplementReceivedConsumer(WorkflowDbContext db, CalendarProvider calendars, TimeProvider clock,
    ILogger<ApplicationSupplementReceivedConsumer> logger) : IConsumer<ApplicationSupplementReceived>
{
    public async Task Consume(ConsumeContext<ApplicationSupplementReceived> context)
    {
        var m = context.Message;
        await ApplicantMessages.ApplyAsync(db, m.ApplicationId, m.ReceivedFrom, "corrections", clock, logger, context.CancellationToken,
            (@case, now, traceId) =>
            {
                // The applicant's own words stay with the application's files (Intake); the timeline says where to read them.
                var what = $"收到申请人经市级平台补充的材料（附件 {m.AttachmentCount} 个" + (m.NoteFile is { } file ? $"，含补充说明“{file}”）" : "）");
                @case.Note(now, "supplement-received", what, m.ReceivedFrom, traceId);
                if (@case.Status != CaseStatus.CorrectionRequested)
                    return;
                try
                {
                    @case.Apply(l => l.ReceiveCorrection(m.ReceivedOn, calendars.Current, now, m.ReceivedFrom), traceId);
                }
                catch (CaseLifecycleException ex)
                {
                    @case.Note(now, "correction-not-applied", $"补充材料未能按补正登记：{ex.Message}", m.ReceivedFrom, traceId);
                }
            });
    }
}

internal static class ApplicantMessages
{
    public static async Task ApplyAsync(WorkflowDbContext db, Guid applicationId, string actor, string action, TimeProvider clock, ILogger logger,
        CancellationToken ct, Action<Case, DateTimeOffset, string?> apply)
    {
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.ApplicationId == applicationId, ct);
        if (@case is null)
        {
            // Intake accepts these only for an application whose case it has heard of, so a retry would not find it either.
            logger.LogWarning("A message from the applicant names application {ApplicationId}, which has no case here; ignored", applicationId);
            return;
        }
        var now = clock.GetUtcNow();
        var before = @case.Status;
        apply(@case, now, Activity.Current?.TraceId.ToString());
        CaseEvents.Publish(db, @case, before, action, actor, null, now);
        await db.SaveChangesAsync(ct);
    }
}
