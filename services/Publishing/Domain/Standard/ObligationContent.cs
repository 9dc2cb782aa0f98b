using Gongkai.Publishing.Domain.Catalogue;
using Gongkai.ServiceDefaults.Validation;

namespace Gongkai.Publishing.Domain.Standard;

/// <summary>
/// 公开渠道和载体: the multi-select (■/□) of real standard catalogues (brief §1.5), in their column order. Stored as flags;
/// the API sends and takes a list of single values, because a combined value has no single name to travel as.
/// </summary>
[Flags]
public enum PublicationChannels
{
    None = 0,
    GovernmentWebsite = 1 << 0,   // 政府网站
    WeChatWeiboApp = 1 << 1,      // 两微一端
    RadioTelevision = 1 << 2,     // 广播电视
    ReadingPoint = 1 << 3,        // 公开查阅点
    ServiceStation = 1 << 4,      // 便民服务站
    Gazette = 1 << 5,             // 政府公报
    PressConference = 1 << 6,     // 发布会/听证会
    PrintMedia = 1 << 7,          // 纸质媒体
    ServiceCentre = 1 << 8,       // 政务服务中心
    DoorToDoor = 1 << 9,          // 入户/现场
    NoticeBoard = 1 << 10,        // 社区/企事业单位/村公示栏（电子屏）
    TargetedPush = 1 << 11,       // 精准推送
    Other = 1 << 12,              // 其他
}

/// <summary>公开对象.</summary>
public enum ObligationAudience
{
    Public,         // 全社会
    SpecificGroups, // 特定群众
}

/// <summary>公开方式 of an obligation (an item's 公开属性 also knows 不予公开; a catalogue obligation never is).</summary>
public enum ObligationMode
{
    Proactive,     // 主动
    OnApplication, // 依申请公开
}

/// <summary>
/// 公开层级: real catalogues tick 县级 and 乡级 separately and often both (a district obligation a township also
/// meets), so it is a flags value like the channels. 区级 = 县级, 镇级 = 乡级 / 乡村级 / 街道.
/// </summary>
[Flags]
public enum DisclosureLevels
{
    None = 0,
    District = 1 << 0, // 区级（县级）
    Township = 1 << 1, // 镇级（乡级、街道）
}

/// <summary>The column names and Chinese labels of the standard catalogue's typed values.</summary>
public static class ObligationTerms
{
    public static readonly IReadOnlyList<(PublicationChannels Channel, string Name)> Channels =
    [
        (PublicationChannels.GovernmentWebsite, "政府网站"),
        (PublicationChannels.WeChatWeiboApp, "两微一端"),
        (PublicationChannels.RadioTelevision, "广播电视"),
        (PublicationChannels.ReadingPoint, "公开查阅点"),
        (PublicationChannels.ServiceStation, "便民服务站"),
        (PublicationChannels.Gazette, "政府公报"),
        (PublicationChannels.PressConference, "发布会/听证会"),
        (PublicationChannels.PrintMedia, "纸质媒体"),
        (PublicationChannels.ServiceCentre, "政务服务中心"),
        (PublicationChannels.DoorToDoor, "入户/现场"),
        (PublicationChannels.NoticeBoard, "公示栏"),
        (PublicationChannels.TargetedPush, "精准推送"),
        (PublicationChannels.Other, "其他"),
    ];

    public static string ChannelName(PublicationChannels channel) => Channels.FirstOrDefault(c => c.Channel == channel).Name ?? channel.ToString();

    /// <summary>The single channels of a combined value, in column order.</summary>
    public static IReadOnlyList<PublicationChannels> Split(PublicationChannels channels) =>
        Channels.Select(c => c.Channel).Where(c => channels.HasFlag(c)).ToList();

    public static IReadOnlyList<DisclosureLevels> Split(DisclosureLevels levels) =>
        new[] { DisclosureLevels.District, DisclosureLevels.Township }.Where(l => levels.HasFlag(l)).ToList();

    public static string AudienceName(ObligationAudience audience) => audience switch
    {
        ObligationAudience.Public => "全社会",
        ObligationAudience.SpecificGroups => "特定群众",
        _ => audience.ToString(),
    };

    public static string ModeName(ObligationMode mode) => mode switch
    {
        ObligationMode.Proactive => "主动",
        ObligationMode.OnApplication => "依申请公开",
        _ => mode.ToString(),
    };

    public static string LevelName(DisclosureLevels level) => level switch
    {
        DisclosureLevels.District => "区级",
        DisclosureLevels.Township => "镇级",
        _ => string.Join("、", Split(level).Select(LevelName)),
    };

    /// <summary>Domain names vary by place (brief §1.6): the aliases seen, for imported sheets.</summary>
    public static readonly IReadOnlyDictionary<string, string> DomainAliases = new Dictionary<string, string>
    {
        ["医疗卫生"] = "23",
        ["环境保护"] = "11",
        ["征地补偿"] = "08",
        ["国有土地上房屋征收"] = "07",
    };

    /// <summary>A domain given by code ("23"), name ("卫生健康"), alias ("医疗卫生") or both ("23 卫生健康").</summary>
    public static VocabularyTerm? FindDomain(string text)
    {
        var t = text.Trim();
        if (GrassrootsDomains.Find(t) is { } byCode)
            return byCode;
        if (GrassrootsDomains.All.FirstOrDefault(d => d.Name == t) is { } byName)
            return byName;
        if (DomainAliases.TryGetValue(t, out var code))
            return GrassrootsDomains.Find(code);
        // "23 卫生健康", "23卫生健康", "二十三、卫生健康": the name decides when present.
        return GrassrootsDomains.All.FirstOrDefault(d => t.EndsWith(d.Name, StringComparison.Ordinal))
            ?? DomainAliases.Where(a => t.EndsWith(a.Key, StringComparison.Ordinal)).Select(a => GrassrootsDomains.Find(a.Value)).FirstOrDefault();
    }
}

/// <summary>
/// What one obligation (事项) of a standard catalogue says: the columns districts circulate. A record of scalars, so two
/// contents compare by value (adoption and differences rely on that). Built only by <see cref="ObligationInput.Validate"/>.
/// </summary>
public sealed record ObligationContent(
    string Code,
    string DomainCode,
    string Level1,
    string? Level2,
    string Content,
    string Basis,
    string DeadlineText,
    string Responsible,
    PublicationChannels Channels,
    ObligationAudience Audience,
    ObligationMode Mode,
    DisclosureLevels Levels)
{
    public ObligationDeadline Deadline => ObligationDeadline.Parse(DeadlineText);

    /// <summary>The columns (Chinese names, as in the sheet) in which <paramref name="other"/> differs from this content.</summary>
    public IReadOnlyList<string> ChangedColumns(ObligationContent other)
    {
        var changed = new List<string>();
        void Check(bool differs, string column)
        {
            if (differs)
                changed.Add(column);
        }
        Check(Code != other.Code, ObligationColumns.Code);
        Check(DomainCode != other.DomainCode, ObligationColumns.Domain);
        Check(Level1 != other.Level1, ObligationColumns.Level1);
        Check(Level2 != other.Level2, ObligationColumns.Level2);
        Check(Content != other.Content, ObligationColumns.Content);
        Check(Basis != other.Basis, ObligationColumns.Basis);
        Check(DeadlineText != other.DeadlineText, ObligationColumns.Deadline);
        Check(Responsible != other.Responsible, ObligationColumns.Responsible);
        Check(Channels != other.Channels, ObligationColumns.Channels);
        Check(Audience != other.Audience, ObligationColumns.Audience);
        Check(Mode != other.Mode, ObligationColumns.Mode);
        Check(Levels != other.Levels, ObligationColumns.Levels);
        return changed;
    }
}

/// <summary>The sheet's column headings, which are also how messages name a field.</summary>
public static class ObligationColumns
{
    public const string Code = "序号";
    public const string Domain = "领域";
    public const string Level1 = "一级事项";
    public const string Level2 = "二级事项";
    public const string Content = "公开内容（要素）";
    public const string Basis = "公开依据";
    public const string Deadline = "公开时限";
    public const string Responsible = "公开主体";
    public const string Channels = "公开渠道和载体";
    public const string Audience = "公开对象";
    public const string Mode = "公开方式";
    public const string Levels = "公开层级";

    /// <summary>The sheet's columns in order, with the API field each fills.</summary>
    public static readonly IReadOnlyList<(string Heading, string Field)> All =
    [
        (Code, "code"), (Domain, "domainCode"), (Level1, "level1"), (Level2, "level2"), (Content, "content"), (Basis, "basis"),
        (Deadline, "deadlineText"), (Responsible, "responsible"), (Channels, "channels"), (Audience, "audience"), (Mode, "mode"),
        (Levels, "levels"),
    ];
}

/// <summary>An obligation as staff send it (create or edit); every value may be missing, and <see cref="Validate"/> says what is wrong.</summary>
public sealed record ObligationInput(
    string? Code,
    string? DomainCode,
    string? Level1,
    string? Level2,
    string? Content,
    string? Basis,
    string? DeadlineText,
    string? Responsible,
    List<PublicationChannels>? Channels,
    ObligationAudience? Audience,
    ObligationMode? Mode,
    List<DisclosureLevels>? Levels,
    string? DifferenceReason = null)
{
    public const int MaxCode = 20;
    public const int MaxName = 100;
    public const int MaxText = 2000;
    public const int MaxDeadline = 200;
    public const int MaxResponsible = 200;
    public const int MaxReason = 500;

    /// <summary>The validated content, or the problems keyed by field (camelCase, as sent) with a Chinese message each.</summary>
    public (ObligationContent? Content, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        var code = Clean(Code);
        if (code is null)
            Add("code", "请填写事项编号（序号），如 0505。");
        else if (code.Length > MaxCode || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            Add("code", $"事项编号只能包含字母、数字、“-”和“.”，不超过 {MaxCode} 个字符。");
        var domain = Clean(DomainCode);
        if (domain is null)
            Add("domainCode", "请选择所属领域（26 个基层政务公开领域，01 至 26）。");
        else if (GrassrootsDomains.Find(domain) is null)
            Add("domainCode", $"领域代码“{domain}”不存在，请从 26 个基层政务公开领域（01 至 26）中选择。");
        var level1 = Text(Level1, "level1", "一级事项", MaxName, required: true, singleLine: true);
        var level2 = Text(Level2, "level2", "二级事项", MaxName, required: false, singleLine: true);
        var content = Text(Content, "content", "公开内容（要素）", MaxText, required: true, singleLine: false);
        var basis = Text(Basis, "basis", "公开依据", MaxText, required: true, singleLine: false);
        var deadlineText = Text(DeadlineText, "deadlineText", "公开时限", MaxDeadline, required: true, singleLine: false);
        if (deadlineText is not null && ObligationDeadline.Parse(deadlineText) is { Kind: DeadlineKind.WorkingDays, WorkingDays: < 1 or > PublicationDeadline120 })
            Add("deadlineText", $"公开时限中的工作日数应为 1 至 {PublicationDeadline120} 个工作日。");
        var responsible = Text(Responsible, "responsible", "公开主体", MaxResponsible, required: true, singleLine: true);
        var channels = PublicationChannels.None;
        foreach (var channel in Channels ?? [])
            channels |= channel;
        if (Channels is null || Channels.Count == 0 || Channels.Any(c => ObligationTerms.Channels.All(t => t.Channel != c)))
            Add("channels", "请选择至少一个公开渠道和载体（政府网站、两微一端、公示栏等），每项只能是一个渠道。");
        if (Audience is null)
            Add("audience", "请选择公开对象（Public 全社会、SpecificGroups 特定群众）。");
        if (Mode is null)
            Add("mode", "请选择公开方式（Proactive 主动、OnApplication 依申请公开）。");
        var levels = DisclosureLevels.None;
        foreach (var level in Levels ?? [])
            levels |= level;
        if (Levels is null || Levels.Count == 0 || Levels.Any(l => l is not (DisclosureLevels.District or DisclosureLevels.Township)))
            Add("levels", "请选择公开层级（District 区级、Township 镇级，可都选）。");
        if (Clean(DifferenceReason) is { } reason && (reason.Length > MaxReason || TextRules.Problem(reason) is not null))
            Add("differenceReason", $"差异说明不能超过 {MaxReason} 个字，且不能含控制字符。");

        if (errors.Count > 0)
            return (null, errors);
        return (new ObligationContent(code!, domain!, level1!, level2, content!, basis!, deadlineText!, responsible!, channels,
            Audience!.Value, Mode!.Value, levels), errors);

        string? Text(string? value, string field, string column, int max, bool required, bool singleLine)
        {
            var text = Clean(value);
            if (text is null)
            {
                if (required)
                    Add(field, $"请填写{column}。");
                return null;
            }
            if (text.Length > max)
                Add(field, $"{column}不能超过 {max} 个字。");
            else if (singleLine && text.Any(c => c is '\n' or '\r' or '\t'))
                Add(field, $"{column}只能有一行。");
            else if (TextRules.Problem(text) is { } problem)
                Add(field, $"{column}：{problem}");
            return text;
        }
    }

    /// <summary>The longest period <see cref="PublicationDeadline"/> counts (a law may set another than Art. 26's 20).</summary>
    private const int PublicationDeadline120 = 120;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
