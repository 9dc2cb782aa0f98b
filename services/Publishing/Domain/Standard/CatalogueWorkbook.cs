using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.Publishing.Domain.Standard;

/// <summary>A problem of an imported sheet: the Excel row (1-based, as people see it), the column heading and what is wrong.</summary>
public sealed record WorkbookProblem(int Row, string Column, string Field, string Message)
{
    /// <summary>The key of the 400's errors, e.g. "rows[5].mode".</summary>
    public string Key => Row == 0 ? "file" : $"rows[{Row}].{Field}";

    public string ChineseMessage => Row == 0 ? Message : $"第 {Row} 行“{Column}”列：{Message}";
}

public sealed record WorkbookRow(int Row, ObligationContent Content);

public sealed record WorkbookContent(IReadOnlyList<WorkbookRow> Rows, IReadOnlyList<PublishedExemption> Exemptions, IReadOnlyList<WorkbookProblem> Problems);

/// <summary>
/// The standard catalogue as the XLSX sheet districts circulate: 序号, 领域, 一级事项, 二级事项, 公开内容（要素）, 公开依据,
/// 公开时限, 公开主体, 公开渠道和载体 (■/□ or a list), 公开对象, 公开方式, 公开层级, and a second sheet 未涉及领域事项说明.
/// Reading is lenient where real sheets vary (a title row above the headings, headings over two rows, vertically
/// merged 领域 or 一级事项 cells, domain section rows such as "一、城乡规划", domain aliases) and strict about values:
/// every problem is reported with its row and column, and the caller stores nothing unless there is none.
/// </summary>
public static class CatalogueWorkbook
{
    public const string CatalogueSheet = "标准目录";
    public const string ExemptionSheet = "未涉及领域事项说明";
    public const int MaxRows = 5000;
    private const int HeaderSearchRows = 10;

    // ---- writing ----

    public static byte[] Write(IReadOnlyList<ObligationContent> obligations, IReadOnlyList<PublishedExemption> exemptions)
    {
        var rows = new List<string[]> { ObligationColumns.All.Select(c => c.Heading).ToArray() };
        rows.AddRange(obligations.Select(o => new[]
        {
            o.Code, GrassrootsDomains.Find(o.DomainCode)?.Name ?? o.DomainCode, o.Level1, o.Level2 ?? "", o.Content, o.Basis, o.DeadlineText,
            o.Responsible, ChannelBoxes(o.Channels), ObligationTerms.AudienceName(o.Audience), ObligationTerms.ModeName(o.Mode),
            ObligationTerms.LevelName(o.Levels),
        }));
        var exemptionRows = new List<string[]> { new[] { "领域", "说明" } };
        exemptionRows.AddRange(exemptions.Select(e => new[] { GrassrootsDomains.Find(e.DomainCode)?.Name ?? e.DomainCode, e.Reason }));
        return Spreadsheet.Write((CatalogueSheet, rows), (ExemptionSheet, exemptionRows));
    }

    /// <summary>The ■/□ form of the channel column, every channel listed in column order.</summary>
    public static string ChannelBoxes(PublicationChannels channels) =>
        string.Join(" ", ObligationTerms.Channels.Select(c => (channels.HasFlag(c.Channel) ? "■" : "□") + c.Name));

    // ---- reading ----

    public static WorkbookContent Read(Stream stream)
    {
        if (Spreadsheet.Read(stream) is not { } sheets)
            return Failed(Spreadsheet.NotAWorkbook);
        if (sheets.Count == 0)
            return Failed("工作簿中没有工作表。");
        var problems = new List<WorkbookProblem>();
        var exemptionSheet = sheets.Skip(1).FirstOrDefault(s => s.Name.Contains("未涉及"));
        var catalogueSheet = sheets.First(s => s != exemptionSheet);
        var rows = ReadCatalogue(catalogueSheet.Grid, problems);
        var exemptions = exemptionSheet is null ? [] : ReadExemptions(exemptionSheet.Grid, problems);
        return new WorkbookContent(rows, exemptions, problems);
    }

    private static WorkbookContent Failed(string message) => new([], [], [new WorkbookProblem(0, "", "file", message)]);

    private static List<WorkbookRow> ReadCatalogue(Dictionary<(int Row, int Column), string> grid, List<WorkbookProblem> problems)
    {
        var (headerEnd, columns) = FindHeadings(grid);
        if (columns is null)
        {
            problems.Add(new WorkbookProblem(0, "", "file", $"前 {HeaderSearchRows} 行中没有找到标准目录的表头（序号、领域、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体、公开对象、公开方式、公开层级）。"));
            return [];
        }
        foreach (var (heading, _) in ObligationColumns.All.Where(c => !columns.ContainsKey(c.Heading) && c.Heading != ObligationColumns.Level2))
            problems.Add(new WorkbookProblem(headerEnd, heading, "file", $"缺少“{heading}”列。"));
        if (problems.Count > 0)
            return [];

        var lastRow = grid.Keys.Select(k => k.Row).DefaultIfEmpty(0).Max();
        if (lastRow - headerEnd > MaxRows)
        {
            problems.Add(new WorkbookProblem(0, "", "file", $"一次最多导入 {MaxRows} 行。"));
            return [];
        }
        var result = new List<WorkbookRow>();
        var firstRowOfCode = new Dictionary<string, int>();
        string? sectionDomain = null;
        for (var row = headerEnd + 1; row <= lastRow; row++)
        {
            string Value(string heading) => columns.TryGetValue(heading, out var c) && grid.TryGetValue((row, c), out var v) ? v.Trim() : "";
            var filled = columns.Values.Select(c => grid.GetValueOrDefault((row, c))?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Distinct().ToList();
            if (filled.Count == 0)
                continue;
            // A section row ("一、城乡规划", a merged cell across the table): the domain of the rows below it.
            if (filled.Count == 1 && ObligationTerms.FindDomain(filled[0]!) is { } section)
            {
                sectionDomain = section.Code;
                continue;
            }
            var rowProblems = new List<WorkbookProblem>();
            void Problem(string heading, string message) =>
                rowProblems.Add(new WorkbookProblem(row, heading, ObligationColumns.All.First(c => c.Heading == heading).Field, message));

            string? domain = sectionDomain;
            if (Value(ObligationColumns.Domain) is { Length: > 0 } domainText)
            {
                domain = ObligationTerms.FindDomain(domainText)?.Code;
                if (domain is null)
                    Problem(ObligationColumns.Domain, $"“{domainText}”不是 26 个基层政务公开领域之一。");
            }
            var channels = ParseChannels(Value(ObligationColumns.Channels), out var unknownChannel);
            if (unknownChannel is not null)
                Problem(ObligationColumns.Channels, $"“{unknownChannel}”不是公开渠道和载体的选项（{string.Join("、", ObligationTerms.Channels.Select(c => c.Name))}）。");
            var audience = Value(ObligationColumns.Audience) switch
            {
                "全社会" or "社会公众" or "面向社会" => ObligationAudience.Public,
                "特定群众" or "特定对象" or "面向申请人" => ObligationAudience.SpecificGroups,
                "" => (ObligationAudience?)null,
                var other => Unknown<ObligationAudience>(ObligationColumns.Audience, other, "请填写“全社会”或“特定群众”。"),
            };
            var mode = Value(ObligationColumns.Mode) switch
            {
                "主动" or "主动公开" => ObligationMode.Proactive,
                "依申请" or "依申请公开" => ObligationMode.OnApplication,
                "" => (ObligationMode?)null,
                var other => Unknown<ObligationMode>(ObligationColumns.Mode, other, "请填写“主动”或“依申请公开”。"),
            };
            var levels = ParseLevels(Value(ObligationColumns.Levels), out var unknownLevel);
            if (unknownLevel is not null)
                Problem(ObligationColumns.Levels, $"“{unknownLevel}”不是公开层级（区级、镇级，可都填）。");

            var input = new ObligationInput(Value(ObligationColumns.Code), domain, Value(ObligationColumns.Level1), Value(ObligationColumns.Level2),
                Value(ObligationColumns.Content), Value(ObligationColumns.Basis), Value(ObligationColumns.Deadline), Value(ObligationColumns.Responsible),
                [.. ObligationTerms.Split(channels)], audience, mode, [.. ObligationTerms.Split(levels)]);
            var (content, errors) = input.Validate();
            foreach (var (field, messages) in errors)
            {
                var heading = ObligationColumns.All.FirstOrDefault(c => c.Field == field).Heading ?? field;
                if (rowProblems.All(p => p.Column != heading))
                    Problem(heading, messages[0]);
            }
            if (content is not null && !firstRowOfCode.TryAdd(content.Code, row))
                Problem(ObligationColumns.Code, $"事项编号 {content.Code} 与第 {firstRowOfCode[content.Code]} 行重复。");
            problems.AddRange(rowProblems);
            if (rowProblems.Count == 0 && content is not null)
                result.Add(new WorkbookRow(row, content));

            T? Unknown<T>(string heading, string value, string hint) where T : struct
            {
                Problem(heading, $"“{value}”无法识别，{hint}");
                return null;
            }
        }
        if (result.Count == 0 && problems.Count == 0)
            problems.Add(new WorkbookProblem(0, "", "file", "工作表中没有事项。"));
        return result;
    }

    private static List<PublishedExemption> ReadExemptions(Dictionary<(int Row, int Column), string> grid, List<WorkbookProblem> problems)
    {
        var result = new List<PublishedExemption>();
        foreach (var row in grid.Keys.Select(k => k.Row).Distinct().Order())
        {
            var domainText = grid.GetValueOrDefault((row, 0))?.Trim() ?? "";
            var reason = grid.GetValueOrDefault((row, 1))?.Trim() ?? "";
            if (domainText is "" or "领域" && reason is "" or "说明")
                continue;
            if (ObligationTerms.FindDomain(domainText) is not { } domain)
                problems.Add(new WorkbookProblem(row, "领域", "exemptions.domainCode", $"“{domainText}”不是 26 个基层政务公开领域之一（{ExemptionSheet}）。"));
            else if (reason.Length is 0 or > ObligationInput.MaxReason)
                problems.Add(new WorkbookProblem(row, "说明", "exemptions.reason", $"请说明该领域为何不涉及（不超过 {ObligationInput.MaxReason} 个字，{ExemptionSheet}）。"));
            else if (result.All(e => e.DomainCode != domain.Code))
                result.Add(new PublishedExemption(domain.Code, reason));
        }
        return result;
    }

    /// <summary>The row the headings end on and the column of each heading, or null columns when none is found.</summary>
    private static (int HeaderEnd, Dictionary<string, int>? Columns) FindHeadings(Dictionary<(int Row, int Column), string> grid)
    {
        for (var row = 1; row <= HeaderSearchRows; row++)
        {
            var columns = new Dictionary<string, int>();
            var end = row;
            // Headings may span two rows (公开事项 over 一级事项 / 二级事项).
            foreach (var r in new[] { row, row + 1 })
                foreach (var ((_, column), text) in grid.Where(g => g.Key.Row == r).OrderBy(g => g.Key.Column))
                    if (Heading(text) is { } heading && columns.TryAdd(heading, column) && r > end)
                        end = r;
            if (columns.ContainsKey(ObligationColumns.Content) && columns.ContainsKey(ObligationColumns.Level1))
                return (end, columns);
        }
        return (0, null);
    }

    private static string? Heading(string text)
    {
        var t = new string(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());
        return t switch
        {
            "序号" or "编号" or "事项编号" or "事项序号" => ObligationColumns.Code,
            "领域" or "公开领域" or "所属领域" or "试点领域" => ObligationColumns.Domain,
            "一级事项" => ObligationColumns.Level1,
            "二级事项" => ObligationColumns.Level2,
            _ when t.StartsWith("公开内容", StringComparison.Ordinal) => ObligationColumns.Content,
            "公开依据" => ObligationColumns.Basis,
            "公开时限" => ObligationColumns.Deadline,
            "公开主体" => ObligationColumns.Responsible,
            _ when t.StartsWith("公开渠道", StringComparison.Ordinal) => ObligationColumns.Channels,
            "公开对象" => ObligationColumns.Audience,
            "公开方式" => ObligationColumns.Mode,
            "公开层级" => ObligationColumns.Levels,
            _ => null,
        };
    }

    /// <summary>"■政府网站 □两微一端 …" (only the ticked count) or a list "政府网站、公示栏".</summary>
    public static PublicationChannels ParseChannels(string text, out string? unknown)
    {
        unknown = null;
        var result = PublicationChannels.None;
        var boxed = text.IndexOfAny(['■', '□', '☑', '☐', '√', '☒']) >= 0;
        var parts = boxed
            ? System.Text.RegularExpressions.Regex.Matches(text, "([■□☑☐√☒])\\s*([^■□☑☐√☒]+)").Select(m => (Ticked: m.Groups[1].Value is "■" or "☑" or "√" or "☒", Name: m.Groups[2].Value))
            : text.Split(['，', ',', '、', '；', ';', '\n', ' ', '　']).Select(p => (Ticked: true, Name: p));
        foreach (var (ticked, raw) in parts)
        {
            var name = raw.Trim().Trim('，', ',', '、', '；', ';');
            if (name.Length == 0)
                continue;
            var channel = ChannelOf(name);
            if (channel is null)
            {
                unknown ??= name;
                continue;
            }
            if (ticked)
                result |= channel.Value;
        }
        return result;
    }

    private static PublicationChannels? ChannelOf(string name)
    {
        var n = name.Normalize(NormalizationForm.FormKC).Replace(" ", "");
        foreach (var (channel, chinese) in ObligationTerms.Channels)
            if (n == chinese.Normalize(NormalizationForm.FormKC))
                return channel;
        // The long form "社区/企事业单位/村公示栏(电子屏)" and its variants all name the notice board.
        if (n.Contains("公示栏") || n.Contains("电子屏"))
            return PublicationChannels.NoticeBoard;
        return n switch
        {
            "发布会" or "听证会" or "新闻发布会" => PublicationChannels.PressConference,
            "入户" or "现场" => PublicationChannels.DoorToDoor,
            "政府网站(门户网站)" or "门户网站" => PublicationChannels.GovernmentWebsite,
            "报刊" or "报纸" => PublicationChannels.PrintMedia,
            _ => null,
        };
    }

    public static DisclosureLevels ParseLevels(string text, out string? unknown)
    {
        unknown = null;
        var result = DisclosureLevels.None;
        var boxed = text.IndexOfAny(['■', '□', '☑', '☐', '√']) >= 0;
        var parts = boxed
            ? System.Text.RegularExpressions.Regex.Matches(text, "([■□☑☐√])\\s*([^■□☑☐√]+)").Select(m => (Ticked: m.Groups[1].Value is "■" or "☑" or "√", Name: m.Groups[2].Value))
            : text.Split(['，', ',', '、', '；', ';', '/', '\n', ' ', '　']).Select(p => (Ticked: true, Name: p));
        foreach (var (ticked, raw) in parts)
        {
            var name = raw.Trim().Trim('，', ',', '、', '；', ';');
            if (name.Length == 0)
                continue;
            DisclosureLevels? level = name switch
            {
                "区级" or "县级" or "区县级" or "县（区）级" or "县(区)级" => DisclosureLevels.District,
                "镇级" or "乡级" or "乡村级" or "乡镇级" or "街道" or "镇（街道）级" or "镇(街道)级" or "乡镇（街道）" => DisclosureLevels.Township,
                _ => null,
            };
            if (level is null)
                unknown ??= name;
            else if (ticked)
                result |= level.Value;
        }
        return result;
    }
}
