using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Document.Domain.Templates;

/// <summary>
/// The wording language of templates, small on purpose so a unit admin can edit it safely:
/// <c>{name}</c> is replaced by a value, <c>{name|fallback}</c> uses the fallback text when the value is empty,
/// and a paragraph starting with <c>?</c> is printed only when every placeholder in it has a value.
/// No other braces are allowed, so a typo is reported instead of printed.
/// </summary>
public static partial class TemplateText
{
    public const char OptionalMarker = '?';

    [GeneratedRegex(@"\{([A-Za-z]+)(?:\|([^{}]*))?\}")]
    private static partial Regex Placeholder();

    /// <summary>Names used in <paramref name="text"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>Renders one paragraph; null when it is optional and a placeholder in it has no value.</summary>
    public static string? Render(string paragraph, IReadOnlyDictionary<string, string?> values)
    {
        var optional = paragraph.StartsWith(OptionalMarker) || paragraph.StartsWith('？');
        var body = optional ? paragraph[1..] : paragraph;
        var missing = false;
        var rendered = Placeholder().Replace(body, m =>
        {
            var value = values.TryGetValue(m.Groups[1].Value, out var v) ? v?.Trim() : null;
            if (!string.IsNullOrEmpty(value))
                return value;
            missing = true;
            return m.Groups[2].Success ? m.Groups[2].Value : "";
        });
        if (optional && missing)
            return null;
        rendered = rendered.Trim();
        return rendered.Length == 0 ? null : rendered;
    }

    /// <summary>Problems of one edited text in Chinese: stray braces and unknown placeholders.</summary>
    public static IReadOnlyList<string> Problems(string text, IReadOnlySet<string> known)
    {
        var problems = new List<string>();
        var withoutPlaceholders = Placeholder().Replace(text, "");
        if (withoutPlaceholders.IndexOfAny(['{', '}']) >= 0)
            problems.Add("花括号只能用于占位符，例如 {applicant} 或 {reasons|默认文字}。");
        foreach (var name in Placeholders(text).Where(n => !known.Contains(n)))
            problems.Add($"未知的占位符 {{{name}}}。");
        return problems;
    }

    /// <summary>Display width in full-width characters: CJK counts 1, ASCII letters and digits half.</summary>
    public static double Width(string text)
    {
        var width = 0.0;
        foreach (var rune in text.EnumerateRunes())
            width += rune.Value < 0x2E80 ? 0.5 : 1.0;
        return width;
    }

    /// <summary>A date as official documents write it: 2026年11月22日.</summary>
    public static string ChineseDate(DateOnly date) => new StringBuilder()
        .Append(date.Year).Append('年').Append(date.Month).Append('月').Append(date.Day).Append('日').ToString();
}
