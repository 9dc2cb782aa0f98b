using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.Benchmarks;

/// <summary>
/// Deterministic catalogue content: 50 units (5 districts, each with 9 townships), titles, summaries and bodies built from
/// government vocabulary drawn with a Zipf distribution (a few words are everywhere, most are rare, as in a real
/// catalogue), dates over eight years, the real subject classes, genres and domains.
/// </summary>
internal sealed class SyntheticCatalogue(int seed)
{
    public const int Districts = 5;
    public const int TownshipsPerDistrict = 9;

    public sealed record Unit(string Code, string? Parent, string Name);

    public static readonly IReadOnlyList<Unit> Units = [.. Enumerable.Range(1, Districts).SelectMany(d =>
        new[] { new Unit($"bench-d{d}", null, $"第{d}区人民政府办公室") }.Concat(
            Enumerable.Range(1, TownshipsPerDistrict).Select(t => new Unit($"bench-d{d}-t{t}", $"bench-d{d}", $"第{d}区第{t}街道办事处"))))];

    /// <summary>Ordered from the commonest word to the rarest.</summary>
    public static readonly string[] Vocabulary = """
        工作 建设 管理 服务 发展 项目 资金 社区 实施 安全 公开 人员 保障 企业 居民 政策 环境 教育 卫生 住房
        农村 城市 改造 补贴 申请 审批 公示 通知 方案 计划 检查 整治 治理 监督 考核 培训 救助 养老 医疗 就业
        低保 拆迁 征收 补偿 规划 道路 交通 绿化 水利 防汛 消防 应急 食品 药品 市场 价格 税收 财政 预算 决算
        采购 招标 合同 审计 统计 人口 户籍 婚姻 殡葬 残疾 儿童 妇女 老年 退役 军人 优抚 慈善 志愿 文化 体育
        旅游 文物 宣传 新闻 网络 信息 数据 平台 系统 档案 法治 执法 处罚 许可 备案 登记 认定 评估 验收 竣工
        物业 业主 小区 垃圾 分类 污水 排水 供水 供气 供暖 电力 照明 停车 公交 学校 幼儿 医院 诊所 疫苗 防疫
        耕地 宅基 林地 草原 畜牧 渔业 种植 粮食 农机 合作 集体 产权 流转 承包 扶贫 振兴 乡村 美丽 宜居 特色
        产业 园区 招商 投资 贷款 融资 担保 纾困 减税 降费 营商 审核 窗口 热线 投诉 信访 调解 矛盾 纠纷 网格
        巡查 隐患 排查 燃气 电梯 危房 鉴定 加固 维修 基金 公积 社保 医保 参保 缴费 待遇 发放 名单 结果
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] Places = ["东升", "西航港", "九江", "黄水", "公兴", "彭镇", "金桥", "永安", "黄甲", "太平", "新兴", "正兴"];

    private static readonly string[] Suffixes = ["通知", "公告", "公示", "实施方案", "工作报告", "情况说明", "办法", "意见", "决定", "统计表"];

    private static readonly (string Code, string Top)[] Subjects = [.. SubjectClasses.SecondLevel.Select(s => (s.Code, s.ParentCode!))
        .Concat(SubjectClasses.TopLevel.Select(t => (t.Code, t.Code)))];

    private static readonly Genre[] GenreValues = Enum.GetValues<Genre>();

    private static readonly double[] Cumulative = BuildZipf(Vocabulary.Length);

    private readonly Random _random = new(seed);

    public static readonly DateOnly FirstDay = new(2019, 1, 1);
    public static readonly DateOnly LastDay = new(2026, 11, 30);

    /// <summary>The <paramref name="index"/>-th item (units in turn, so every unit holds the same share).</summary>
    public PublicItem Item(int index, DateTimeOffset now)
    {
        var unit = Units[index % Units.Count];
        var published = FirstDay.AddDays(_random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
        var written = published.AddDays(-_random.Next(0, 20));
        var subject = Subjects[_random.Next(Subjects.Length)];
        var place = Places[_random.Next(Places.Length)];
        var title = $"关于{place}{Word()}{Word()}{Word()}的{Suffixes[_random.Next(Suffixes.Length)]}";
        var summary = $"{place}{Word()}{Word()}{Word()}{Word()}情况";
        var sentences = Enumerable.Range(0, 6).Select(_ => $"{Word()}{Word()}{Word()}{Word()}{Word()}。");
        var body = $"<p>{string.Concat(sentences)}</p>";
        var keywords = new List<string> { Word(), Word() };
        var validity = _random.Next(100) switch { < 90 => Validity.Valid, < 97 => Validity.Expired, _ => Validity.Repealed };
        var item = new PublicItem
        {
            ItemId = Guid.CreateVersion7(),
            UnitCode = unit.Code,
            ParentUnitCode = unit.Parent,
            IndexNumber = $"{unit.Code}/{written.Year}-{index / Units.Count + 1:D6}",
            Title = title,
            Summary = summary,
            SubjectCode = subject.Code,
            SubjectTopCode = subject.Top,
            Genre = GenreValues[_random.Next(GenreValues.Length)],
            Publisher = unit.Name,
            WrittenOn = written,
            DocumentNumber = _random.Next(3) == 0 ? $"{place}发〔{written.Year}〕{_random.Next(1, 200)}号" : null,
            Scope = DisclosureScope.Society,
            DomainCode = _random.Next(10) < 7 ? GrassrootsDomains.All[_random.Next(GrassrootsDomains.All.Count)].Code : null,
            BodyHtml = body,
            Keywords = keywords,
            Validity = validity,
            ValidityChangedOn = validity == Validity.Valid ? null : published.AddDays(_random.Next(1, 400)),
            Version = 1,
            FirstPublishedOn = published,
            PublishedOn = published,
            UpdatedAt = now,
        };
        var bodyText = BodyHtml.TextOf(body);
        var keywordText = string.Join(" ", keywords);
        item.SearchTerms = [.. ChineseSearchTerms.ForItem(title, summary, keywordText, bodyText)];
        item.SearchText = ChineseSearchTerms.SearchText(title, summary, keywordText, bodyText);
        return item;
    }

    /// <summary>A word by Zipf rank (rank r drawn with probability ∝ 1/r).</summary>
    private string Word()
    {
        var at = Array.BinarySearch(Cumulative, _random.NextDouble());
        return Vocabulary[Math.Min(at < 0 ? ~at : at, Vocabulary.Length - 1)];
    }

    public T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    private static double[] BuildZipf(int n)
    {
        var weights = Enumerable.Range(1, n).Select(r => 1.0 / r).ToArray();
        var total = weights.Sum();
        var cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            cumulative[i] = sum += weights[i] / total;
        return cumulative;
    }
}
