using System.Globalization;
using Gongkai.Contracts;
using Gongkai.Workflow.Domain;
using Gongkai.Workflow.Domain.Lifecycle;
using F = Gongkai.Contracts.DocumentKinds.Fields;

namespace Gongkai.Workflow.Infrastructure;

/// <summary>The integration events of one case action, queued in the same outbox transaction as the change.</summary>
public static class CaseEvents
{
    public static void Publish(WorkflowDbContext db, Case @case, CaseStatus before, string action, string actor, string? sourceAddress, DateTimeOffset now)
    {
        var tenant = db.Tenant.Required;
        var last = @case.Timeline.LastOrDefault();
        var detail = $"{@case.CaseNumber}：{last?.Description}";
        // The audit log keeps 2,000 characters; a longer detail would fail there on every retry.
        db.AddIntegrationEvent(new AuditableActionOccurred(tenant, actor, tenant, $"case-{action}", $"case:{@case.Id}",
            detail.Length > 1000 ? detail[..1000] + "…" : detail, sourceAddress, now));
        if (@case.Status != before)
        {
            var decision = @case.Lifecycle.Decision;
            db.AddIntegrationEvent(new CaseStatusChanged(@case.Id, @case.ApplicationId, tenant, @case.Status.ToString(), @case.Status.Label(), @case.ReplyDue, now,
                decision?.ReplyType.ToString(), decision?.ReplyType.Label()));
        }
        // Every recorded action may change what the annual report or the district's supervision counts (an extension, a
        // confirmed domain, a return from review), and each has its own revision: the newest facts win.
        db.AddIntegrationEvent(Counting(@case, tenant, now));
        var l = @case.Lifecycle;
        if (@case.Status == CaseStatus.UnderReview && before != CaseStatus.UnderReview)
            db.AddIntegrationEvent(new ReviewRequested(@case.Id, tenant, @case.CaseNumber, @case.ReplyDue ?? @case.ReceivedOn, now, 1,
                l.Decision?.ReplyType.ToString(), l.Decision?.Outcome.ToString(), l.Requests.Any(r => r.Kind == RequestKind.ThirdPartyOpinion)));
        foreach (var (kind, fields) in DocumentsFor(action, @case))
            RequestDocument(db, @case, kind, fields, now);
    }

    /// <summary>The case's annual-report and supervision facts, sent whole.</summary>
    public static CaseCountingChanged Counting(Case @case, string tenant, DateTimeOffset now)
    {
        var l = @case.Lifecycle;
        return new CaseCountingChanged(@case.Id, tenant, @case.CaseNumber, l.ApplicantCategory, l.Revision, l.CountedHandlings,
            l.Fee is { } fee ? new CountedFee(fee.IssuedOn, fee.Amount, l.FeePaidOn) : null, now, l.SupervisionFacts);
    }

    /// <summary>Asks Document for a standard document of the case; Document answers with DocumentIssued.</summary>
    public static void RequestDocument(WorkflowDbContext db, Case @case, string kind, Dictionary<string, string> fields, DateTimeOffset now) =>
        db.AddIntegrationEvent(new DocumentRequested(Guid.NewGuid(), @case.Id, @case.ApplicationId, db.Tenant.Required, kind, @case.CaseNumber,
            @case.ApplicantName, @case.ReceivedOn, fields, now));

    /// <summary>The letters and notices an action produces (brief §4.2: the procedural documents).</summary>
    private static IEnumerable<(string Kind, Dictionary<string, string> Fields)> DocumentsFor(string action, Case @case)
    {
        var l = @case.Lifecycle;
        var open = l.Requests.LastOrDefault();
        Dictionary<string, string> Request(params (string, string)[] extra) => new(
            new[] { (F.Party, open?.Party ?? ""), (F.Question, open?.Details ?? ""), (F.Due, Date(open?.Due)), (F.PeriodWorkingDays, $"{open?.PeriodWorkingDays}") }
                .Concat(extra).Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
        switch (action)
        {
            case "correction-requests":
                yield return (DocumentKinds.CorrectionNotice, Request((F.CorrectionItems, open?.Details ?? "")));
                break;
            case "explanation-requests":
                yield return (DocumentKinds.ExplainReasonsNotice, Request());
                break;
            case "third-party-consultations":
                yield return (DocumentKinds.ThirdPartyLetter, Request());
                yield return (DocumentKinds.ThirdPartyApplicantNotice, Request());
                break;
            case "agency-consultations":
                yield return (DocumentKinds.AgencyLetter, Request());
                break;
            case "assist-requests":
                yield return (DocumentKinds.AssistLetter, Request());
                break;
            case "fee-notices" when l.Fee is { } fee:
                yield return (DocumentKinds.FeeNotice, Request((F.FeeAmount, fee.Amount.ToString("0.00", CultureInfo.InvariantCulture)), (F.FeeBasis, fee.Basis)));
                break;
            case "extensions" when l.Clock.Extension is { } extension:
                yield return (DocumentKinds.ExtensionNotice, new()
                {
                    [F.ExtensionWorkingDays] = extension.WorkingDays.ToString(CultureInfo.InvariantCulture),
                    [F.Due] = Date(l.Clock.Due),
                    [F.Reasons] = extension.Reason,
                });
                break;
        }
    }

    /// <summary>The reply itself, once the review chain approved the decision.</summary>
    public static void RequestReply(WorkflowDbContext db, Case @case, DateTimeOffset now)
    {
        var decision = @case.Lifecycle.Decision!;
        RequestDocument(db, @case, DocumentKinds.Reply, new()
        {
            [F.ReplyType] = decision.ReplyType.ToString(),
            [F.Outcome] = decision.Outcome.ToString(),
            [F.Reasons] = decision.Reasons,
        }, now);
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
