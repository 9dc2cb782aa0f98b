using Gongkai.Publishing.Domain.AnnualReports;
using static Gongkai.UnitTests.Publishing.AnnualReports.AnnualReportTestData;
using R = Gongkai.Publishing.Domain.AnnualReports.ApplicationTableRow;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ReportChecksTests
{
    private static IReadOnlyList<ReportCheck> Run(ReportContent content, CheckContext? context = null) =>
        ReportChecks.Run(content, context ?? WithLastYear);

    private static List<ReportCheck> Failures(IReadOnlyList<ReportCheck> checks, string id) => [.. checks.Where(c => c.Id == id && c.Failed)];

    private static ReportContent WithOnApplication(string text) => Content2026 with { Sections = Sections2026 with { OnApplication = text } };

    [Fact]
    public void A_consistent_report_passes_every_check()
    {
        var checks = Run(Content2026);

        Assert.DoesNotContain(checks, c => c.Failed);
        foreach (var id in new[] { "AR-01", "AR-04", "AR-05", "AR-06", "AR-07", "AR-09", "AR-10", "AR-12", "AR-13" })
            Assert.Contains(checks, c => c.Id == id && c.Result == CheckResult.Pass);
        Assert.DoesNotContain(checks, c => c.Id is "AR-02" or "AR-03");
        Assert.Equal(2, checks.Count(c => c.Id == "AR-07" && c.Result == CheckResult.Pass));
    }

    [Fact]
    public void An_unbalanced_column_is_named()
    {
        // 自然人: 一 2 + 二 0 ≠ （七）1 + 四 0; so is 总计.
        var table = Table(
            (R.New, Col(naturalPerson: 2)),
            (R.Disclosed, Col(naturalPerson: 1)),
            (R.Total, Col(naturalPerson: 1)));
        var checks = Run(Content2026 with { Applications = table }, CheckContext.None);

        var failures = Failures(checks, "AR-01");
        Assert.Equal(["表三 · 自然人列", "表三 · 总计列"], failures.Select(f => f.Location));
        Assert.All(failures, f => Assert.Equal(CheckSeverity.Error, f.Severity));
        Assert.Equal("一（2）+ 二（0）= 2，不等于 三（七）总计（1）+ 四（0）= 1。", failures[0].Message);
        Assert.Empty(Failures(checks, "AR-02"));
        Assert.Empty(Failures(checks, "AR-03"));
        Assert.DoesNotContain(checks, c => c.Id == "AR-01" && c.Result == CheckResult.Pass);
    }

    [Fact]
    public void Result_rows_that_do_not_add_up_to_the_total_are_named()
    {
        // Balanced (一 3 = （七）3 + 四 0), but the results add up to 2 of 3 (法律服务机构: 1 of 2).
        var table = Table(
            (R.New, Col(naturalPerson: 1, legal: 2)),
            (R.Disclosed, Col(naturalPerson: 1)),
            (R.UnavailableNotHeld, Col(legal: 1)),
            (R.Total, Col(naturalPerson: 1, legal: 2)));
        var checks = Run(Content2026 with { Applications = table }, CheckContext.None);

        Assert.Empty(Failures(checks, "AR-01"));
        var failures = Failures(checks, "AR-02");
        Assert.Equal(["表三 · 法律服务机构列 ·（七）总计", "表三 · 总计列 ·（七）总计"], failures.Select(f => f.Location));
        Assert.Equal("各办理结果之和为 1，（七）总计为 2。", failures[0].Message);
        Assert.DoesNotContain(checks, c => c.Id == "AR-01" && c.Result == CheckResult.Pass);
    }

    [Fact]
    public void A_row_total_that_is_not_the_sum_of_its_categories_is_named()
    {
        // Every column balances (一 = 四), but 一 and 四 say 3 in 总计 where the categories add up to 2.
        int[] wrong = [1, 1, 0, 0, 0, 0, 3];
        var table = Table((R.New, wrong), (R.CarriedForward, [.. wrong]));
        var checks = Run(Content2026 with { Applications = table }, CheckContext.None);

        Assert.Empty(Failures(checks, "AR-01"));
        Assert.Empty(Failures(checks, "AR-02"));
        var failures = Failures(checks, "AR-03");
        Assert.Equal(["表三 · 一、本年新收政府信息公开申请数量 · 总计列", "表三 · 四、结转下年度继续办理 · 总计列"], failures.Select(f => f.Location));
        Assert.Equal("六类申请人之和为 2，总计列为 3。", failures[0].Message);
    }

    [Fact]
    public void An_appeal_total_that_is_not_the_sum_of_its_outcomes_is_named()
    {
        var appeals = new AppealTable(new Dictionary<AppealKind, int[]>
        {
            [AppealKind.Reconsideration] = [1, 0, 0, 1, 2],
            [AppealKind.LitigationAfterReconsideration] = [0, 1, 1, 0, 3],
        });
        var checks = Run(Content2026 with { Appeals = appeals, Sections = Sections2026 with { OnApplication = "依申请公开工作平稳。" } });

        var failure = Assert.Single(Failures(checks, "AR-04"));
        Assert.Equal("表四 · 复议后起诉 · 总计", failure.Location);
        Assert.Equal("维持、纠正、其他、尚未审结之和为 2，总计为 3。", failure.Message);
        Assert.DoesNotContain(checks, c => c.Id == "AR-04" && c.Result == CheckResult.Pass);
    }

    [Fact]
    public void A_sentence_quoting_a_wrong_figure_is_named()
    {
        var checks = Run(WithOnApplication("本年度新收政府信息公开申请9件，均已按期答复。"));

        var failure = Assert.Single(Failures(checks, "AR-05"));
        Assert.Equal("一、总体情况 · （二）依申请公开：“本年度新收政府信息公开申请9件，均已按期答复”", failure.Location);
        Assert.Equal("文中本年新收申请为 9件，表中（或系统记录）为 4件。", failure.Message);
        Assert.Equal(CheckSeverity.Error, failure.Severity);
    }

    [Theory]
    [InlineData("本年度新收政府信息公开申请4件")]
    [InlineData("本年共新收申请 4 件；办结4件")]
    [InlineData("上年结转2件")]
    [InlineData("结转下年度继续办理2件")]
    [InlineData("其中予以公开1件")]
    [InlineData("因政府信息公开申请行政复议2件，提起行政诉讼1件")]
    [InlineData("依申请公开工作平稳，未发生被纠错情况")]
    public void A_sentence_quoting_the_right_figures_passes(string text)
    {
        var checks = Run(WithOnApplication(text));
        Assert.Empty(Failures(checks, "AR-05"));
        Assert.Contains(checks, c => c.Id == "AR-05" && c.Result == CheckResult.Pass);
    }

    [Theory]
    [InlineData("上年结转3件", "上年结转申请为 3件，表中（或系统记录）为 2件")]
    [InlineData("本年度办结5件", "本年办结为 5件，表中（或系统记录）为 4件")]
    [InlineData("其中部分公开0件", "部分公开为 0件，表中（或系统记录）为 1件")]
    [InlineData("提起行政诉讼2件", "行政诉讼为 2件，表中（或系统记录）为 1件")]
    [InlineData("主动公开政府信息100条", "主动公开信息为 100条，表中（或系统记录）为 128条")]
    [InlineData("上年结转３件", "上年结转申请为 3件，表中（或系统记录）为 2件")]                 // full-width digits read as the same figure
    [InlineData("上年结转99999999999999999999999999999件", "上年结转申请的数字无法识别")]
    public void Each_quoted_figure_is_checked_against_its_own_cell(string text, string message) =>
        Assert.Contains(message, Assert.Single(Failures(Run(WithOnApplication(text)), "AR-05")).Message);

    [Fact]
    public void Fees_collected_are_checked_against_the_fee_records_with_decimals()
    {
        var otherMatters = "本年度发出信息处理费收费通知1件，收取信息处理费12.5元。";
        Assert.Empty(Failures(Run(Content2026 with { Sections = Sections2026 with { OtherMatters = otherMatters } }), "AR-05"));

        var wrong = Content2026 with { Sections = Sections2026 with { OtherMatters = otherMatters }, Figures = Figures2026 with { FeesCollected = 13m } };
        var failure = Assert.Single(Failures(Run(wrong), "AR-05"));
        Assert.Equal("六、其他需要报告的事项：“本年度发出信息处理费收费通知1件，收取信息处理费12.5元”", failure.Location);
        Assert.Equal("文中收取信息处理费为 12.5元，表中（或系统记录）为 13元。", failure.Message);
    }

    [Theory]
    [InlineData("本年度新收政府信息公开申请４件")]                               // full-width digit
    [InlineData("本年度新收政府信息公开申请99999999999999999999999999999件")]   // more than decimal holds
    public void A_figure_the_check_cannot_read_does_not_break_the_checks(string text)
    {
        var checks = Run(WithOnApplication(text));
        Assert.Contains(checks, c => c.Id == "AR-05");
        Assert.Contains(checks, c => c.Id == "AR-12");
    }

    [Fact]
    public void Carried_over_must_equal_last_years_carried_forward_column_by_column()
    {
        var lastYear = Content2025 with
        {
            Applications = Table(
                (R.New, Col(enterprise: 1, research: 1, other: 1)),
                (R.CarriedForward, Col(enterprise: 1, research: 1, other: 1))),
        };
        var checks = Run(Content2026, new CheckContext(lastYear, [], CheckContext.DefaultSimilarityThreshold));

        var failures = Failures(checks, "AR-06");
        Assert.Equal(["表三 · 二、上年结转 · 其他列", "表三 · 二、上年结转 · 总计列"], failures.Select(f => f.Location));
        Assert.Equal("本年上年结转为 0，2025年度报告公布的结转下年度为 1。", failures[0].Message);
    }

    [Fact]
    public void Carried_over_cannot_be_checked_without_last_years_report()
    {
        var check = Assert.Single(Run(Content2026, CheckContext.None), c => c.Id == "AR-06");
        Assert.Equal(CheckResult.NotAssessable, check.Result);
        Assert.False(check.Failed);
        Assert.DoesNotContain(Run(Content2026, CheckContext.None), c => c.Id == "AR-10");
    }

    [Fact]
    public void In_force_counts_that_do_not_follow_from_last_year_are_a_warning()
    {
        // 规范性文件: 37 + 5 − 2 = 40 expected, 41 entered.
        var proactive = new ProactiveTable(new Dictionary<ProactiveCell, decimal>(Proactive2026.Values) { [ProactiveCell.NormativeDocumentsInForce] = 41 },
            Proactive2026.NotApplicable);
        var checks = Run(Content2026 with { Proactive = proactive });

        var failure = Assert.Single(Failures(checks, "AR-07"));
        Assert.Equal(CheckSeverity.Warning, failure.Severity);
        Assert.Equal("表二 · 行政规范性文件现行有效件数", failure.Location);
        Assert.Equal("上年现行有效 37 + 本年制发 5 − 本年废止 2 = 40，本年填报 41。", failure.Message);
        Assert.Contains(checks, c => c.Id == "AR-07" && c.Location == "表二 · 规章现行有效件数" && c.Result == CheckResult.Pass);

        var noLastYear = Run(Content2026 with { Proactive = proactive }, CheckContext.None);
        Assert.Equal(2, noLastYear.Count(c => c.Id == "AR-07" && c.Result == CheckResult.NotAssessable));
    }

    [Fact]
    public void Each_empty_cell_of_table_two_is_named()
    {
        var proactive = new ProactiveTable(new Dictionary<ProactiveCell, decimal>
        {
            [ProactiveCell.RegulationsIssued] = 0,
            [ProactiveCell.RegulationsRepealed] = 0,
            [ProactiveCell.RegulationsInForce] = 3,
            [ProactiveCell.NormativeDocumentsIssued] = 5,
            [ProactiveCell.NormativeDocumentsRepealed] = 2,
            [ProactiveCell.NormativeDocumentsInForce] = 40,
            [ProactiveCell.CoercionDecisions] = 0,
        }, [ProactiveCell.PenaltyDecisions]);
        var checks = Run(Content2026 with { Proactive = proactive });

        var failures = Failures(checks, "AR-09");
        Assert.Equal(["表二 · 行政许可本年处理决定数量", "表二 · 行政事业性收费本年收费金额（万元）"], failures.Select(f => f.Location));
        Assert.All(failures, f => Assert.Equal(CheckSeverity.Error, f.Severity));
        Assert.DoesNotContain(checks, c => c.Id == "AR-09" && c.Result == CheckResult.Pass);
    }

    [Fact]
    public void An_empty_section_or_one_with_a_drafting_prompt_is_named()
    {
        var sections = Sections2026 with
        {
            OtherMatters = " \n ",
            PlatformBuilding = $"已开设信息公开专栏。{ReportDrafting.Prompt}政务新媒体情况】",
        };
        var checks = Run(Content2026 with { Sections = sections });

        var failures = Failures(checks, "AR-12");
        Assert.Equal(["一、总体情况 · （四）政府信息公开平台建设", "六、其他需要报告的事项"], failures.Select(f => f.Location));
        Assert.Contains(ReportDrafting.Prompt, failures[0].Message);
        Assert.Equal("未填写。", failures[1].Message);
    }

    [Fact]
    public void Text_identical_to_a_comparable_report_is_a_similarity_warning()
    {
        var context = new CheckContext(Content2025, [("某某街道2026年度报告", Sections2026)], CheckContext.DefaultSimilarityThreshold);
        var failure = Assert.Single(Failures(Run(Content2026, context), "AR-13"));
        Assert.Equal(CheckSeverity.Warning, failure.Severity);
        Assert.Equal("正文", failure.Location);
        Assert.Contains("某某街道2026年度报告", failure.Message);
        Assert.Contains("100", failure.Message);

        // The same words with other figures are still a copy: digits do not count.
        var refigured = Sections2026 with { OnApplication = Sections2026.OnApplication.Replace('4', '7').Replace('2', '3') };
        Assert.Single(Failures(Run(Content2026, context with { Comparables = [("上年报告", refigured)] }), "AR-13"));
    }

    [Fact]
    public void Unrelated_text_is_not_a_copy()
    {
        var unrelated = new ReportSections("畅通渠道", "规范办理", "动态调整", "网站集约", "考核评议", "整改落实", "无");
        var context = new CheckContext(Content2025, [("其他单位报告", unrelated)], CheckContext.DefaultSimilarityThreshold);
        var check = Assert.Single(Run(Content2026, context), c => c.Id == "AR-13");
        Assert.Equal(CheckResult.Pass, check.Result);
        Assert.Equal("未发现雷同。", check.Message);
        Assert.InRange(ReportChecks.Jaccard(ReportChecks.Bigrams(Sections2026), ReportChecks.Bigrams(unrelated)), 0, 0.1);
    }

    [Fact]
    public void Jaccard_of_bigrams_is_shared_over_all()
    {
        var a = ReportChecks.Bigrams(ReportSections.Empty with { Problems = "甲乙丙" });       // 甲乙 乙丙
        var b = ReportChecks.Bigrams(ReportSections.Empty with { Problems = "乙丙丁，12" });    // 乙丙 丙丁
        Assert.Equal(1.0 / 3, ReportChecks.Jaccard(a, b), 10);
        Assert.Equal(0.0, ReportChecks.Jaccard([], []));
    }

    [Theory]
    [InlineData(2, 11, CheckResult.Fail)]  // 5.5 times
    [InlineData(2, 10, CheckResult.Pass)]  // exactly 5 times
    [InlineData(10, 2, CheckResult.Pass)]  // exactly a fifth
    [InlineData(11, 2, CheckResult.Fail)]  // less than a fifth
    [InlineData(3, 0, CheckResult.Fail)]
    public void Applications_changing_more_than_fivefold_are_a_warning(int lastYear, int thisYear, CheckResult expected)
    {
        var content = Content2026 with
        {
            Applications = Table((R.New, Col(naturalPerson: thisYear)), (R.CarriedForward, Col(naturalPerson: thisYear))),
        };
        var last = Content2025 with { Applications = Table((R.New, Col(naturalPerson: lastYear)), (R.CarriedForward, Col(naturalPerson: lastYear))) };
        var check = Assert.Single(ReportChecks.Run(content, new CheckContext(last, [], CheckContext.DefaultSimilarityThreshold)), c => c.Id == "AR-10");
        Assert.Equal(expected, check.Result);
        Assert.Equal(CheckSeverity.Warning, check.Severity);
        Assert.Equal("表三 · 一、本年新收 · 总计", check.Location);
    }
}
