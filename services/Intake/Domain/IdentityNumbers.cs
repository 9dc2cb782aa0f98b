using System.Globalization;
using System.Text.RegularExpressions;

namespace Gongkai.Intake.Domain;

public enum IdNumberProblem
{
    None,
    WrongLength,
    WrongCharacters,
    UnknownRegion,
    ImpossibleBirthDate,
    FutureBirthDate,
    WrongCheckDigit,
}

/// <summary>
/// The 18-character citizen identification number (GB 11643-1999): 6-digit region, 8-digit birth date,
/// 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// </summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // Provincial-level codes that issue mainland resident ID cards (GB/T 2260).
    private static readonly HashSet<string> MainlandProvinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    ];

    // 港澳台居民居住证 use the pseudo-regions 810000 (Hong Kong), 820000 (Macao) and 830000 (Taiwan).
    private static readonly HashSet<string> ResidencePermitRegions = ["810000", "820000", "830000"];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Checks a mainland resident ID number (or, with <paramref name="residencePermit"/>, a Hong Kong/Macao/Taiwan residence permit).</summary>
    public static IdNumberProblem Check(string value, DateOnly today, bool residencePermit = false)
    {
        if (value.Length != 18)
            return IdNumberProblem.WrongLength;
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(value[i]))
                return IdNumberProblem.WrongCharacters;
        if (!char.IsAsciiDigit(value[17]) && value[17] != 'X')
            return IdNumberProblem.WrongCharacters;
        var regionKnown = residencePermit ? ResidencePermitRegions.Contains(value[..6]) : MainlandProvinces.Contains(value[..2]);
        if (!regionKnown)
            return IdNumberProblem.UnknownRegion;
        if (BirthDate(value) is not { } birth || birth.Year < 1900)
            return IdNumberProblem.ImpossibleBirthDate;
        if (birth > today)
            return IdNumberProblem.FutureBirthDate;
        return CheckCharacter(value) == value[17] ? IdNumberProblem.None : IdNumberProblem.WrongCheckDigit;
    }

    public static DateOnly? BirthDate(string value) =>
        value.Length == 18 && DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}

public enum CreditCodeProblem
{
    None,
    WrongLength,
    WrongCharacters,
    WrongCheckDigit,
}

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and 21 capital
/// letters (no I, O, Z, S, V), the last one a MOD 31 check character over the first 17.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31];
    }

    public static CreditCodeProblem Check(string value)
    {
        if (value.Length != 18)
            return CreditCodeProblem.WrongLength;
        if (value.Any(c => !Alphabet.Contains(c)))
            return CreditCodeProblem.WrongCharacters;
        return CheckCharacter(value) == value[17] ? CreditCodeProblem.None : CreditCodeProblem.WrongCheckDigit;
    }
}

/// <summary>The identity document checks of Art. 29: the resident ID fully, other documents by their shape.</summary>
public static partial class IdentityDocuments
{
    /// <summary>Upper-cases and drops spaces, so "11010519491231002x " and "11010519491231002X" are one person.</summary>
    public static string Normalize(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>A Chinese message naming what is wrong (never echoing the number), or null when the number is acceptable.</summary>
    public static string? Problem(IdDocumentType type, string normalized, DateOnly today)
    {
        switch (type)
        {
            case IdDocumentType.ResidentIdCard:
            case IdDocumentType.ResidencePermitHkMoTw:
                var name = type == IdDocumentType.ResidentIdCard ? "居民身份证号码" : "港澳台居民居住证号码";
                return ResidentIdNumber.Check(normalized, today, residencePermit: type == IdDocumentType.ResidencePermitHkMoTw) switch
                {
                    IdNumberProblem.None => null,
                    IdNumberProblem.WrongLength => $"{name}应为 18 位。",
                    IdNumberProblem.WrongCharacters => $"{name}只能由数字组成，最后一位可以是 X。",
                    IdNumberProblem.UnknownRegion => $"{name}的地区码不正确。",
                    IdNumberProblem.ImpossibleBirthDate => $"{name}中的出生日期不存在。",
                    IdNumberProblem.FutureBirthDate => $"{name}中的出生日期晚于今天。",
                    _ => $"{name}校验位不正确，请核对。",
                };
            case IdDocumentType.Passport:
                return PassportShape().IsMatch(normalized) ? null : "护照号码应为 5 至 20 位字母或数字。";
            case IdDocumentType.HkMacaoPermit:
                return HkMacaoPermitShape().IsMatch(normalized) ? null : "港澳居民来往内地通行证号码应为 H 或 M 加 8 位或 10 位数字。";
            case IdDocumentType.TaiwanPermit:
                return TaiwanPermitShape().IsMatch(normalized) ? null : "台湾居民来往大陆通行证号码应为 8 位或 10 位数字。";
            case IdDocumentType.ForeignPermanentResidentId:
                return ForeignPermanentResidentShape().IsMatch(normalized) ? null : "外国人永久居留身份证号码格式不正确（3 位字母加 12 位数字，或以 9 开头的 18 位号码）。";
            default:
                return normalized.Length is >= 4 and <= 30 && normalized.All(c => c > ' ' && c != 0x7F)
                    ? null
                    : "证件号码应为 4 至 30 个字符。";
        }
    }

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex PassportShape();

    [GeneratedRegex("^[HM][0-9]{8}([0-9]{2})?$")]
    private static partial Regex HkMacaoPermitShape();

    [GeneratedRegex("^[0-9]{8}([0-9]{2})?$")]
    private static partial Regex TaiwanPermitShape();

    [GeneratedRegex("^([A-Z]{3}[0-9]{12}|9[0-9]{16}[0-9X])$")]
    private static partial Regex ForeignPermanentResidentShape();
}
