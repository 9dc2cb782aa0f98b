namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// The narrative sections: 一 总体情况 in its five required sub-heads (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障),
/// 五 存在的主要问题及改进情况 and 六 其他需要报告的事项. Plain text; a blank line or a line break starts a new paragraph.
/// </summary>
public sealed record ReportSections(
    string ProactiveDisclosure,
    string OnApplication,
    string InformationManagement,
    string PlatformBuilding,
    string SupervisionAndGuarantee,
    string Problems,
    string OtherMatters)
{
    public const int MaxLength = 10_000;

    public static readonly ReportSections Empty = new("", "", "", "", "", "", "");

    /// <summary>Each section with where it stands in the report, for checks and layout.</summary>
    public IEnumerable<(string Key, string Heading, string Text)> All =>
    [
        (nameof(ProactiveDisclosure), "一、总体情况 · （一）主动公开", ProactiveDisclosure),
        (nameof(OnApplication), "一、总体情况 · （二）依申请公开", OnApplication),
        (nameof(InformationManagement), "一、总体情况 · （三）政府信息管理", InformationManagement),
        (nameof(PlatformBuilding), "一、总体情况 · （四）政府信息公开平台建设", PlatformBuilding),
        (nameof(SupervisionAndGuarantee), "一、总体情况 · （五）监督保障", SupervisionAndGuarantee),
        (nameof(Problems), "五、存在的主要问题及改进情况", Problems),
        (nameof(OtherMatters), "六、其他需要报告的事项", OtherMatters),
    ];
}

/// <summary>
/// Figures the text cites that come from Gongkai rather than the tables: items first published proactively this year
/// (the catalogue), and fee notices issued and fees collected this year (Workflow's fee records, 国办函〔2020〕109号).
/// </summary>
public sealed record ReportFigures(int ItemsPublished, int FeeNotices, decimal FeesCollected);

/// <summary>Everything one version of a report says: what the reviewer reviews, what is published, what the hash covers.</summary>
public sealed record ReportContent(
    int Year,
    string UnitCode,
    string UnitName,
    ApplicationTable Applications,
    AppealTable Appeals,
    ProactiveTable Proactive,
    ReportSections Sections,
    ReportFigures Figures);
