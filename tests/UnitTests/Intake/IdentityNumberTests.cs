using Gongkai.Intake.Domain;

namespace Gongkai.UnitTests.Intake;

public class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("11010519491231002X")] // the GB 11643 example, check character X
    [InlineData("110105202402290011")] // born on a leap day
    [InlineData("510116198808088889")]
    public void Valid_resident_id_numbers_pass(string number) =>
        Assert.Equal(IdNumberProblem.None, ResidentIdNumber.Check(number, Today));

    [Theory]
    [InlineData("110105194912310021")] // X expected
    [InlineData("510116198808088888")] // 9 expected
    public void A_wrong_check_digit_is_caught(string number) =>
        Assert.Equal(IdNumberProblem.WrongCheckDigit, ResidentIdNumber.Check(number, Today));

    [Theory]
    [InlineData("110105202302290011")] // 2023 has no 29 February
    [InlineData("110105199913320011")] // month 13
    [InlineData("110105199904310011")] // 31 April
    [InlineData("110105180001010011")] // before 1900
    public void An_impossible_birth_date_is_caught_before_the_check_digit(string number) =>
        Assert.Equal(IdNumberProblem.ImpossibleBirthDate, ResidentIdNumber.Check(number, Today));

    [Fact]
    public void A_birth_date_after_today_is_caught()
    {
        var first17 = "11010520261231001";
        Assert.Equal(IdNumberProblem.FutureBirthDate, ResidentIdNumber.Check(first17 + ResidentIdNumber.CheckCharacter(first17), Today));
    }

    [Theory]
    [InlineData("11010519491231002", IdNumberProblem.WrongLength)]
    [InlineData("110105194912310", IdNumberProblem.WrongLength)] // the first-generation 15-digit number is no longer valid
    [InlineData("1101051949123100AX", IdNumberProblem.WrongCharacters)]
    [InlineData("99010519491231002X", IdNumberProblem.UnknownRegion)]
    public void Malformed_numbers_say_what_is_wrong(string number, IdNumberProblem expected) =>
        Assert.Equal(expected, ResidentIdNumber.Check(number, Today));

    [Fact]
    public void A_residence_permit_uses_the_same_check_digit_with_the_81_82_83_regions()
    {
        var first17 = "81000019900101001";
        var permit = first17 + ResidentIdNumber.CheckCharacter(first17);
        Assert.Equal(IdNumberProblem.None, ResidentIdNumber.Check(permit, Today, residencePermit: true));
        Assert.Equal(IdNumberProblem.UnknownRegion, ResidentIdNumber.Check(permit, Today));
        Assert.Equal(IdNumberProblem.UnknownRegion, ResidentIdNumber.Check("11010519491231002X", Today, residencePermit: true));
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("12510116MB1234567N")]
    public void Valid_credit_codes_pass(string code) => Assert.Equal(CreditCodeProblem.None, CreditCode.Check(code));

    [Theory]
    [InlineData("91350100M000100Y44", CreditCodeProblem.WrongCheckDigit)]
    [InlineData("12510116MB12345670", CreditCodeProblem.WrongCheckDigit)]
    [InlineData("91350100M000100Y4", CreditCodeProblem.WrongLength)]
    [InlineData("91350100I000100Y43", CreditCodeProblem.WrongCharacters)] // I, O, Z, S, V are not used
    [InlineData("91350100m000100Y43", CreditCodeProblem.WrongCharacters)]
    public void Wrong_credit_codes_are_caught(string code, CreditCodeProblem expected) => Assert.Equal(expected, CreditCode.Check(code));

    [Theory]
    [InlineData(IdDocumentType.Passport, "E12345678", true)]
    [InlineData(IdDocumentType.Passport, "E1", false)]
    [InlineData(IdDocumentType.HkMacaoPermit, "H12345678", true)]
    [InlineData(IdDocumentType.HkMacaoPermit, "X12345678", false)]
    [InlineData(IdDocumentType.TaiwanPermit, "12345678", true)]
    [InlineData(IdDocumentType.TaiwanPermit, "1234567", false)]
    [InlineData(IdDocumentType.ForeignPermanentResidentId, "USA110090010101", true)]
    [InlineData(IdDocumentType.ForeignPermanentResidentId, "US110090010101", false)]
    [InlineData(IdDocumentType.Other, "军官证-12345", true)]
    [InlineData(IdDocumentType.Other, "X", false)]
    public void Other_documents_get_shape_checks(IdDocumentType type, string number, bool valid) =>
        Assert.Equal(valid, IdentityDocuments.Problem(type, IdentityDocuments.Normalize(number), Today) is null);

    [Fact]
    public void Messages_name_the_problem_and_never_echo_the_number()
    {
        var message = IdentityDocuments.Problem(IdDocumentType.ResidentIdCard, "510116198808088888", Today)!;
        Assert.Contains("校验位", message);
        Assert.DoesNotContain("510116", message);
    }

    [Fact]
    public void Normalising_upper_cases_and_drops_spaces() =>
        Assert.Equal("11010519491231002X", IdentityDocuments.Normalize(" 110105 19491231 002x "));
}
