using Gongkai.Publishing.Domain.AnnualReports;
using static Gongkai.UnitTests.Publishing.AnnualReports.AnnualReportTestData;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

public class ReportDraftingTests
{
    private static readonly ReportFigures Figures = new(ItemsPublished: 128, FeeNotices: 2, FeesCollected: 120.5m);

    private static ReportContent Drafted(out ReportSections sections)
    {
        sections = ReportDrafting.Draft(Year, "示例街道办事处", Applications2026, Appeals2026, Figures);
        return Content2026 with { Sections = sections, Figures = Figures };
    }

    [Fact]
    public void The_draft_quotes_the_tables_figures()
    {
        Drafted(out var sections);

        Assert.Equal("本年度新收政府信息公开申请4件，上年结转2件；本年度办结4件，其中予以公开1件，部分公开1件；结转下年度继续办理2件。" +
            "本年度因政府信息公开申请行政复议2件，提起行政诉讼1件。", sections.OnApplication);
        Assert.StartsWith("2026年，示例街道办事处", sections.ProactiveDisclosure);
        Assert.Contains("主动公开政府信息128条", sections.ProactiveDisclosure);
        Assert.Contains("收费通知2件，收取信息处理费120.5元", sections.OtherMatters);
    }

    [Fact]
    public void The_drafts_figures_pass_the_figure_check()
    {
        var checks = ReportChecks.Run(Drafted(out _), WithLastYear);

        Assert.DoesNotContain(checks, c => c.Id == "AR-05" && c.Failed);
        Assert.Contains(checks, c => c.Id == "AR-05" && c.Result == CheckResult.Pass);
    }

    [Fact]
    public void The_draft_still_fails_the_figure_check_when_the_table_changes_after_drafting()
    {
        var content = Drafted(out _) with { Applications = Table((ApplicationTableRow.New, Col(naturalPerson: 5)), (ApplicationTableRow.CarriedForward, Col(naturalPerson: 5))) };
        var failures = ReportChecks.Run(content, WithLastYear).Where(c => c.Id == "AR-05" && c.Failed).Select(c => c.Message).ToList();
        Assert.Contains(failures, m => m.StartsWith("文中本年新收申请为 4件", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_sections_the_unit_must_write_carry_the_prompt_until_edited()
    {
        var content = Drafted(out var sections);
        Assert.DoesNotContain(ReportDrafting.Prompt, sections.OnApplication);

        var failures = ReportChecks.Run(content, WithLastYear).Where(c => c.Id == "AR-12" && c.Failed).Select(c => c.Location).ToList();
        Assert.Equal(
        [
            "一、总体情况 · （一）主动公开", "一、总体情况 · （三）政府信息管理", "一、总体情况 · （四）政府信息公开平台建设",
            "一、总体情况 · （五）监督保障", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        ], failures);

        static string Written(string text) => text[..text.IndexOf(ReportDrafting.Prompt, StringComparison.Ordinal)] + "本单位据实补充的内容。";
        var edited = sections with
        {
            ProactiveDisclosure = Written(sections.ProactiveDisclosure),
            InformationManagement = "严格落实公文公开属性源头认定。",
            PlatformBuilding = "优化政府信息公开专栏。",
            SupervisionAndGuarantee = "开展业务培训。",
            Problems = "答复文书规范性有待提升。",
            OtherMatters = Written(sections.OtherMatters),
        };
        var after = ReportChecks.Run(content with { Sections = edited }, WithLastYear);
        Assert.Contains(after, c => c.Id == "AR-12" && c.Result == CheckResult.Pass);
        Assert.DoesNotContain(after, c => c.Failed);
    }
}
