namespace Gongkai.Contracts;

/// <summary>One of the 26 grassroots key domains, with words that suggest it in an application's description.</summary>
public sealed record KeyDomain(string Code, string Name, IReadOnlyList<string> Keywords);

/// <summary>
/// The 26 grassroots pilot domains (基层政务公开标准化规范化试点领域, brief §1.6), codes "01".."26" in the brief's order: the
/// catalogue files items under them and the district's supervision counts applications by them. Fixed in code; units cannot
/// add domains. The keywords only suggest a domain; a person confirms it on the case.
/// </summary>
public static class KeyDomains
{
    public static readonly IReadOnlyList<KeyDomain> All =
    [
        new("01", "城乡规划", ["规划", "控制性详细", "用地许可", "规划许可", "总体规划"]),
        new("02", "重大建设项目", ["建设项目", "立项", "可行性研究", "环评批复", "工程招标"]),
        new("03", "公共资源交易", ["公共资源交易", "招标", "中标", "政府采购", "采购合同", "拍卖", "挂牌出让"]),
        new("04", "财政预决算", ["预算", "决算", "三公经费", "财政资金", "专项资金", "资金拨付"]),
        new("05", "安全生产", ["安全生产", "事故调查", "事故报告", "隐患", "危险化学品"]),
        new("06", "税收管理", ["税收", "纳税", "税务", "减免税", "欠税"]),
        new("07", "国有土地上房屋征收与补偿", ["房屋征收", "征收补偿", "拆迁", "安置方案", "补偿安置", "征收决定"]),
        new("08", "农村集体土地征收", ["集体土地", "征地", "土地征收", "征地补偿", "农用地转用"]),
        new("09", "保障性住房", ["保障性住房", "公租房", "廉租房", "经济适用房", "人才公寓", "保障房"]),
        new("10", "农村危房改造", ["危房改造", "危房"]),
        new("11", "生态环境", ["环境", "环评", "排污", "污染", "噪声", "垃圾处理", "水质"]),
        new("12", "公共文化服务", ["文化", "图书馆", "文化站", "体育场馆"]),
        new("13", "公共法律服务", ["法律援助", "公证", "人民调解", "法律服务"]),
        new("14", "扶贫", ["扶贫", "脱贫", "帮扶"]),
        new("15", "救灾", ["救灾", "灾害", "受灾", "应急救助"]),
        new("16", "社会救助", ["低保", "最低生活保障", "特困", "临时救助", "社会救助"]),
        new("17", "养老服务", ["养老", "老年人", "高龄补贴", "敬老院"]),
        new("18", "户籍管理", ["户籍", "户口", "落户", "迁移证明"]),
        new("19", "涉农补贴", ["涉农补贴", "农业补贴", "耕地地力", "农机购置", "种粮"]),
        new("20", "就业", ["就业", "招聘", "职业培训", "失业"]),
        new("21", "社会保险", ["社保", "社会保险", "养老保险", "医疗保险", "工伤", "医保"]),
        new("22", "义务教育", ["义务教育", "学校", "入学", "学区", "招生"]),
        new("23", "卫生健康", ["卫生", "医院", "疫苗", "健康", "医疗机构"]),
        new("24", "食品药品监管", ["食品", "药品", "餐饮", "抽检"]),
        new("25", "城市综合执法", ["执法", "违法建设", "违建", "处罚决定", "城管", "占道"]),
        new("26", "市政服务", ["市政", "道路", "供水", "供气", "路灯", "排水", "老旧小区"]),
    ];

    private static readonly Dictionary<string, KeyDomain> ByCode = All.ToDictionary(d => d.Code);

    public static KeyDomain? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    public static string Label(string? code) => Find(code)?.Name ?? "未分类";

    /// <summary>
    /// The domain whose keywords the description mentions most (longer keywords weigh more: 房屋征收 says more than 征收);
    /// ties go to the earlier domain. Null when no keyword occurs: the handler chooses.
    /// </summary>
    public static KeyDomain? Suggest(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
            return null;
        KeyDomain? best = null;
        var bestScore = 0;
        foreach (var domain in All)
        {
            var score = domain.Keywords.Where(k => description.Contains(k, StringComparison.Ordinal)).Sum(k => k.Length);
            if (score > bestScore)
                (best, bestScore) = (domain, score);
        }
        return best;
    }
}
