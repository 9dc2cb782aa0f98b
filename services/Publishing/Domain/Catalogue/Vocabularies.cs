namespace Gongkai.Publishing.Domain.Catalogue;

/// <summary>One class of a classification vocabulary: a stable code (what is stored) and its name (what is shown).</summary>
public sealed record VocabularyTerm(string Code, string Name, string? ParentCode = null)
{
    /// <summary>The path as catalogue pages show it, e.g. 财政·金融·审计\税务.</summary>
    public string Path => ParentCode is null ? Name : $"{SubjectClasses.Find(ParentCode)!.Name}\\{Name}";
}

/// <summary>
/// 主题分类: the gov.cn list of 22 top classes (proactive-disclosure brief §1.4), codes "01".."22" in that order, with the
/// listed second level of 财政·金融·审计 ("0401".."0409"). The vocabulary is reference data in code for this slice:
/// units choose from it and cannot add classes (per-unit vocabularies come later), so a stored code always has a name.
/// Codes are never reused or renumbered: published 索引号 may contain them.
/// </summary>
public static class SubjectClasses
{
    public static readonly IReadOnlyList<VocabularyTerm> TopLevel =
    [
        new("01", "国务院组织机构"),
        new("02", "综合政务"),
        new("03", "国民经济管理·国有资产监管"),
        new("04", "财政·金融·审计"),
        new("05", "国土资源·能源"),
        new("06", "农业·林业·水利"),
        new("07", "工业·交通"),
        new("08", "商贸·海关·旅游"),
        new("09", "市场监管·安全生产监管"),
        new("10", "城乡建设·环境保护"),
        new("11", "科技·教育"),
        new("12", "文化·广电·新闻出版"),
        new("13", "卫生·体育"),
        new("14", "人口与计划生育·妇女儿童工作"),
        new("15", "劳动·人事·监察"),
        new("16", "公安·安全·司法"),
        new("17", "民政·扶贫·救灾"),
        new("18", "民族·宗教"),
        new("19", "对外事务"),
        new("20", "港澳台侨工作"),
        new("21", "国防"),
        new("22", "其他"),
    ];

    public static readonly IReadOnlyList<VocabularyTerm> SecondLevel =
    [
        new("0401", "财政", "04"),
        new("0402", "税务", "04"),
        new("0403", "银行", "04"),
        new("0404", "货币", "04"),
        new("0405", "证券", "04"),
        new("0406", "保险", "04"),
        new("0407", "社会信用体系建设", "04"),
        new("0408", "审计", "04"),
        new("0409", "其他", "04"),
    ];

    private static readonly Dictionary<string, VocabularyTerm> ByCode = TopLevel.Concat(SecondLevel).ToDictionary(t => t.Code);

    public static VocabularyTerm? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    /// <summary>The top class of a code: itself for a top class, its parent for a second-level one (for filters and 索引号).</summary>
    public static string? TopOf(string? code) => Find(code) is { } term ? term.ParentCode ?? term.Code : null;
}

/// <summary>
/// 体裁分类. The brief marks the values UNSURE; the usual default is the 15 文种 of 《党政机关公文处理工作条例》(2012) plus the
/// non-document genres. Typed end to end; the JSON names are these member names, the Chinese name is for people.
/// </summary>
public enum Genre
{
    Resolution,     // 决议
    Decision,       // 决定
    Order,          // 命令（令）
    Communique,     // 公报
    Announcement,   // 公告
    PublicNotice,   // 通告
    Opinion,        // 意见
    Notice,         // 通知
    Circular,       // 通报
    Report,         // 报告
    Request,        // 请示
    Reply,          // 批复
    Motion,         // 议案
    Letter,         // 函
    Minutes,        // 纪要
    Publicity,      // 公示
    Plan,           // 规划
    Statistics,     // 统计数据
    Interpretation, // 解读
    Other,          // 其他
}

public static class Genres
{
    public static string ChineseName(Genre genre) => genre switch
    {
        Genre.Resolution => "决议",
        Genre.Decision => "决定",
        Genre.Order => "命令（令）",
        Genre.Communique => "公报",
        Genre.Announcement => "公告",
        Genre.PublicNotice => "通告",
        Genre.Opinion => "意见",
        Genre.Notice => "通知",
        Genre.Circular => "通报",
        Genre.Report => "报告",
        Genre.Request => "请示",
        Genre.Reply => "批复",
        Genre.Motion => "议案",
        Genre.Letter => "函",
        Genre.Minutes => "纪要",
        Genre.Publicity => "公示",
        Genre.Plan => "规划",
        Genre.Statistics => "统计数据",
        Genre.Interpretation => "解读",
        Genre.Other => "其他",
        _ => genre.ToString(),
    };
}

/// <summary>The 26 grassroots key domains (<see cref="Gongkai.Contracts.KeyDomains"/>) as catalogue vocabulary terms.</summary>
public static class GrassrootsDomains
{
    public static readonly IReadOnlyList<VocabularyTerm> All = [.. Gongkai.Contracts.KeyDomains.All.Select(d => new VocabularyTerm(d.Code, d.Name))];

    private static readonly Dictionary<string, VocabularyTerm> ByCode = All.ToDictionary(t => t.Code);

    public static VocabularyTerm? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);
}
