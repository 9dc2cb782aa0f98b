using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Rendering;

namespace Gongkai.UnitTests.Document;

public class DocxRenderingTests
{
    // 1×1 transparent PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static Letter Letter(byte[]? seal) => LetterComposer.Compose(TemplateCatalog.Find("reply.NotHeld")!, "政府信息公开申请答复书",
        TemplateCatalog.Find("reply.NotHeld")!.Paragraphs,
        new LetterRequest("reply", "510116-dsj-2026-00042", "张三", new DateOnly(2026, 11, 2), new Dictionary<string, string>(), new DateOnly(2026, 11, 23)),
        new Letterhead("成都市双流区人民政府东升街道办事处", null, 60, 6, null, null, seal), "双府公复〔2026〕12号");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Docx_is_valid_open_xml_and_says_what_the_letter_says(bool withSeal)
    {
        var letter = Letter(withSeal ? Png : null);
        using var stream = new MemoryStream(DocxLetter.Render(letter));
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["成都市双流区人民政府东升街道办事处", "政府信息公开申请答复书", "双府公复〔2026〕12号", "张三："], paragraphs.Take(4));
        foreach (var paragraph in letter.Paragraphs)
            Assert.Contains(paragraph, paragraphs);
        Assert.Equal("2026年11月23日", paragraphs[^1]);
        Assert.Equal(withSeal, document.MainDocumentPart.ImageParts.Any());
        Assert.Equal(!withSeal, paragraphs.Contains("（印章）"));
    }
}
