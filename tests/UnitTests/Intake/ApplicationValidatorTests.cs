using Gongkai.Contracts;
using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

/// <summary>Art. 29: who applies, what is sought, in what form and by what route.</summary>
public class ApplicationValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    private const string IdNumber = "510116198808088889";
    private static readonly string Pdf = Convert.ToBase64String("%PDF-1.4 委托书"u8.ToArray());

    private static readonly ApplicationForm Person = new()
    {
        Channel = Channel.InPerson,
        ApplicantName = "张三",
        IdType = IdDocumentType.ResidentIdCard,
        IdNumber = IdNumber,
        Phone = "13812345678",
        Description = "2025年东升街道老旧小区改造项目资金拨付文件",
        RequestedForm = RequestedForm.Paper,
        DeliveryRoute = DeliveryRoute.PickUp,
    };

    private static ValidationOutcome Validate(ApplicationForm form, RegistrationSource source = RegistrationSource.Staff) =>
        ApplicationValidator.Validate(form, source, Now);

    private static void AssertRejected(ApplicationForm form, string field, RegistrationSource source = RegistrationSource.Staff)
    {
        var outcome = Validate(form, source);
        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Application);
        Assert.True(outcome.Errors.ContainsKey(field), $"expected an error on {field}, got {string.Join(", ", outcome.Errors.Keys)}");
        Assert.All(outcome.Errors[field], m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
    }

    [Fact]
    public void A_complete_natural_person_application_passes_normalised()
    {
        var outcome = Validate(Person with { ApplicantName = " 张三 ", Phone = "+86 138 1234 5678", IdNumber = " 510116198808088889 " });
        Assert.True(outcome.IsValid);
        var a = outcome.Application!;
        Assert.Equal("张三", a.ApplicantName);
        Assert.Equal("13812345678", a.Phone);
        Assert.Equal(IdNumber, a.IdNumber);
        Assert.Equal("NaturalPerson", a.ApplicantCategory);
        Assert.Equal($"ResidentIdCard:{IdNumber}", a.ApplicantIdentity);
        Assert.Equal(new DateOnly(2026, 11, 23), a.Receipt.LegalReceiptDate);
        Assert.Empty(a.Warnings);
    }

    [Fact]
    public void An_organisation_needs_its_category_and_a_valid_credit_code()
    {
        var organisation = Person with
        {
            ApplicantKind = ApplicantKind.Organisation, ApplicantName = "成都某某科技有限公司", IdType = null, IdNumber = null,
            OrganisationCategory = OrganisationCategory.CommercialEnterprise, CreditCode = "91350100M000100Y43", ContactName = "李四",
        };
        var outcome = Validate(organisation);
        Assert.True(outcome.IsValid, string.Join(", ", outcome.Errors.Keys));
        Assert.Equal("CommercialEnterprise", outcome.Application!.ApplicantCategory);
        Assert.Equal("USCC:91350100M000100Y43", outcome.Application.ApplicantIdentity);

        AssertRejected(organisation with { OrganisationCategory = null }, "organisationCategory");
        AssertRejected(organisation with { CreditCode = null }, "creditCode");
        AssertRejected(organisation with { CreditCode = "91350100M000100Y44" }, "creditCode");
    }

    [Fact]
    public void Each_missing_or_wrong_applicant_field_is_named()
    {
        AssertRejected(Person with { ApplicantName = " " }, "applicantName");
        AssertRejected(Person with { IdNumber = null }, "idNumber");
        AssertRejected(Person with { IdNumber = "510116198808088888" }, "idNumber");
        AssertRejected(Person with { IdNumber = "510116202302290011" }, "idNumber");
        AssertRejected(Person with { Phone = "12345" }, "phone");
        AssertRejected(Person with { Phone = null }, "contact");
        AssertRejected(Person with { Email = "not-an-email" }, "email");
        AssertRejected(Person with { PostalCode = "61020" }, "postalCode");
        AssertRejected(Person with { CreditCode = "91350100M000100Y43" }, "creditCode");
    }

    [Fact]
    public void Any_one_contact_is_enough_and_landlines_are_accepted()
    {
        Assert.True(Validate(Person with { Phone = null, Email = "zhang@example.cn" }).IsValid);
        Assert.True(Validate(Person with { Phone = null, Address = "四川省成都市双流区东升街道某路1号" }).IsValid);
        Assert.True(Validate(Person with { Phone = "028-85551234" }).IsValid);
        Assert.True(Validate(Person with { Phone = "(028) 8555 1234" }).IsValid);
    }

    [Fact]
    public void The_description_must_be_specific_enough_and_not_too_long()
    {
        AssertRejected(Person with { Description = null }, "description");
        AssertRejected(Person with { Description = "文件" }, "description");
        AssertRejected(Person with { Description = new string('字', ApplicationValidator.DescriptionMaxLength + 1) }, "description");
    }

    [Theory]
    [InlineData("与老旧小区改造相关的所有文件", new[] { "所有", "相关" })]
    [InlineData("2025年预算、决算等文件", new[] { "等" })]
    [InlineData("全部会议纪要", new[] { "全部" })]
    public void Vague_words_give_a_warning_not_an_error(string description, string[] words)
    {
        var outcome = Validate(Person with { Description = description });
        Assert.True(outcome.IsValid);
        var warning = Assert.Single(outcome.Application!.Warnings);
        Assert.All(words, w => Assert.Contains($"“{w}”", warning));
    }

    [Theory]
    [InlineData("2025年东升街道道路等级划分文件")]
    [InlineData("关于男女平等就业的通知")]
    public void Deng_inside_a_word_is_not_vague(string description) =>
        Assert.Empty(Validate(Person with { Description = description }).Application!.Warnings);

    [Fact]
    public void Form_and_route_are_required_and_must_fit_together()
    {
        AssertRejected(Person with { RequestedForm = null }, "requestedForm");
        AssertRejected(Person with { DeliveryRoute = null }, "deliveryRoute");
        AssertRejected(Person with { RequestedForm = RequestedForm.Inspection, DeliveryRoute = DeliveryRoute.Post }, "deliveryRoute");
        AssertRejected(Person with { RequestedForm = RequestedForm.Email, DeliveryRoute = DeliveryRoute.PickUp }, "deliveryRoute");
        AssertRejected(Person with { DeliveryRoute = DeliveryRoute.Post }, "address");
        AssertRejected(Person with { RequestedForm = RequestedForm.Electronic, DeliveryRoute = DeliveryRoute.Email }, "email");
        Assert.True(Validate(Person with { RequestedForm = RequestedForm.Electronic, DeliveryRoute = DeliveryRoute.Email, Email = "a@b.cn" }).IsValid);
        Assert.True(Validate(Person with { RequestedForm = RequestedForm.Disc, DeliveryRoute = DeliveryRoute.Post, Address = "成都市双流区某路1号" }).IsValid);
    }

    [Fact]
    public void A_proxy_application_needs_the_agent_and_a_power_of_attorney()
    {
        var agent = new AgentForm { Name = "王律师", IdNumber = "11010519491231002X" };
        var power = new AttachmentForm { Kind = AttachmentKind.PowerOfAttorney, FileName = "授权委托书.pdf", ContentType = "application/pdf", ContentBase64 = Pdf };

        var outcome = Validate(Person with { Agent = agent, Attachments = [power] });
        Assert.True(outcome.IsValid, string.Join(", ", outcome.Errors.Keys));
        Assert.Equal("王律师", outcome.Application!.Agent!.Name);

        AssertRejected(Person with { Agent = agent }, "attachments");
        AssertRejected(Person with { Agent = agent with { Name = null }, Attachments = [power] }, "agent.name");
        AssertRejected(Person with { Agent = agent with { IdNumber = "11010519491231002Y" }, Attachments = [power] }, "agent.idNumber");
        AssertRejected(Person with { Agent = agent with { Phone = "888" }, Attachments = [power] }, "agent.phone");
    }

    [Fact]
    public void Each_source_may_set_only_its_own_fields()
    {
        AssertRejected(Person with { Channel = null }, "channel");
        AssertRejected(Person with { Channel = Channel.CityPlatform }, "channel");
        var online = Person with { Channel = null, UnitCode = "510116-dsj" };
        Assert.True(Validate(online, RegistrationSource.PublicForm).IsValid);
        Assert.Equal(Channel.Online, Validate(online, RegistrationSource.PublicForm).Application!.Channel);
        Assert.Null(Validate(online, RegistrationSource.PublicForm).Application!.Receipt.LegalReceiptDate);
        AssertRejected(online with { UnitCode = null }, "unitCode", RegistrationSource.PublicForm);
        AssertRejected(online with { UnitCode = "510116 dsj" }, "unitCode", RegistrationSource.PublicForm);
        AssertRejected(online with { Channel = Channel.InPerson }, "channel", RegistrationSource.PublicForm);
        AssertRejected(online with { ArrivedAt = Now.AddDays(-3) }, "arrivedAt", RegistrationSource.PublicForm);
        AssertRejected(online with { Confirmation = new ReceiptConfirmation { Method = ConfirmationMethod.Phone } }, "confirmation", RegistrationSource.PublicForm);
        Assert.Equal(Channel.CityPlatform, Validate(online, RegistrationSource.CityPlatform).Application!.Channel);
    }

    [Fact]
    public void The_public_form_is_warned_when_no_identity_proof_is_attached() =>
        Assert.Contains(Validate(Person with { Channel = null, UnitCode = "510116-dsj" }, RegistrationSource.PublicForm).Application!.Warnings,
            w => w.Contains("身份证明"));

    [Fact]
    public void Errors_never_echo_personal_data()
    {
        var outcome = Validate(Person with { IdNumber = "510116198808088888", Phone = "13812345" });
        var text = string.Join(" ", outcome.Errors.Values.SelectMany(m => m));
        Assert.DoesNotContain("510116198808088888", text);
        Assert.DoesNotContain("13812345", text);
    }
}
