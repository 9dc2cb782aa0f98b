using System.Text.RegularExpressions;
using Gongkai.Publishing.Domain.Catalogue;

namespace Gongkai.Publishing.Domain.Standard;

public enum DeadlineKind
{
    /// <summary>The text names a number of working days ("信息形成或者变更之日起20个工作日内").</summary>
    WorkingDays,

    /// <summary>"及时公开", "实时公开": no number; checked against the unit's threshold for prompt publication.</summary>
    Promptly,

    /// <summary>Neither ("常态公开", "7日内" in calendar days): Art. 26's period of the unit applies, the law's outer bound.</summary>
    Unstated,
}

/// <summary>
/// The machine-readable part of a 公开时限 text (brief §1.5, Derived): the text stays what the catalogue says, this is
/// what the platform checks timeliness with. A display duration ("公告期限为5个工作日", "公示期不少于7个工作日") says
/// how long a notice stays up, not how soon it must go up, so a clause naming one is skipped.
/// </summary>
public sealed record ObligationDeadline(DeadlineKind Kind, int? WorkingDays)
{
    /// <summary>The default threshold for "及时公开" when the unit has set none (UNSURE in the brief: configurable per unit).</summary>
    public const int DefaultPromptWorkingDays = 5;

    public static ObligationDeadline Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new(DeadlineKind.Unstated, null);
        var prompt = false;
        foreach (var clause in DeadlinePatterns.ClauseSeparators().Split(text.Normalize(System.Text.NormalizationForm.FormKC)))
        {
            if (DeadlinePatterns.DisplayDuration().IsMatch(clause))
                continue;
            if (DeadlinePatterns.WorkingDayCount().Match(clause) is { Success: true } match && Number(match.Groups["n"].Value) is { } days)
                return new(DeadlineKind.WorkingDays, days);
            prompt |= clause.Contains("及时") || clause.Contains("实时") || clause.Contains("即时");
        }
        return new(prompt ? DeadlineKind.Promptly : DeadlineKind.Unstated, null);
    }

    /// <summary>The working days an item of this obligation has, given the unit's threshold for prompt publication and its Art. 26 period.</summary>
    public int EffectiveWorkingDays(int promptWorkingDays, int statutoryWorkingDays) => Kind switch
    {
        DeadlineKind.WorkingDays => WorkingDays!.Value,
        DeadlineKind.Promptly => promptWorkingDays,
        _ => statutoryWorkingDays,
    };

    public static string ChineseName(DeadlineKind kind) => kind switch
    {
        DeadlineKind.WorkingDays => "按工作日计",
        DeadlineKind.Promptly => "及时公开（按本单位设定的工作日数检查）",
        DeadlineKind.Unstated => "未写明（按条例第二十六条的期限检查）",
        _ => kind.ToString(),
    };

    /// <summary>Arabic digits (FormKC made full-width ones ASCII) or a Chinese numeral up to 九十九 (二十, 十五, 两).</summary>
    private static int? Number(string text)
    {
        if (int.TryParse(text, out var n))
            return n;
        static int Digit(char c) => "零一二三四五六七八九".IndexOf(c) is >= 0 and var d ? d : c == '两' ? 2 : -1;
        var ten = text.IndexOf('十');
        if (ten < 0)
            return text.Length == 1 && Digit(text[0]) is >= 0 and var single ? single : null;
        var tens = ten == 0 ? 1 : ten == 1 && Digit(text[0]) > 0 ? Digit(text[0]) : -1;
        var units = ten == text.Length - 1 ? 0 : ten == text.Length - 2 ? Digit(text[^1]) : -1;
        return tens < 0 || units < 0 ? null : tens * 10 + units;
    }
}

internal static partial class DeadlinePatterns
{
    [GeneratedRegex("[，,；;。]")]
    internal static partial Regex ClauseSeparators();

    [GeneratedRegex("(公告|公示)(期|时间|期限)|不少于")]
    internal static partial Regex DisplayDuration();

    [GeneratedRegex(@"(?<n>\d{1,3}|[零一二三四五六七八九十两]{1,3})\s*个?\s*工作日")]
    internal static partial Regex WorkingDayCount();
}
