using Gongkai.Contracts;
using Gongkai.Publishing.Domain.AnnualReports;

namespace Gongkai.Benchmarks.Letters;

/// <summary>A district bureau's annual report in the official form, with every count filled and sections of a usual length.</summary>
public static class SampleReport
{
    public static ReportLayout Layout()
    {
        var counts = Enum.GetValues<ApplicationTableRow>().ToDictionary(row => row, row =>
        {
            int[] column = [.. Enumerable.Range(0, ApplicationTable.TotalColumn).Select(c => ((int)row * 7 + c * 3) % 11)];
            return (int[])[.. column, column.Sum()];
        });
        var appeals = Enum.GetValues<AppealKind>().ToDictionary(kind => kind, kind => (int[])[1 + (int)kind, 0, 1, 0, 2 + (int)kind]);
        var proactive = Enum.GetValues<ProactiveCell>().Where(c => c != ProactiveCell.FeesAmount).ToDictionary(c => c, c => (decimal)(3 + (int)c * 17));
        var paragraph = "本年度严格落实《中华人民共和国政府信息公开条例》，围绕重大建设项目、财政预决算、公共资源配置和社会公益事业建设等重点领域，" +
            "通过政府信息公开平台和政务新媒体及时公开政府信息，全年主动公开政府信息一千二百余条，做到应公开尽公开。\n" +
            "坚持以公开为常态、不公开为例外，健全公文公开属性源头认定、发布前保密审查和公开后评估机制，确保公开内容合法、准确、及时。";
        var content = new ReportContent(2026, "510116-dsj", "成都市双流区大数据管理局",
            new ApplicationTable(counts), new AppealTable(appeals), new ProactiveTable(proactive, [ProactiveCell.FeesAmount]),
            new ReportSections(paragraph, paragraph, paragraph, paragraph, paragraph, paragraph, paragraph), new ReportFigures(1234, 1, 12.5m));
        return ReportLayoutBuilder.Build(content, "510116-dsj-2026-01", new DateOnly(2027, 1, 20), correctionReason: null);
    }
}
