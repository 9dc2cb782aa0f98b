using System.Globalization;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// A first draft of the narrative from the unit's own figures, so the numbers the text quotes start out right. The parts
/// only the unit can write are marked with <see cref="Prompt"/>; the checks refuse a report that still has one.
/// </summary>
public static class ReportDrafting
{
    public const string Prompt = "【请补充";

    public static ReportSections Draft(int year, string unitName, ApplicationTable applications, AppealTable appeals, ReportFigures figures)
    {
        int A(ApplicationTableRow row) => applications.Total(row);
        var litigation = appeals.Total(AppealKind.LitigationDirect) + appeals.Total(AppealKind.LitigationAfterReconsideration);
        var fees = figures.FeesCollected.ToString("0.##", CultureInfo.InvariantCulture);
        return new ReportSections(
            ProactiveDisclosure: $"{year}年，{unitName}坚持以公开为常态、不公开为例外，本年度通过政府信息公开平台主动公开政府信息{figures.ItemsPublished}条。" +
                $"{Prompt}重点领域信息公开、政策解读和回应关切情况】",
            OnApplication: $"本年度新收政府信息公开申请{A(ApplicationTableRow.New)}件，上年结转{A(ApplicationTableRow.CarriedOver)}件；" +
                $"本年度办结{A(ApplicationTableRow.Total)}件，其中予以公开{A(ApplicationTableRow.Disclosed)}件，部分公开{A(ApplicationTableRow.PartiallyDisclosed)}件；" +
                $"结转下年度继续办理{A(ApplicationTableRow.CarriedForward)}件。本年度因政府信息公开申请行政复议{appeals.Total(AppealKind.Reconsideration)}件，" +
                $"提起行政诉讼{litigation}件。",
            InformationManagement: $"{Prompt}公文公开属性源头认定、保密审查、政府信息管理动态调整等情况】",
            PlatformBuilding: $"{Prompt}政府网站信息公开专栏、政务新媒体等平台建设情况】",
            SupervisionAndGuarantee: $"{Prompt}组织领导、制度建设、培训、考核和社会评议等情况】",
            Problems: $"{Prompt}存在的主要问题及改进情况，以及上年度问题的整改情况】",
            OtherMatters: $"本年度发出信息处理费收费通知{figures.FeeNotices}件，收取信息处理费{fees}元。{Prompt}其他需要报告的事项】");
    }
}
