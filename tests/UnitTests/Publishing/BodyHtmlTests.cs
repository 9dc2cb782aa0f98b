using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.UnitTests.Publishing;

public class BodyHtmlTests
{
    [Theory]
    [InlineData("<p>正文</p>", "<p>正文</p>")]
    [InlineData("<p>一<br>二</p>", "<p>一<br>二</p>")]
    [InlineData("<h2>标题</h2><ul><li><strong>甲</strong></li><li><em>乙</em></li></ul>", "<h2>标题</h2><ul><li><strong>甲</strong></li><li><em>乙</em></li></ul>")]
    [InlineData("<table><tr><td colspan=\"2\">合计</td></tr></table>", "<table><tbody><tr><td colspan=\"2\">合计</td></tr></tbody></table>")]
    public void Whitelisted_structure_is_kept(string html, string expected) => Assert.Equal(expected, BodyHtml.Sanitize(html));

    [Theory]
    [InlineData("<p>前</p><script>alert(1)</script><p>后</p>", "<p>前</p><p>后</p>")]
    [InlineData("<p onclick=\"steal()\" onmouseover=\"x\">正文</p>", "<p>正文</p>")]
    [InlineData("<p style=\"background:url(javascript:x)\" class=\"c\">正文</p>", "<p>正文</p>")]
    [InlineData("<style>p{}</style><p>正文</p>", "<p>正文</p>")]
    [InlineData("<iframe src=\"https://evil.example\">x</iframe><p>正文</p>", "<p>正文</p>")]
    [InlineData("<div><span>包在 div 里的</span>文字</div>", "包在 div 里的文字")]
    [InlineData("<form><input value=\"x\"><button>提交</button></form>", "提交")]
    [InlineData("<svg><script>alert(1)</script></svg><p>正文</p>", "<p>正文</p>")]
    [InlineData("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)")]
    public void Scripts_handlers_styles_and_foreign_tags_are_dropped(string html, string expected) => Assert.Equal(expected, BodyHtml.Sanitize(html));

    [Theory]
    [InlineData("<a href=\"https://www.gov.cn/zhengce\">政策</a>", "<a href=\"https://www.gov.cn/zhengce\">政策</a>")]
    [InlineData("<a href=\"http://www.sc.gov.cn/\">省政府</a>", "<a href=\"http://www.sc.gov.cn/\">省政府</a>")]
    [InlineData("<a href=\"javascript:alert(1)\">点我</a>", "<a>点我</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">点我</a>", "<a>点我</a>")]
    [InlineData("<a href=\"/files/a.pdf\">附件</a>", "<a>附件</a>")]
    [InlineData("<a href=\"data:text/html,x\">点我</a>", "<a>点我</a>")]
    public void Links_go_only_to_http_or_https(string html, string expected) => Assert.Equal(expected, BodyHtml.Sanitize(html));

    [Theory]
    [InlineData("<img src=\"https://www.gov.cn/a.png\" alt=\"图\">", "<img src=\"https://www.gov.cn/a.png\" alt=\"图\">")]
    [InlineData("<img src=\"/images/a.png\">", "<img src=\"/images/a.png\">")]
    [InlineData("<img src=\"http://insecure.example/a.png\">", "<img>")]
    [InlineData("<img src=\"//evil.example/a.png\">", "<img>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "<img src=\"x\">")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\">", "<img>")]
    public void Images_come_only_from_https_or_the_portal_itself(string html, string expected) => Assert.Equal(expected, BodyHtml.Sanitize(html));

    [Fact]
    public void Empty_bodies_stay_empty()
    {
        Assert.Equal("", BodyHtml.Sanitize(null));
        Assert.Equal("", BodyHtml.Sanitize("   "));
    }

    [Fact]
    public void The_text_of_the_body_feeds_the_search_index() =>
        Assert.Equal("第一段 第二段&<", BodyHtml.TextOf("<p>第一段</p><p>第二段&amp;&lt;</p>"));
}
