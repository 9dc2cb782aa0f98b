using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class VocabularyTests
{
    [Fact]
    public void The_22_subject_classes_have_stable_codes_in_the_gov_cn_order()
    {
        Assert.Equal(22, SubjectClasses.TopLevel.Count);
        Assert.Equal(Enumerable.Range(1, 22).Select(n => n.ToString("D2")), SubjectClasses.TopLevel.Select(t => t.Code));
        Assert.Equal("国务院组织机构", SubjectClasses.Find("01")!.Name);
        Assert.Equal("财政·金融·审计", SubjectClasses.Find("04")!.Name);
        Assert.Equal("人口与计划生育·妇女儿童工作", SubjectClasses.Find("14")!.Name);
        Assert.Equal("其他", SubjectClasses.Find("22")!.Name);
    }

    [Fact]
    public void The_second_level_of_finance_sits_under_04_and_shows_its_path()
    {
        Assert.Equal(new[] { "财政", "税务", "银行", "货币", "证券", "保险", "社会信用体系建设", "审计", "其他" }, SubjectClasses.SecondLevel.Select(t => t.Name));
        Assert.All(SubjectClasses.SecondLevel, t => Assert.Equal("04", t.ParentCode));
        Assert.Equal("财政·金融·审计\\税务", SubjectClasses.Find("0402")!.Path);
        Assert.Equal("04", SubjectClasses.TopOf("0402"));
        Assert.Equal("10", SubjectClasses.TopOf("10"));
        Assert.Null(SubjectClasses.TopOf("23"));
    }

    [Fact]
    public void Genres_are_the_15_document_kinds_and_five_others_each_with_a_Chinese_name()
    {
        Assert.Equal(20, Enum.GetValues<Genre>().Length);
        Assert.Equal(20, Enum.GetValues<Genre>().Select(Genres.ChineseName).Distinct().Count());
        Assert.Equal("通告", Genres.ChineseName(Genre.PublicNotice));
        Assert.Equal("通知", Genres.ChineseName(Genre.Notice));
        Assert.Equal("统计数据", Genres.ChineseName(Genre.Statistics));
        Assert.All(Enum.GetValues<Genre>(), g => Assert.NotEqual(g.ToString(), Genres.ChineseName(g)));
    }

    [Fact]
    public void The_26_grassroots_domains_have_codes_01_to_26()
    {
        Assert.Equal(Enumerable.Range(1, 26).Select(n => n.ToString("D2")), GrassrootsDomains.All.Select(t => t.Code));
        Assert.Equal(26, GrassrootsDomains.All.Select(t => t.Name).Distinct().Count());
        Assert.Equal("城乡规划", GrassrootsDomains.Find("01")!.Name);
        Assert.Equal("公共资源交易", GrassrootsDomains.Find("03")!.Name);
        Assert.Equal("市政服务", GrassrootsDomains.Find("26")!.Name);
        Assert.Null(GrassrootsDomains.Find("27"));
    }
}
