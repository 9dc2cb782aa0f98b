using Gongkai.Contracts;
using Gongkai.Document.Domain;
using Gongkai.Document.Domain.Letters;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.UnitTests.Document;

public class WordingTests
{
    private static readonly Letterhead Unit = new("成都市双流区人民政府东升街道办事处", "028-85800000", 60, 6, null, null, null);

    private static Letter Compose(string key, Dictionary<string, string>? fields = null, Letterhead? letterhead = null, string? applicant = "张三")
    {
        var template = TemplateCatalog.Find(key)!;
        var request = new LetterRequest(template.Kind, "510116-dsj-2026-00042", applicant, new DateOnly(2026, 11, 2), fields ?? [], new DateOnly(2026, 11, 23));
        return LetterComposer.Compose(template, template.Title, template.Paragraphs, request, letterhead ?? Unit, "双府公复〔2026〕12号");
    }

    public static TheoryData<string> ReplyKeys() => [.. TemplateCatalog.All.Where(t => t.Kind == DocumentKinds.Reply).Select(t => t.Key)];

    [Theory]
    [MemberData(nameof(ReplyKeys))]
    public void Every_reply_names_the_applicant_the_case_number_the_article_and_the_remedies(string key)
    {
        var letter = Compose(key, new() { [DocumentKinds.Fields.Reasons] = "具体理由" });
        var text = letter.PlainText;
        Assert.Equal("张三：", letter.Addressee);
        Assert.Contains("510116-dsj-2026-00042", text);
        Assert.Contains("2026年11月2日", text);
        Assert.Equal("2026年11月23日", letter.Date);
        Assert.Equal("成都市双流区人民政府东升街道办事处", letter.UnitName);
        if (TemplateCatalog.BasisOf(key) is { } basis)
            Assert.Contains(basis, text);
        if (key != "reply.Withdrawn")
        {
            Assert.Contains("60日内", text);
            Assert.Contains("申请行政复议", text);
            Assert.Contains("6个月内", text);
            Assert.Contains("提起行政诉讼", text);
        }
        Assert.DoesNotContain("{", text);
    }

    [Fact]
    public void Articles_relied_on_are_the_regulation_s_own()
    {
        Assert.Contains("《中华人民共和国政府信息公开条例》第三十六条第（二）项", Compose("reply.Disclose").PlainText);
        Assert.Contains("《中华人民共和国政府信息公开条例》第三十七条", Compose("reply.PartiallyDisclose").PlainText);
        Assert.Contains("第十五条、第三十六条第（三）项", Compose("reply.Withhold.WithheldThirdPartyRights").PlainText);
        Assert.Contains("第十六条第二款", Compose("reply.Withhold.WithheldProcessInformation").PlainText);
        Assert.Contains("第三十六条第（四）项", Compose("reply.NotHeld").PlainText);
        Assert.Contains("国办函〔2020〕109号", Compose("reply.AbandonedNoFee").PlainText);
        Assert.Contains("第三十二条", Compose(DocumentKinds.ThirdPartyLetter).PlainText);
        Assert.Contains("第三十条", Compose(DocumentKinds.CorrectionNotice).PlainText);
    }

    [Fact]
    public void Remedy_periods_and_the_reconsideration_body_come_from_the_unit()
    {
        var text = Compose("reply.Withhold.WithheldStateSecret", letterhead: Unit with { ReconsiderationDays = 90, LitigationMonths = 12, ReconsiderationBody = "成都市双流区人民政府" }).PlainText;
        Assert.Contains("自收到本答复之日起90日内向成都市双流区人民政府依法申请行政复议", text);
        Assert.Contains("自收到本答复之日起12个月内依法向人民法院提起行政诉讼", text);
    }

    [Fact]
    public void A_referral_names_the_responsible_body_and_its_contact_when_known()
    {
        Assert.Contains("负责公开该政府信息的行政机关为双流区住房和城乡建设局（电话028-85811111），您可以向该机关提出申请",
            Compose("reply.NotThisBody", new() { [DocumentKinds.Fields.ReferTo] = "双流区住房和城乡建设局（电话028-85811111）" }).PlainText);
        Assert.Contains("本机关暂无法确定负责公开该政府信息的行政机关", Compose("reply.NotThisBody").PlainText);
    }

    [Fact]
    public void Optional_paragraphs_disappear_and_fallbacks_fill_empty_values()
    {
        var without = Compose("reply.Withhold.WithheldInternalAffairs");
        Assert.DoesNotContain(without.Paragraphs, p => p.StartsWith("具体理由", StringComparison.Ordinal));
        var with = Compose("reply.Withhold.WithheldInternalAffairs", new() { [DocumentKinds.Fields.Reasons] = "系内部考核材料" });
        Assert.Contains("具体理由：系内部考核材料", with.Paragraphs);
        Assert.Contains("现随本答复书向您提供该政府信息", Compose("reply.Disclose").PlainText);
        Assert.DoesNotContain(Compose("reply.Disclose", letterhead: Unit with { Contact = null }).Paragraphs, p => p.StartsWith("联系方式", StringComparison.Ordinal));
    }

    [Fact]
    public void Notices_carry_their_particulars()
    {
        var correction = Compose(DocumentKinds.CorrectionNotice, new()
        {
            [DocumentKinds.Fields.CorrectionItems] = "请写明所需文件的文号", [DocumentKinds.Fields.PeriodWorkingDays] = "15", [DocumentKinds.Fields.Due] = "2026-12-14",
        }).PlainText;
        Assert.Contains("请写明所需文件的文号", correction);
        Assert.Contains("自收到本告知书之日起15个工作日内（即2026年12月14日前）", correction);
        Assert.Contains("视为放弃申请", correction);
        var extension = Compose(DocumentKinds.ExtensionNotice, new() { [DocumentKinds.Fields.ExtensionWorkingDays] = "20", [DocumentKinds.Fields.Due] = "2027-01-20" }).PlainText;
        Assert.Contains("答复期限延长20个工作日（截至2027年1月20日）", extension);
        var fee = Compose(DocumentKinds.FeeNotice, new() { [DocumentKinds.Fields.FeeAmount] = "610", [DocumentKinds.Fields.FeeBasis] = "按量计收" }).PlainText;
        Assert.Contains("应缴金额：人民币610元", fee);
        Assert.Contains("20个工作日内缴纳", fee);
    }

    [Fact]
    public void Letters_to_third_parties_are_addressed_to_them_and_never_name_the_applicant()
    {
        foreach (var kind in new[] { DocumentKinds.ThirdPartyLetter, DocumentKinds.AgencyLetter, DocumentKinds.AssistLetter })
        {
            var letter = Compose(kind, new() { [DocumentKinds.Fields.Party] = "某某房地产开发有限公司" });
            Assert.Equal("某某房地产开发有限公司：", letter.Addressee);
            Assert.DoesNotContain("张三", letter.PlainText);
        }
        Assert.Equal("有关单位：", Compose(DocumentKinds.AssistLetter).Addressee);
    }

    [Fact]
    public void A_receipt_without_an_applicant_name_is_addressed_to_the_applicant() =>
        Assert.Equal("申请人：", Compose(DocumentKinds.Receipt, applicant: null).Addressee);

    [Fact]
    public void Template_language_reports_stray_braces_and_unknown_placeholders()
    {
        Assert.Empty(TemplateText.Problems("根据{basis}的规定，{reasons|默认}。", Placeholders.All));
        Assert.Contains(TemplateText.Problems("根据{basis的规定", Placeholders.All), p => p.Contains("花括号"));
        Assert.Contains(TemplateText.Problems("{applicantPhone}", Placeholders.All), p => p.Contains("{applicantPhone}"));
    }

    [Fact]
    public void Edited_wording_must_keep_the_article_the_remedies_and_the_case_number()
    {
        var template = TemplateCatalog.Find("reply.Disclose")!;
        Assert.Equal(["basis", "remedies", "caseNumber"], template.Required);
        Assert.Empty(SettingsRules.TemplateProblems(template, template.Title, template.Paragraphs));
        var withoutRemedies = template.Paragraphs.Where(p => !p.Contains("{remedies}")).ToList();
        Assert.Contains(SettingsRules.TemplateProblems(template, template.Title, withoutRemedies)["paragraphs"], m => m.Contains("{remedies}"));
        var optionalBasis = template.Paragraphs.Select(p => p.Contains("{basis}") ? "?" + p : p).ToList();
        Assert.Contains(SettingsRules.TemplateProblems(template, template.Title, optionalBasis)["paragraphs"], m => m.Contains("{basis}"));
        Assert.True(SettingsRules.TemplateProblems(template, "", template.Paragraphs).ContainsKey("title"));
        Assert.True(SettingsRules.TemplateProblems(template, template.Title, ["根据{basis}的规定{"]).ContainsKey("paragraphs[0]"));
        // Practice-based replies rest on no article, so nothing forces one in.
        Assert.DoesNotContain("basis", TemplateCatalog.Find("reply.ConfirmOrReissue")!.Required);
        Assert.DoesNotContain("remedies", TemplateCatalog.Find("reply.Withdrawn")!.Required);
    }

    [Fact]
    public void Settings_are_validated_with_chinese_messages()
    {
        Assert.Empty(SettingsRules.Problems(new SettingsRequest("成都市双流区人民政府东升街道办事处", null, 60, 6, null, null,
            new() { ["reply"] = "双东府公复〔{year}〕{seq}号", ["receipt"] = "" })));
        var errors = SettingsRules.Problems(new SettingsRequest("东", null, 30, 3, null, null, new() { ["reply"] = "公复〔{year}〕号", ["memo"] = "{seq}" }));
        Assert.Equal(["litigationMonths", "numberPatterns.memo", "numberPatterns.reply", "reconsiderationDays", "unitFullName"], errors.Keys.Order());
        Assert.Contains("六十日", errors["reconsiderationDays"][0]);
        Assert.Null(SettingsRules.SealProblem(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")));
        Assert.Contains("已损坏", SettingsRules.SealProblem([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[40]]));
        Assert.Contains("PNG", SettingsRules.SealProblem("GIF89a-not-a-png-at-all-but-long-enough-to-pass"u8.ToArray()));
    }
}
