using System.Text.RegularExpressions;

namespace Gongkai.Publishing.Domain.Guide;

/// <summary>
/// The contact formats a disclosure guide gives (mainland China): telephone and fax numbers, postcodes, e-mail and web
/// addresses. Lenient about separators people really type (hyphen or none, half- or full-width brackets around the
/// area code), strict about the digits, so a typo does not reach the public page.
/// </summary>
public static partial class ContactFormats
{
    /// <summary>One or more numbers separated by 、，,；; or / (a guide often lists a consultation line and a hotline).</summary>
    public static bool IsPhoneList(string text) => Numbers(text) is { Count: > 0 } numbers && numbers.All(IsPhone);

    /// <summary>Fax numbers are fixed lines.</summary>
    public static bool IsFaxList(string text) => Numbers(text) is { Count: > 0 } numbers && numbers.All(n => FixedLine().IsMatch(n));

    /// <summary>A fixed line with its area code (028-85123456, (028)85123456, extension 转123 or -123), a mobile number,
    /// a 5-digit government service line (12345) or a 400/800 number.</summary>
    public static bool IsPhone(string number) =>
        FixedLine().IsMatch(number) || Mobile().IsMatch(number) || ServiceLine().IsMatch(number) || TollFree().IsMatch(number);

    public static bool IsPostcode(string text) => Postcode().IsMatch(text);

    public static bool IsEmail(string text) => Email().IsMatch(text);

    /// <summary>An absolute http or https address with a host: no javascript:, data:, file: or relative paths on the public page.</summary>
    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host) && !text.Any(char.IsWhiteSpace);

    private static List<string> Numbers(string text) =>
        [.. text.Split(['、', '，', ',', '；', ';', '/'], StringSplitOptions.TrimEntries).Select(n => n.Replace(" ", ""))];

    [GeneratedRegex(@"^(?:0[0-9]{2,3}-?|[(（]0[0-9]{2,3}[)）])[0-9]{7,8}(?:(?:-|转)[0-9]{1,6})?$")]
    private static partial Regex FixedLine();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^1[0-9]{4}$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^[48]00-?[0-9]{3}-?[0-9]{4}$")]
    private static partial Regex TollFree();

    [GeneratedRegex(@"^[0-9]{6}$")]
    private static partial Regex Postcode();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex Email();
}
