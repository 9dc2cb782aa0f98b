using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.UnitTests.Publishing.AnnualReports;

/// <summary>
/// A hand-counted report for 2026 and its 2025 predecessor. Table 三 below is what <see cref="Cases2026"/> must count to:
/// new A, B, D, E (自然人 3, 法律服务机构 1); carried over C, F (商业企业 1, 科研机构 1); closed A, B, C, E; carried forward D, F.
/// </summary>
internal static class AnnualReportTestData
{
    public const int Year = 2026;

    /// <summary>A column: the six applicant categories in form order, then 总计.</summary>
    public static int[] Col(int naturalPerson = 0, int enterprise = 0, int research = 0, int publicInterest = 0, int legal = 0, int other = 0) =>
        [naturalPerson, enterprise, research, publicInterest, legal, other, naturalPerson + enterprise + research + publicInterest + legal + other];

    public static ApplicationTable Table(params (ApplicationTableRow Row, int[] Counts)[] rows) => new(rows.ToDictionary(r => r.Row, r => r.Counts));

    public static ApplicationTable Applications2026 => Table(
        (ApplicationTableRow.New, Col(naturalPerson: 3, legal: 1)),
        (ApplicationTableRow.CarriedOver, Col(enterprise: 1, research: 1)),
        (ApplicationTableRow.Disclosed, Col(naturalPerson: 1)),
        (ApplicationTableRow.PartiallyDisclosed, Col(naturalPerson: 1)),
        (ApplicationTableRow.WithheldStateSecret, Col(enterprise: 1)),
        (ApplicationTableRow.NotHandledRepeated, Col(naturalPerson: 1)),
        (ApplicationTableRow.Total, Col(naturalPerson: 3, enterprise: 1)),
        (ApplicationTableRow.CarriedForward, Col(research: 1, legal: 1)));

    public static ReportedCase Case(string number, ApplicantCategory category, params CountedHandling[] handlings) => new()
    {
        CaseId = Guid.NewGuid(), CaseNumber = number, ApplicantCategory = category, Handlings = [.. handlings],
    };

    public static CountedHandling Handling(string from, string? closed = null, AnnualReportOutcome? outcome = null) =>
        new(DateOnly.Parse(from), closed is null ? null : DateOnly.Parse(closed), outcome);

    public static IReadOnlyList<ReportedCase> Cases2026 =>
    [
        Case("A", ApplicantCategory.NaturalPerson, Handling("2026-02-01", "2026-03-01", AnnualReportOutcome.Disclosed)),
        Case("B", ApplicantCategory.NaturalPerson, Handling("2026-05-01", "2026-05-20", AnnualReportOutcome.PartiallyDisclosed)),
        Case("C", ApplicantCategory.CommercialEnterprise, Handling("2025-12-20", "2026-01-10", AnnualReportOutcome.WithheldStateSecret)),
        Case("D", ApplicantCategory.LegalServiceInstitution, Handling("2026-12-20")),
        Case("E", ApplicantCategory.NaturalPerson, Handling("2026-06-01", "2026-06-10", AnnualReportOutcome.NotHandledRepeated)),
        Case("F", ApplicantCategory.ResearchInstitution, Handling("2025-11-01")),
    ];

    public static AppealTable Appeals2026 => new(new Dictionary<AppealKind, int[]>
    {
        [AppealKind.Reconsideration] = [1, 0, 0, 1, 2],
        [AppealKind.LitigationDirect] = [0, 1, 0, 0, 1],
        [AppealKind.LitigationAfterReconsideration] = [0, 0, 0, 0, 0],
    });

    public static ProactiveTable Proactive2026 => new(new Dictionary<ProactiveCell, decimal>
    {
        [ProactiveCell.RegulationsIssued] = 0,
        [ProactiveCell.RegulationsRepealed] = 0,
        [ProactiveCell.RegulationsInForce] = 3,
        [ProactiveCell.NormativeDocumentsIssued] = 5,
        [ProactiveCell.NormativeDocumentsRepealed] = 2,
        [ProactiveCell.NormativeDocumentsInForce] = 40,
        [ProactiveCell.LicensingDecisions] = 120,
        [ProactiveCell.PenaltyDecisions] = 15,
        [ProactiveCell.CoercionDecisions] = 0,
    }, [ProactiveCell.FeesAmount]);

    public static ReportSections Sections2026 => new(
        ProactiveDisclosure: "本年度通过政府信息公开平台主动公开政府信息128条，重点做好财政预决算、重大建设项目等领域的信息公开。",
        OnApplication: "本年度新收政府信息公开申请4件，上年结转2件。本年度办结4件，其中予以公开1件，部分公开1件。结转下年度继续办理2件。" +
            "本年度因政府信息公开申请行政复议2件，提起行政诉讼1件。",
        InformationManagement: "严格落实公文公开属性源头认定制度，发文前逐件明确公开方式。",
        PlatformBuilding: "优化门户网站政府信息公开专栏，及时更新法定主动公开内容。",
        SupervisionAndGuarantee: "主要负责同志听取政务公开工作汇报，组织业务培训两次。",
        Problems: "依申请公开答复文书的规范性仍需提升，下一步将加强答复前的法制审核。",
        OtherMatters: "本年度发出信息处理费收费通知1件，收取信息处理费12.5元。");

    public static ReportFigures Figures2026 => new(ItemsPublished: 128, FeeNotices: 1, FeesCollected: 12.5m);

    public static ReportContent Content2026 =>
        new(Year, "110101001", "示例街道办事处", Applications2026, Appeals2026, Proactive2026, Sections2026, Figures2026);

    /// <summary>2025: its 四 is 2026's 二 (商业企业 1, 科研机构 1); 3 new; in force 3 规章 and 37 规范性文件 (37 + 5 − 2 = 40).</summary>
    public static ReportContent Content2025 => new(Year - 1, "110101001", "示例街道办事处",
        Table(
            (ApplicationTableRow.New, Col(naturalPerson: 1, enterprise: 1, research: 1)),
            (ApplicationTableRow.Disclosed, Col(naturalPerson: 1)),
            (ApplicationTableRow.Total, Col(naturalPerson: 1)),
            (ApplicationTableRow.CarriedForward, Col(enterprise: 1, research: 1))),
        new AppealTable(new Dictionary<AppealKind, int[]>()),
        new ProactiveTable(new Dictionary<ProactiveCell, decimal>
        {
            [ProactiveCell.RegulationsInForce] = 3,
            [ProactiveCell.NormativeDocumentsInForce] = 37,
        }, []),
        new ReportSections("二〇二五年的主动公开", "二〇二五年的依申请公开", "管理", "平台", "保障", "问题", "其他"),
        new ReportFigures(90, 0, 0));

    public static CheckContext WithLastYear => new(Content2025, [], CheckContext.DefaultSimilarityThreshold);
}
