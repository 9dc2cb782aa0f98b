using System.Globalization;
using System.Text.RegularExpressions;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.Document.Domain.Numbering;

/// <summary>
/// A unit's document-number pattern, e.g. <c>双府公复〔{year}〕{seq}号</c>: {year} is the issue year, {seq} the
/// sequence (or {seq:3} zero-padded to 3 digits). Sequences are kept per unit, pattern and year, so changing
/// the pattern starts a new gapless series and two families sharing a pattern share one series (no duplicates).
/// </summary>
public static partial class DocumentNumberPattern
{
    public const int MaxLength = 60;

    [GeneratedRegex(@"\{(year|seq)(?::([1-9]))?\}")]
    private static partial Regex Token();

    /// <summary>The built-in patterns, used until a unit sets its own.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        [NumberFamilies.Receipt] = "公开收〔{year}〕{seq}号",
        [NumberFamilies.Notice] = "公开告〔{year}〕{seq}号",
        [NumberFamilies.Letter] = "公开函〔{year}〕{seq}号",
        [NumberFamilies.Reply] = "公开复〔{year}〕{seq}号",
    };

    public static string Format(string pattern, int year, int sequence)
    {
        if (sequence < 1)
            throw new ArgumentOutOfRangeException(nameof(sequence), "Sequences start at 1.");
        return Token().Replace(pattern, m => m.Groups[1].Value == "year"
            ? year.ToString(CultureInfo.InvariantCulture)
            : sequence.ToString(m.Groups[2].Success ? "D" + m.Groups[2].Value : "D", CultureInfo.InvariantCulture));
    }

    /// <summary>Why a pattern cannot be used, in Chinese; empty if it can. An empty pattern means "not numbered".</summary>
    public static IReadOnlyList<string> Problems(string pattern)
    {
        var problems = new List<string>();
        if (pattern.Length == 0)
            return problems;
        if (pattern.Length > MaxLength)
            problems.Add($"文号格式不能超过 {MaxLength} 个字符。");
        var tokens = Token().Matches(pattern);
        var sequences = tokens.Count(t => t.Groups[1].Value == "seq");
        if (sequences != 1)
            problems.Add("文号格式必须含且只含一个序号占位符 {seq}（可写作 {seq:3} 表示补足 3 位）。");
        if (tokens.Count(t => t.Groups[1].Value == "year") > 1)
            problems.Add("年份占位符 {year} 最多出现一次。");
        if (tokens.Any(t => t.Groups[1].Value == "year" && t.Groups[2].Success))
            problems.Add("年份占位符 {year} 不能指定位数。");
        var rest = Token().Replace(pattern, "");
        if (rest.IndexOfAny(['{', '}']) >= 0)
            problems.Add("文号格式只能使用 {year} 和 {seq} 两个占位符。");
        if (rest.Any(char.IsControl))
            problems.Add("文号格式不能含有控制字符。");
        return problems;
    }
}
