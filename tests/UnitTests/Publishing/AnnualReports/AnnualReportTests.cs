using Gongkai.Publishing.Domain.AnnualReports;
using static Gongkai.UnitTests.Publishing.AnnualReports.AnnualReportTestData;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class AnnualReportTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly ReportCheck Unbalanced = new("AR-01", CheckSeverity.Error, CheckResult.Fail, "表三 · 自然人列", "不平衡");
    private static readonly ReportCheck Passed = new("AR-04", CheckSeverity.Error, CheckResult.Pass, "表四", "通过");
    private static readonly ReportCheck InForce = new("AR-07", CheckSeverity.Warning, CheckResult.Fail, "表二 · 规章现行有效件数", "不衔接");
    private static readonly ReportCheck Copied = new("AR-13", CheckSeverity.Warning, CheckResult.Fail, "正文", "雷同");
    private static readonly ReportCheck NoLastYear = new("AR-06", CheckSeverity.Error, CheckResult.NotAssessable, "表三 · 二、上年结转", "无法核对");

    private static AnnualReport Draft() => AnnualReport.Start(Year, Proactive2026, Sections2026, Now, "起草人");

    private static AnnualReport Published()
    {
        var report = Draft();
        report.Submit(Content2026, [Passed], false, null, Now, "起草人");
        report.Publish("110101001-2026-01", new string('a', 64), new DateOnly(2027, 1, 20), Now.AddDays(10), "签发人");
        return report;
    }

    [Fact]
    public void A_blocking_failure_without_a_reason_is_refused_and_listed()
    {
        var report = Draft();

        var refused = Assert.Throws<ReportChecksFailedException>(() => report.Submit(Content2026, [Passed, Unbalanced, InForce], false, "  ", Now, "起草人"));
        Assert.Equal([Unbalanced], refused.Failures);
        Assert.Equal(ReportState.Draft, report.State);
        Assert.Null(report.Submitted);
        Assert.Equal(0, report.ReviewRound);
    }

    [Fact]
    public void A_blocking_failure_with_a_reason_goes_to_review_keeping_the_reason_and_the_checks()
    {
        var report = Draft();
        var content = Content2026;
        report.Submit(content, [Passed, Unbalanced], false, "  上年数据由原系统导出，差额已另行说明 ", Now.AddHours(1), "科长");

        Assert.Equal(ReportState.InReview, report.State);
        Assert.Equal("上年数据由原系统导出，差额已另行说明", report.OverrideReason);
        Assert.Same(content, report.Submitted);
        Assert.Equal([Passed, Unbalanced], report.Checks);
        Assert.Equal(1, report.ReviewRound);
        Assert.Equal("科长", report.UpdatedBy);
        Assert.Equal(Now.AddHours(1), report.UpdatedAt);
    }

    [Fact]
    public void Warnings_and_checks_that_could_not_be_made_do_not_block_and_need_no_reason()
    {
        var report = Draft();
        report.Submit(Content2026, [InForce, Copied, NoLastYear], similarityBlocks: false, overrideReason: "多余的理由", Now, "起草人");

        Assert.Equal(ReportState.InReview, report.State);
        Assert.Null(report.OverrideReason); // nothing was overridden
    }

    [Fact]
    public void Similarity_blocks_only_where_the_unit_chose_so()
    {
        var blocked = Draft();
        var refused = Assert.Throws<ReportChecksFailedException>(() => blocked.Submit(Content2026, [InForce, Copied], similarityBlocks: true, null, Now, "起草人"));
        Assert.Equal([Copied], refused.Failures);

        Assert.True(AnnualReport.Blocks(Copied, similarityBlocks: true));
        Assert.False(AnnualReport.Blocks(Copied, similarityBlocks: false));
        Assert.False(AnnualReport.Blocks(InForce, similarityBlocks: true));
        Assert.False(AnnualReport.Blocks(Copied with { Result = CheckResult.Pass }, similarityBlocks: true));
    }

    [Fact]
    public void A_report_in_review_or_published_cannot_be_edited()
    {
        var proactive = Proactive2026;
        var report = AnnualReport.Start(Year, proactive, Sections2026, Now, "起草人");
        report.Edit(null, Sections2026 with { Problems = "改过的问题" }, Now, "起草人");
        Assert.Equal("改过的问题", report.Sections.Problems);
        Assert.Same(proactive, report.Proactive);

        report.Submit(Content2026, [Passed], false, null, Now, "起草人");
        var inReview = Assert.Throws<ReportRuleException>(() => report.Edit(ProactiveTable.Empty, null, Now, "起草人"));
        Assert.Contains("审核", inReview.Message);
        Assert.Same(proactive, report.Proactive);
        Assert.Throws<ReportRuleException>(() => report.Submit(Content2026, [Passed], false, null, Now, "起草人"));

        var published = Published();
        Assert.Contains("更正", Assert.Throws<ReportRuleException>(() => published.Edit(null, ReportSections.Empty, Now, "起草人")).Message);
    }

    [Fact]
    public void Returning_goes_back_to_draft_and_a_resubmission_is_a_new_round()
    {
        var report = Draft();
        report.Submit(Content2026, [Unbalanced], false, "理由", Now, "起草人");
        Assert.True(report.AwaitsReview(1));
        Assert.False(report.AwaitsReview(2));

        report.Return("表三数据请核实", Now.AddDays(1), "审核人");
        Assert.Equal(ReportState.Draft, report.State);
        Assert.Null(report.Submitted);
        Assert.Equal("表三数据请核实", report.ReturnReasons);
        Assert.False(report.AwaitsReview(1));

        report.Edit(null, Sections2026, Now.AddDays(2), "起草人");
        report.Submit(Content2026, [Passed], false, null, Now.AddDays(2), "起草人");
        Assert.Equal(2, report.ReviewRound);
        Assert.Null(report.ReturnReasons);
        Assert.Null(report.OverrideReason);
        Assert.False(report.AwaitsReview(1)); // a decision on the first round is stale
        Assert.True(report.AwaitsReview(2));
    }

    [Fact]
    public void Only_a_published_report_can_be_corrected_into_a_new_version()
    {
        Assert.Throws<ReportRuleException>(() => Draft().Correct("笔误", Now, "起草人"));
        var inReview = Draft();
        inReview.Submit(Content2026, [Passed], false, null, Now, "起草人");
        Assert.Throws<ReportRuleException>(() => inReview.Correct("笔误", Now, "起草人"));

        var published = Published();
        var correction = published.Correct("表二行政许可数量填报有误，由120更正为112", Now.AddDays(30), "科长");

        Assert.Equal(2, correction.Version);
        Assert.Equal(Year, correction.Year);
        Assert.Equal(ReportState.Draft, correction.State);
        Assert.Equal("表二行政许可数量填报有误，由120更正为112", correction.CorrectionReason);
        Assert.NotEqual(published.Id, correction.Id);
        Assert.Equal(published.Sections, correction.Sections);
        Assert.Equal(published.Proactive, correction.Proactive);
        Assert.Null(correction.Number);
        Assert.Equal(ReportState.Published, published.State); // superseded only when the correction is published

        correction.Submit(Content2026, [Passed], false, null, Now, "科长");
        correction.Publish("110101001-2026-02", new string('b', 64), new DateOnly(2027, 2, 20), Now.AddDays(40), "签发人");
        Assert.Equal(3, correction.Correct("再次更正", Now, "科长").Version);

        published.Supersede(Now.AddDays(40), "签发人");
        Assert.Throws<ReportRuleException>(() => published.Correct("更正旧版", Now, "科长"));
    }
}
