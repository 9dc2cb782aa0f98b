using System.Globalization;
using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>
/// Lays a report out in the official form (国办公开办函〔2021〕30号): the six sections in order, tables 二, 三 and 四 with
/// their printed row and column labels and spans. The public page, the PDF and the DOCX are all drawn from this layout,
/// and the published hash is taken over it.
/// </summary>
public static class ReportLayoutBuilder
{
    public const string Basis = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发" +
        "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。";

    public static string Title(ReportContent content) => $"{content.UnitName}{content.Year}年政府信息公开工作年度报告";

    public static ReportLayout Build(ReportContent content, string? number, DateOnly? publishedOn, string? correctionReason)
    {
        var blocks = new List<ReportBlock>();
        if (correctionReason is not null)
            blocks.Add(Paragraph($"更正说明：{correctionReason}"));
        blocks.Add(Paragraph(Basis));
        var s = content.Sections;
        blocks.Add(Heading("一、总体情况"));
        foreach (var (title, text) in new[]
        {
            ("（一）主动公开", s.ProactiveDisclosure), ("（二）依申请公开", s.OnApplication), ("（三）政府信息管理", s.InformationManagement),
            ("（四）政府信息公开平台建设", s.PlatformBuilding), ("（五）监督保障", s.SupervisionAndGuarantee),
        })
        {
            blocks.Add(new ReportBlock(ReportBlockKind.SubHeading, title));
            blocks.AddRange(Paragraphs(text));
        }
        blocks.Add(Heading("二、主动公开政府信息情况"));
        blocks.Add(Table(ProactiveRows(content.Proactive)));
        blocks.Add(Heading("三、收到和处理政府信息公开申请情况"));
        blocks.Add(Table(ApplicationRows(content.Applications)));
        blocks.Add(Heading("四、政府信息公开行政复议、行政诉讼情况"));
        blocks.Add(Table(AppealRows(content.Appeals)));
        blocks.Add(Heading("五、存在的主要问题及改进情况"));
        blocks.AddRange(Paragraphs(s.Problems));
        blocks.Add(Heading("六、其他需要报告的事项"));
        blocks.AddRange(Paragraphs(s.OtherMatters));
        var subtitle = string.Join("　", new[]
        {
            number is null ? null : $"编号：{number}",
            publishedOn is { } on ? $"公布日期：{on.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}" : null,
        }.Where(p => p is not null));
        return new ReportLayout(Title(content), subtitle, blocks);
    }

    private static List<List<ReportCell>> ProactiveRows(ProactiveTable t)
    {
        ReportCell V(ProactiveCell cell, int span = 1) => new(t.Text(cell), ColSpan: span);
        List<ReportCell> Block(string article) => [H(article, colSpan: 4)];
        return
        [
            Block("第二十条第（一）项"),
            [H("信息内容"), H("本年制发件数"), H("本年废止件数"), H("现行有效件数")],
            [C("规章"), V(ProactiveCell.RegulationsIssued), V(ProactiveCell.RegulationsRepealed), V(ProactiveCell.RegulationsInForce)],
            [C("行政规范性文件"), V(ProactiveCell.NormativeDocumentsIssued), V(ProactiveCell.NormativeDocumentsRepealed), V(ProactiveCell.NormativeDocumentsInForce)],
            Block("第二十条第（五）项"),
            [H("信息内容"), H("本年处理决定数量", colSpan: 3)],
            [C("行政许可"), V(ProactiveCell.LicensingDecisions, 3)],
            Block("第二十条第（六）项"),
            [H("信息内容"), H("本年处理决定数量", colSpan: 3)],
            [C("行政处罚"), V(ProactiveCell.PenaltyDecisions, 3)],
            [C("行政强制"), V(ProactiveCell.CoercionDecisions, 3)],
            Block("第二十条第（八）项"),
            [H("信息内容"), H("本年收费金额（单位：万元）", colSpan: 3)],
            [C("行政事业性收费"), V(ProactiveCell.FeesAmount, 3)],
        ];
    }

    private static List<List<ReportCell>> ApplicationRows(ApplicationTable t)
    {
        IEnumerable<ReportCell> Values(ApplicationTableRow row) =>
            Enumerable.Range(0, ApplicationTable.TotalColumn + 1).Select(c => new ReportCell(t[row, c].ToString(CultureInfo.InvariantCulture)));
        List<List<ReportCell>> rows =
        [
            [H("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, colSpan: 3), H("申请人情况", colSpan: 7)],
            [H("自然人", rowSpan: 2), H("法人或其他组织", colSpan: 5), H("总计", rowSpan: 2)],
            [H("商业企业"), H("科研机构"), H("社会公益组织"), H("法律服务机构"), H("其他")],
            [C(ApplicationTable.Label(ApplicationTableRow.New), colSpan: 3), .. Values(ApplicationTableRow.New)],
            [C(ApplicationTable.Label(ApplicationTableRow.CarriedOver), colSpan: 3), .. Values(ApplicationTableRow.CarriedOver)],
        ];
        var results = AnnualReportLabels.Rows;
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var row = new List<ReportCell>();
            if (i == 0)
                row.Add(C("三、本年度办理结果", rowSpan: results.Count + 1));
            if (r.Group is null)
                row.Add(C(r.Label, colSpan: 2));
            else
            {
                if (i == 0 || results[i - 1].Group != r.Group)
                    row.Add(C(r.Group, rowSpan: results.Count(x => x.Group == r.Group)));
                row.Add(C(r.Label));
            }
            row.AddRange(Values(ApplicationTable.RowOf(r.Outcome)));
            rows.Add(row);
        }
        rows.Add([C(ApplicationTable.Label(ApplicationTableRow.Total), colSpan: 2), .. Values(ApplicationTableRow.Total)]);
        rows.Add([C(ApplicationTable.Label(ApplicationTableRow.CarriedForward), colSpan: 3), .. Values(ApplicationTableRow.CarriedForward)]);
        return rows;
    }

    private static List<List<ReportCell>> AppealRows(AppealTable t)
    {
        var outcomes = Enum.GetValues<AppealOutcome>().Select(AppealTable.OutcomeLabel).Append("总计").ToList();
        var values = Enum.GetValues<AppealKind>().SelectMany(k => Enumerable.Range(0, AppealTable.TotalColumn + 1)
            .Select(c => new ReportCell(t[k, c].ToString(CultureInfo.InvariantCulture)))).ToList();
        return
        [
            [H(AppealTable.KindLabel(AppealKind.Reconsideration), colSpan: 5), H("行政诉讼", colSpan: 10)],
            [.. outcomes.Select(o => H(o, rowSpan: 2)), H(AppealTable.KindLabel(AppealKind.LitigationDirect), colSpan: 5),
                H(AppealTable.KindLabel(AppealKind.LitigationAfterReconsideration), colSpan: 5)],
            [.. outcomes.Select(o => H(o)), .. outcomes.Select(o => H(o))],
            values,
        ];
    }

    private static IEnumerable<ReportBlock> Paragraphs(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Paragraph);

    private static ReportBlock Heading(string text) => new(ReportBlockKind.Heading, text);

    private static ReportBlock Paragraph(string text) => new(ReportBlockKind.Paragraph, text);

    private static ReportBlock Table(List<List<ReportCell>> rows) => new(ReportBlockKind.Table, "", [.. rows]);

    private static ReportCell H(string text, int rowSpan = 1, int colSpan = 1) => new(text, rowSpan, colSpan, IsHeader: true);

    private static ReportCell C(string text, int rowSpan = 1, int colSpan = 1) => new(text, rowSpan, colSpan);
}
