using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using static Gongkai.UnitTests.Document.Poppler;

namespace Gongkai.UnitTests.Document;

/// <summary>Letters drawn natively, read back with poppler (pdftotext, pdffonts, pdfinfo) as a reader's tools would.</summary>
public class PdfLetterTests
{
    // 2×2 opaque red PNG.
    private static readonly byte[] RedPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==");

    private static readonly PdfLetter Renderer = new(Options.Create(new PdfFontOptions()), NullLogger<PdfLetter>.Instance);

    private static Letter Letter(IReadOnlyList<string> paragraphs, byte[]? seal = null) =>
        new("reply.Open", "政府信息公开申请答复书", "成都市双流区人民政府东升街道办事处", "双府公复〔2026〕12号", "张三：", paragraphs, "2026年11月23日", seal);

    [Fact]
    public void A_letter_is_one_A4_page_with_embedded_subset_fonts_and_every_word_extractable()
    {
        var paragraphs = new[]
        {
            "本机关于2026年11月2日收到您提出的政府信息公开申请（案件编号：510116-dsj-2026-00042），您申请获取“2025年度老旧小区改造项目资金使用情况”。",
            "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关同意向您公开。",
        };
        var pdf = Renderer.Render(Letter(paragraphs, RedPng));

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var info = Run("pdfinfo", pdf);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Contains("595.276 x 841.89 pts (A4)", info);
        Assert.Matches(@"Tagged:\s+yes", info);
        var text = Text(pdf);
        foreach (var expected in paragraphs.Append("成都市双流区人民政府东升街道办事处政府信息公开申请答复书双府公复〔2026〕12号张三：").Append("2026年11月23日").Append("—1—"))
            Assert.Contains(Squeeze(expected), text);
        // Real embedded CID TrueType subsets, never Type 3 bitmaps or a font left to the reader's machine.
        var fonts = Fonts(pdf);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line =>
        {
            Assert.Contains("CID TrueType", line);
            Assert.Matches(@"\byes\s+yes\s+yes\b", line);
        });
    }

    [Fact]
    public void The_last_paragraph_moves_to_the_next_page_with_the_signature_rather_than_leave_it_alone()
    {
        // 18 one-line paragraphs fill page 1 but for three lines; the last paragraph and the signature need more.
        var paragraphs = Enumerable.Range(1, 18).Select(i => $"第{i}项：本机关依法予以公开。").Append("最后一段与落款同在一页。").ToList();
        var pdf = Renderer.Render(Letter(paragraphs));

        Assert.Matches(@"Pages:\s+2\b", Run("pdfinfo", pdf));
        var first = Text(pdf, 1);
        var second = Text(pdf, 2);
        Assert.Contains("第18项", first);
        Assert.DoesNotContain("最后一段", first);
        Assert.Contains("最后一段与落款同在一页。", second);
        Assert.Contains("（印章）成都市双流区人民政府东升街道办事处2026年11月23日", second);
        Assert.Contains("—2—", second);
    }

    [Fact]
    public void A_long_paragraph_flows_over_pages()
    {
        var paragraphs = new[] { string.Concat(Enumerable.Repeat("本机关经检索未发现您申请的政府信息。", 120)), "特此告知。" };
        var pdf = Renderer.Render(Letter(paragraphs));

        Assert.Matches(@"Pages:\s+[3-9]\b", Run("pdfinfo", pdf));
        var text = Text(pdf);
        Assert.Contains(Squeeze(paragraphs[0]), System.Text.RegularExpressions.Regex.Replace(text, @"—\d+—", ""));
    }
}
