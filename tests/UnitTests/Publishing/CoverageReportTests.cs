using Gongkai.Publishing.Domain.Standard;
using static Gongkai.UnitTests.Publishing.StandardCatalogueTestData;

namespace Gongkai.UnitTests.Publishing;

public class CoverageReportTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidaySchedule.Shipped());
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static CoverageReport Build(IReadOnlyList<Obligation> obligations, IReadOnlyList<CoveredItem> items, IReadOnlyList<CoveredVersion> versions,
        IReadOnlyList<DomainExemption>? exemptions = null) =>
        CoverageReport.Build(2026, Today, obligations, exemptions ?? [], items, versions, Calendar, promptWorkingDays: 5, statutoryWorkingDays: 20);

    [Fact]
    public void An_obligation_nothing_fulfils_is_flagged_empty_and_one_with_current_items_is_counted()
    {
        var covered = Obligation.Local(Guid.NewGuid(), Content("2305"), "admin", Now);
        var empty = Obligation.Local(Guid.NewGuid(), Content("2306", "家庭医生签约"), "admin", Now);
        var items = new[]
        {
            new CoveredItem(Guid.NewGuid(), covered.Id, Current: true, new DateOnly(2026, 3, 2), Pending: false, new DateOnly(2026, 3, 2)),
            new CoveredItem(Guid.NewGuid(), covered.Id, Current: true, new DateOnly(2025, 6, 1), Pending: false, new DateOnly(2025, 6, 1)),
            // Withdrawn or repealed: not current.
            new CoveredItem(Guid.NewGuid(), empty.Id, Current: false, new DateOnly(2026, 5, 6), Pending: false, new DateOnly(2026, 5, 6)),
        };

        var report = Build([covered, empty], items, []);

        var first = report.Items.Single(r => r.ObligationId == covered.Id);
        Assert.Equal((2, 1, new DateOnly(2026, 3, 2), false, false), (first.CurrentItems, first.PublishedInPeriod, first.LatestPublishedOn, first.Empty, first.NotUpdatedInPeriod));
        var second = report.Items.Single(r => r.ObligationId == empty.Id);
        Assert.Equal((0, true, (DateOnly?)null), (second.CurrentItems, second.Empty, second.LatestPublishedOn));
        Assert.Equal(1, report.EmptyObligations);
    }

    [Fact]
    public void Timeliness_uses_the_obligations_own_working_days()
    {
        // 5 working days from Monday 2026-11-02 is Monday 2026-11-09; Art. 26's 20 would allow until 2026-11-30.
        var fast = Obligation.Local(Guid.NewGuid(), Content("2305", deadline: "自形成之日起5个工作日内"), "admin", Now);
        var prompt = Obligation.Local(Guid.NewGuid(), Content("2306", "及时类", deadline: "及时公开"), "admin", Now);
        var versions = new[]
        {
            new CoveredVersion(Guid.NewGuid(), fast.Id, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9)),
            new CoveredVersion(Guid.NewGuid(), fast.Id, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 10)),
            new CoveredVersion(Guid.NewGuid(), prompt.Id, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 10)),
            new CoveredVersion(Guid.NewGuid(), prompt.Id, new DateOnly(2025, 11, 2), new DateOnly(2025, 11, 3)),   // another period
        };
        var pending = new CoveredItem(Guid.NewGuid(), fast.Id, Current: false, null, Pending: true, new DateOnly(2026, 11, 2));

        var report = Build([fast, prompt], [pending], versions);

        var f = report.Items.Single(r => r.ObligationId == fast.Id);
        Assert.Equal((5, 1, 1, 1), (f.CheckedWorkingDays, f.PublishedOnTime, f.PublishedLate, f.PendingOverdue));
        var p = report.Items.Single(r => r.ObligationId == prompt.Id);
        Assert.Equal((DeadlineKind.Promptly, 5, 0, 1), (p.DeadlineKind, p.CheckedWorkingDays, p.PublishedOnTime, p.PublishedLate));
        Assert.Equal(3, report.LateOrOverdue);
    }

    [Fact]
    public void A_domain_without_obligations_is_unexplained_unless_a_reason_is_recorded()
    {
        var report = Build([Obligation.Local(Guid.NewGuid(), Content(), "admin", Now)], [], [],
            [new DomainExemption { DomainCode = "06", Reason = "不承担税收管理职能" }]);
        Assert.Equal(26, report.Domains.Count);
        Assert.False(report.Domains.Single(d => d.DomainCode == "23").Unexplained);
        Assert.Equal(("不承担税收管理职能", false), (report.Domains.Single(d => d.DomainCode == "06").NotApplicableReason, report.Domains.Single(d => d.DomainCode == "06").Unexplained));
        Assert.True(report.Domains.Single(d => d.DomainCode == "01").Unexplained);
    }
}
