using System.Text.RegularExpressions;

namespace Gongkai.Intake.Domain;

/// <summary>Phone and e-mail formats accepted as an applicant's contact (Art. 29 para 2 item 1).</summary>
public static partial class ContactRules
{
    /// <summary>
    /// Drops spaces, brackets and a +86/0086 prefix, keeping the hyphens of a landline:
    /// "+86 138 1234 5678" → "13812345678", "(028) 8888-6666" → "0288888-6666".
    /// </summary>
    public static string NormalizePhone(string value)
    {
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c) && c is not '(' and not ')' and not '（' and not '）'));
        foreach (var prefix in new[] { "+86-", "+86", "0086" })
            if (compact.StartsWith(prefix, StringComparison.Ordinal) && compact.Length > prefix.Length)
                return compact[prefix.Length..];
        return compact;
    }

    /// <summary>A mainland mobile number (1[3-9] + 9 digits) or a landline with area code and optional extension.</summary>
    public static bool IsValidPhone(string normalized) => Mobile().IsMatch(normalized) || Landline().IsMatch(normalized);

    public static bool IsValidEmail(string value) => value.Length <= 254 && Email().IsMatch(value);

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex("^0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex Email();
}

/// <summary>
/// Masks for responses that show personal data without needing it in full (lists, the application view):
/// enough for staff to recognise a person on the phone, not enough to use the number.
/// </summary>
public static class Masking
{
    public static string IdNumber(string value) =>
        value.Length >= 10 ? MaskMiddle(value, 3, 4) : MaskMiddle(value, 1, 2);

    public static string Phone(string value) =>
        value.Length >= 11 ? MaskMiddle(value, 3, 4) : MaskMiddle(value, 0, 4);

    public static string Email(string value)
    {
        var at = value.IndexOf('@');
        return at <= 0 ? "***" : value[..1] + "***" + value[at..];
    }

    public static string Address(string value) =>
        value.Length > 6 ? value[..6] + "****" : value[..Math.Min(2, value.Length)] + "****";

    private static string MaskMiddle(string value, int keepStart, int keepEnd)
    {
        if (value.Length <= keepStart + keepEnd)
            return new string('*', value.Length);
        return value[..keepStart] + new string('*', value.Length - keepStart - keepEnd) + value[^keepEnd..];
    }
}
