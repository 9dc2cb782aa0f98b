using Gongkai.Contracts;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Rendering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Gongkai.UnitTests.Document.Poppler;

namespace Gongkai.UnitTests.Document;

/// <summary>Rare characters (生僻字) in names print from a fallback face, not as the body face's empty box.</summary>
public class FontFallbackTests
{
    private const string RareNames = "吉𠮷、刘䶮、王𪚥";

    private static FontCoverage Coverage(string file, int index = 0) => FontCoverage.Read(FontCollection.Extract(File.ReadAllBytes(file), index));

    [Fact]
    public void Coverage_is_read_from_the_fonts_cmap_across_all_planes()
    {
        var body = Coverage(new PdfFontOptions().Body.File);
        Assert.True(body.Covers('堃'));
        Assert.True(body.Covers('A'));
        Assert.False(body.Covers(0x20BB7)); // 𠮷, CJK Extension B
        var extensionB = Coverage(PdfFontOptions.DefaultFallbacks[1].File);
        Assert.True(extensionB.Covers(0x20BB7));
        Assert.True(extensionB.Covers(0x2A6A5)); // 𪚥
        Assert.False(extensionB.Covers(0x10FFFF));
    }

    [Fact]
    public void A_missing_font_file_is_named_when_document_starts()
    {
        Assert.True(new PdfFontFilesExist().Validate(null, new PdfFontOptions()).Succeeded);
        var outdated = new PdfFontOptions { Kai = new FontFace { File = "/usr/share/fonts/truetype/arphic/none.ttc" } };
        var result = new PdfFontFilesExist().Validate(null, outdated);
        Assert.True(result.Failed);
        Assert.Contains("/usr/share/fonts/truetype/arphic/none.ttc", result.FailureMessage);
    }

    [Fact]
    public void A_letter_to_an_applicant_with_a_rare_name_prints_every_character_in_an_embedded_face()
    {
        var letter = new Letter("reply.Open", "政府信息公开申请答复书", "成都市双流区人民政府东升街道办事处", "双府公复〔2026〕12号", $"{RareNames}：",
            ["经审查，本机关同意向您公开。"], "2026年11月23日", null);
        var pdf = new PdfLetter(Options.Create(new PdfFontOptions()), NullLogger<PdfLetter>.Instance).Render(letter);

        // Copied, searched and read aloud as the characters they are (PDFsharp's map for 𠮷 and 𪚥 is mended).
        Assert.Contains(Squeeze(RareNames), Text(pdf));
        Assert.Matches(@"Tagged:\s+yes", Run("pdfinfo", pdf));
        Assert.Contains("吉𠮷、刘䶮、王𪚥", Run("pdfinfo", pdf, "-struct-text"));
        var fonts = Fonts(pdf);
        Assert.Contains(fonts, line => line.Contains("HanaMin"));
        Assert.All(fonts, line => Assert.Matches(@"CID TrueType.*\byes\s+yes\s+yes\b", line));
    }

    [Fact]
    public void A_report_cell_and_heading_with_rare_characters_print_them()
    {
        var layout = new ReportLayout("东升街道2026年政府信息公开工作年度报告", "",
        [
            new ReportBlock(ReportBlockKind.Heading, "一、关于𠮷祥社区"),
            new ReportBlock(ReportBlockKind.Table, "", [[new ReportCell("申请人", IsHeader: true), new ReportCell("𪚥字")], [new ReportCell(RareNames), new ReportCell("1")]]),
        ]);
        var pdf = new PdfReport(Options.Create(new PdfFontOptions())).Render(layout);

        var text = Text(pdf);
        Assert.Contains("一、关于𠮷祥社区", text);
        Assert.Contains("𪚥字", text);
        Assert.Contains(Squeeze(RareNames), text);
    }
}
