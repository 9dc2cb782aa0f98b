using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;
using Gongkai.Document.Rendering;

namespace Gongkai.UnitTests.Document;

public class PrintableTextTests
{
    [Theory]
    [InlineData("张\u0001三", "张三")]
    [InlineData("a\u0000b\u001Fc\u007Fd\u0085e\u009Ff", "abcdef")]
    [InlineData("第一行\n\t第二行\r", "第一行\n\t第二行")]
    [InlineData("\u202E公开\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069", "公开")]
    [InlineData("x\uFFFEy\uFFFF", "xy")]
    [InlineData("𠀀 stays, 中文 stays", "𠀀 stays, 中文 stays")]
    public void Control_bidi_and_xml_invalid_characters_are_removed_and_the_rest_is_kept(string input, string expected) =>
        Assert.Equal(expected, PrintableText.Clean(input));

    [Fact]
    public void Unpaired_surrogates_are_removed_and_pairs_kept()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate (metadata stores UTF-8).
        var text = "a" + '\uD800' + "b" + '\uDC00' + "c𠀀";
        Assert.Equal("abc𠀀", PrintableText.Clean(text));
    }

    [Fact]
    public void Clean_text_is_returned_as_it_is() =>
        Assert.Same("成都市双流区人民政府", PrintableText.Clean("成都市双流区人民政府"));

    [Fact]
    public void A_U0001_in_any_particular_or_template_paragraph_is_left_out_and_the_docx_stays_valid()
    {
        var template = TemplateCatalog.Find(DocumentKinds.CorrectionNotice)!;
        var fields = new Dictionary<string, string>
        {
            [DocumentKinds.Fields.CorrectionItems] = "请写明\u0001文件名称",
            [DocumentKinds.Fields.Party] = "某\u0001公司",
            [DocumentKinds.Fields.Reasons] = "理由\u0001",
        };
        var paragraphs = template.Paragraphs.Append("另\u0001附\u202E说明。").ToList();
        var request = new LetterRequest(DocumentKinds.CorrectionNotice, "510116-dsj-2026-00042", "王\u0001小明", new DateOnly(2026, 11, 2), fields, new DateOnly(2026, 11, 23));
        var letter = LetterComposer.Compose(template, "补正告知书\u0001", paragraphs, request,
            new Letterhead("成都市双流区\u0001人民政府", null, 60, 6, null, null, null), "公开告〔2026〕1\u0001号");

        Assert.DoesNotContain(letter.PlainText, c => c is '\u0001' or '\u202E');
        Assert.Equal("王小明：", letter.Addressee);
        Assert.Contains(letter.Paragraphs, p => p.Contains("请写明文件名称"));
        Assert.Contains("另附说明。", letter.Paragraphs);

        using var stream = new MemoryStream(DocxLetter.Render(letter));
        using var document = WordprocessingDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }
}
