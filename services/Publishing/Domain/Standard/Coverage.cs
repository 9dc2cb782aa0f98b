using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.Publishing.Domain.Standard;

/// <summary>An item that names an obligation, as coverage needs it.</summary>
/// <param name="Current">Published (a version is public, not withdrawn) and 有效.</param>
/// <param name="PublishedOn">The publication date of its last published version.</param>
/// <param name="Pending">A proactive version not yet published (draft or under review): its Art. 26 clock runs.</param>
/// <param name="FormedOrChangedOn">When the pending version was formed or changed.</param>
public sealed record CoveredItem(Guid ItemId, Guid ObligationId, bool Current, DateOnly? PublishedOn, bool Pending, DateOnly FormedOrChangedOn);

/// <summary>A published version of an item that names an obligation.</summary>
public sealed record CoveredVersion(Guid ItemId, Guid ObligationId, DateOnly FormedOrChangedOn, DateOnly PublishedOn);

public sealed record ObligationCoverage(
    Guid ObligationId,
    string Code,
    string DomainCode,
    string DomainName,
    string Level1,
    string? Level2,
    string DeadlineText,
    DeadlineKind DeadlineKind,
    int CheckedWorkingDays,
    int CurrentItems,
    int PublishedInPeriod,
    DateOnly? LatestPublishedOn,
    bool Empty,
    bool NotUpdatedInPeriod,
    int PublishedOnTime,
    int PublishedLate,
    int PendingOverdue);

public sealed record DomainCoverage(string DomainCode, string DomainName, int Obligations, int EmptyObligations, string? NotApplicableReason, bool Unexplained);

public sealed record CoverageReport(
    int Year,
    DateOnly AsOf,
    int PromptWorkingDays,
    int StatutoryWorkingDays,
    int Obligations,
    int EmptyObligations,
    int LateOrOverdue,
    IReadOnlyList<ObligationCoverage> Items,
    IReadOnlyList<DomainCoverage> Domains)
{
    /// <summary>
    /// Per obligation: how many current items fulfil it (none: an empty column, 空栏目, which inspectors flag, brief
    /// §2.4), how many were published in <paramref name="year"/> and when last; and Art. 26 timeliness with the
    /// obligation's own working days (its 公开时限; "及时公开" with the unit's threshold, none stated with Art. 26's).
    /// Per domain: a domain with neither obligations nor a recorded reason is unexplained.
    /// </summary>
    public static CoverageReport Build(int year, DateOnly today, IReadOnlyList<Obligation> obligations, IReadOnlyList<DomainExemption> exemptions,
        IReadOnlyList<CoveredItem> items, IReadOnlyList<CoveredVersion> versions, WorkingDayCalendar calendar, int promptWorkingDays, int statutoryWorkingDays)
    {
        var itemsOf = items.ToLookup(i => i.ObligationId);
        var versionsOf = versions.Where(v => v.PublishedOn.Year == year).ToLookup(v => v.ObligationId);
        var rows = new List<ObligationCoverage>();
        foreach (var o in obligations.Where(o => o.Active).OrderBy(o => o.DomainCode).ThenBy(o => o.Code, StringComparer.Ordinal))
        {
            var deadline = new ObligationDeadline(o.DeadlineKind, o.DeadlineWorkingDays);
            var days = deadline.EffectiveWorkingDays(promptWorkingDays, statutoryWorkingDays);
            var clock = new PublicationDeadline(calendar, days);
            var current = itemsOf[o.Id].Where(i => i.Current).ToList();
            var inPeriod = current.Count(i => i.PublishedOn?.Year == year);
            var states = versionsOf[o.Id].Select(v => clock.StatusOn(v.FormedOrChangedOn, v.PublishedOn, today).State).ToList();
            var pendingOverdue = itemsOf[o.Id].Count(i => i.Pending && clock.StatusOn(i.FormedOrChangedOn, null, today).State == DeadlineState.Overdue);
            rows.Add(new ObligationCoverage(o.Id, o.Code, o.DomainCode, GrassrootsDomains.Find(o.DomainCode)?.Name ?? o.DomainCode, o.Level1, o.Level2,
                o.DeadlineText, o.DeadlineKind, days, current.Count, inPeriod, current.Max(i => i.PublishedOn), current.Count == 0, inPeriod == 0,
                states.Count(s => s == DeadlineState.PublishedOnTime), states.Count(s => s == DeadlineState.PublishedLate), pendingOverdue));
        }
        var reasons = exemptions.ToDictionary(e => e.DomainCode, e => e.Reason);
        var domains = GrassrootsDomains.All.Select(d =>
        {
            var mine = rows.Where(r => r.DomainCode == d.Code).ToList();
            var reason = reasons.GetValueOrDefault(d.Code);
            return new DomainCoverage(d.Code, d.Name, mine.Count, mine.Count(r => r.Empty), reason, mine.Count == 0 && reason is null);
        }).ToList();
        return new CoverageReport(year, today, promptWorkingDays, statutoryWorkingDays, rows.Count, rows.Count(r => r.Empty),
            rows.Sum(r => r.PublishedLate + r.PendingOverdue), rows, domains);
    }
}
