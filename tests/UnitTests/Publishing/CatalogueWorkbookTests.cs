using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongkai.Publishing.Domain.Standard;
using static Gongkai.UnitTests.Publishing.StandardCatalogueTestData;

namespace Gongkai.UnitTests.Publishing;

public class CatalogueWorkbookTests
{
    private static readonly string[] Headings =
        ["序号", "领域", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"];

    private static string[] Row(string code, string mode = "主动", string channels = "政府网站、公示栏", string domain = "卫生健康") =>
        [code, domain, "公共卫生服务", "基本公共卫生服务项目", "服务项目、服务对象", "《国家基本公共卫生服务规范》", "信息形成或者变更之日起20个工作日内",
            "成都市双流区卫生健康局", channels, "全社会", mode, "区级、镇级"];

    [Fact]
    public void An_exported_catalogue_reads_back_as_it_was()
    {
        var obligations = new[]
        {
            Content("0505"),
            Content("2201", "义务教育招生") with { Level2 = null, Channels = PublicationChannels.DoorToDoor | PublicationChannels.PressConference,
                Audience = ObligationAudience.SpecificGroups, Mode = ObligationMode.OnApplication, Levels = DisclosureLevels.Township, DeadlineText = "及时公开" },
        };
        var exemptions = new[] { new PublishedExemption("06", "本街道不承担税收管理职能") };

        var read = CatalogueWorkbook.Read(new MemoryStream(CatalogueWorkbook.Write(obligations, exemptions)));

        Assert.Empty(read.Problems);
        Assert.Equal(obligations, read.Rows.Select(r => r.Content));
        Assert.Equal(new[] { 2, 3 }, read.Rows.Select(r => r.Row));
        Assert.Equal(exemptions, read.Exemptions);
    }

    [Fact]
    public void The_channel_column_is_written_with_boxes()
    {
        var boxes = CatalogueWorkbook.ChannelBoxes(PublicationChannels.GovernmentWebsite | PublicationChannels.NoticeBoard);
        Assert.StartsWith("■政府网站 □两微一端", boxes);
        Assert.Contains("■公示栏", boxes);
        Assert.Equal(PublicationChannels.GovernmentWebsite | PublicationChannels.NoticeBoard, CatalogueWorkbook.ParseChannels(boxes, out var unknown));
        Assert.Null(unknown);
    }

    [Theory]
    [InlineData("■政府网站 □两微一端 ■社区/企事业单位/村公示栏(电子屏) □其他", PublicationChannels.GovernmentWebsite | PublicationChannels.NoticeBoard)]
    [InlineData("政府网站，发布会/听证会、入户/现场", PublicationChannels.GovernmentWebsite | PublicationChannels.PressConference | PublicationChannels.DoorToDoor)]
    [InlineData("☑政府公报☐纸质媒体", PublicationChannels.Gazette)]
    public void Channels_are_read_from_boxes_or_a_list(string text, PublicationChannels expected)
    {
        Assert.Equal(expected, CatalogueWorkbook.ParseChannels(text, out var unknown));
        Assert.Null(unknown);
    }

    [Fact]
    public void A_sheet_as_districts_circulate_it_is_read_title_row_two_row_headings_merged_cells_and_section_rows_included()
    {
        List<string[]> rows =
        [
            ["东升街道政务公开事项标准目录"],
            ["序号", "领域", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"],
            ["", "", "一级事项", "二级事项"],
            ["一、医疗卫生"],
            ["2305", "", "公共卫生服务", "基本公共卫生服务项目", "服务项目", "《规范》", "及时公开，公告期限为5个工作日", "卫生健康局", "■政府网站 □两微一端", "全社会", "主动公开", "■县级 ■乡级"],
            ["2306", "", "", "家庭医生签约", "签约服务内容", "《意见》", "20个工作日内", "卫生健康局", "政府网站", "特定群众", "依申请公开", "乡级"],
        ];
        var sheet = Workbook(rows, merges: ["A1:L1", "C2:D2", "C5:C6"]);

        var read = CatalogueWorkbook.Read(sheet);

        Assert.Empty(read.Problems);
        Assert.Equal(new[] { 5, 6 }, read.Rows.Select(r => r.Row));
        var (first, second) = (read.Rows[0].Content, read.Rows[1].Content);
        Assert.Equal(("23", "公共卫生服务", DisclosureLevels.District | DisclosureLevels.Township), (first.DomainCode, first.Level1, first.Levels));
        Assert.Equal(DeadlineKind.Promptly, first.Deadline.Kind);
        Assert.Equal(("23", "公共卫生服务", "家庭医生签约"), (second.DomainCode, second.Level1, second.Level2));   // merged 一级事项
        Assert.Equal((ObligationAudience.SpecificGroups, ObligationMode.OnApplication), (second.Audience, second.Mode));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_row_and_column_in_Chinese()
    {
        List<string[]> rows = [Headings, Row("2305"), Row("2306", mode: "公开"), Row("2307", channels: "政府网站、飞鸽传书"), Row("2305"), Row("2308", domain: "航天")];
        var read = CatalogueWorkbook.Read(Workbook(rows));

        Assert.Equal(new[] { "rows[3].mode", "rows[4].channels", "rows[5].code", "rows[6].domainCode" }, read.Problems.Select(p => p.Key));
        Assert.Equal("第 3 行“公开方式”列：“公开”无法识别，请填写“主动”或“依申请公开”。", read.Problems[0].ChineseMessage);
        Assert.Contains("飞鸽传书", read.Problems[1].ChineseMessage);
        Assert.Contains("第 2 行重复", read.Problems[2].ChineseMessage);
        Assert.StartsWith("第 6 行“领域”列", read.Problems[3].ChineseMessage);
    }

    [Fact]
    public void A_missing_value_is_reported_by_the_validation_of_its_column()
    {
        var row = Row("2305");
        row[5] = "";
        var problem = Assert.Single(CatalogueWorkbook.Read(Workbook([Headings, row])).Problems);
        Assert.Equal(("rows[2].basis", "第 2 行“公开依据”列：请填写公开依据。"), (problem.Key, problem.ChineseMessage));
    }

    [Fact]
    public void A_sheet_without_a_needed_column_is_refused()
    {
        var headings = Headings.Where(h => h != "公开依据").ToArray();
        var problem = Assert.Single(CatalogueWorkbook.Read(Workbook([headings])).Problems);
        Assert.Contains("缺少“公开依据”列", problem.ChineseMessage);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused()
    {
        var problem = Assert.Single(CatalogueWorkbook.Read(new MemoryStream("序号,领域\n"u8.ToArray())).Problems);
        Assert.Equal("file", problem.Key);
        Assert.Contains(".xlsx", problem.ChineseMessage);
    }

    /// <summary>A workbook as Excel saves it: shared strings, cell references, merged ranges.</summary>
    private static MemoryStream Workbook(IReadOnlyList<string[]> rows, string[]? merges = null)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var index = 0;
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c].Length == 0)
                        continue;
                    strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(rows[r][c])));
                    row.AppendChild(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.SharedString, CellValue = new CellValue(index++) });
                }
                data.AppendChild(row);
            }
            part.Worksheet = new Worksheet(data);
            if (merges is not null)
                part.Worksheet.InsertAfter(new MergeCells(merges.Select(m => new MergeCell { Reference = m })), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "目录" }));
            workbook.Workbook.Save();
        }
        stream.Position = 0;
        return stream;
    }
}
