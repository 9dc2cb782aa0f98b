using System.Globalization;
using System.Text;

namespace Gongkai.Publishing.Domain.Catalogue;

public enum IndexSegmentKind
{
    /// <summary>A literal code of the unit: 组织机构代码 (with or without its hyphen), a region-style code, or the tenant id.</summary>
    UnitCode,
    /// <summary>The unit's 统一社会信用代码 (18 characters, check character verified).</summary>
    CreditCode,
    /// <summary>The 4-digit year of publication.</summary>
    Year,
    /// <summary>The item's top 主题分类 code ("01".."22").</summary>
    SubjectCode,
    /// <summary>The serial within the series, zero-padded to Width.</summary>
    Sequence,
}

/// <summary>One segment of a 索引号 and the separator written after it (empty for the last).</summary>
public sealed record IndexSegment(IndexSegmentKind Kind, string? Value = null, int Width = 0, string Separator = "");

/// <summary>
/// A unit's 索引号 scheme: an ordered list of segments (the SS.GovPublic generator model, brief §1.3). Sequences restart
/// each year, and per 主题分类 when <see cref="RestartPerSubject"/>; <see cref="SeriesKey"/> names the counter a number is
/// drawn from, and a number is unique because every varying part of the series is written into it (hence the rules in
/// <see cref="Problems"/>: one year segment, a subject segment when restarting per subject). An issued number never
/// changes, so a changed scheme only affects numbers issued after the change.
/// </summary>
public sealed record IndexNumberScheme(IReadOnlyList<IndexSegment> Segments, bool RestartPerSubject = false)
{
    public const int MinSequenceWidth = 3;
    public const int MaxSequenceWidth = 8;
    public const int MaxSegments = 8;
    public const int MaxLength = 64;
    private const string AllowedSeparators = "/-_.";

    /// <summary>
    /// The national 2009 form <c>&lt;组织机构代码&gt;/&lt;YYYY&gt;-&lt;5-digit serial&gt;</c> with the given prefix; a unit that has
    /// configured nothing gets its tenant id (its unit code) as the prefix.
    /// </summary>
    public static IndexNumberScheme National(string unitCode) => new(
    [
        new(IndexSegmentKind.UnitCode, unitCode, Separator: "/"),
        new(IndexSegmentKind.Year, Separator: "-"),
        new(IndexSegmentKind.Sequence, Width: 5),
    ]);

    /// <summary>The counter a number of this year and subject is drawn from: the number's text with the serial left out.</summary>
    public string SeriesKey(int year, string subjectCode) => Render(year, subjectCode, sequence: null);

    public string Format(int year, string subjectCode, long sequence)
    {
        if (sequence < 1)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Serials start at 1.");
        return Render(year, subjectCode, sequence);
    }

    private string Render(int year, string subjectCode, long? sequence)
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            text.Append(segment.Kind switch
            {
                IndexSegmentKind.UnitCode or IndexSegmentKind.CreditCode => segment.Value,
                IndexSegmentKind.Year => year.ToString("D4", CultureInfo.InvariantCulture),
                // Without a per-subject restart the subject is part of the number but not of the series.
                IndexSegmentKind.SubjectCode => sequence is null && !RestartPerSubject ? "**" : SubjectClasses.TopOf(subjectCode) ?? "22",
                // A serial that outgrows its width is written in full rather than refused: the number stays unique, and a
                // publication never fails on a counter (99 999 items a year in one unit does not happen in practice).
                IndexSegmentKind.Sequence => sequence is { } n ? n.ToString("D" + segment.Width, CultureInfo.InvariantCulture) : new string('#', segment.Width),
                _ => throw new InvalidOperationException($"Unknown segment {segment.Kind}."),
            });
            text.Append(segment.Separator);
        }
        return text.ToString();
    }

    /// <summary>What is wrong with the scheme, in Chinese, keyed by the request field (segments[i].value …); empty when usable.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
                errors[field] = list = [];
            list.Add(message);
        }

        if (Segments is null || Segments.Count is < 3 or > MaxSegments || Segments.Any(s => s is null))
        {
            Add("segments", $"索引号应由 3 至 {MaxSegments} 段组成（单位代码、年份、顺序号等）。");
            return Flatten(errors);
        }
        if (Segments.Count(s => s.Kind == IndexSegmentKind.Sequence) != 1)
            Add("segments", "索引号必须有且只有一段顺序号。");
        if (Segments.Count(s => s.Kind == IndexSegmentKind.Year) != 1)
            Add("segments", "索引号必须有且只有一段年份（顺序号按年重新编排，没有年份会重号）。");
        if (Segments.Count(s => s.Kind is IndexSegmentKind.UnitCode or IndexSegmentKind.CreditCode) != 1)
            Add("segments", "索引号必须有且只有一段单位代码（组织机构代码、统一社会信用代码或单位编码）。");
        if (Segments.Count(s => s.Kind == IndexSegmentKind.SubjectCode) > 1)
            Add("segments", "主题分类代码只能出现一次。");
        if (RestartPerSubject && Segments.All(s => s.Kind != IndexSegmentKind.SubjectCode))
            Add("restartPerSubject", "按主题分类分别编号时，索引号中必须包含主题分类代码，否则不同分类会重号。");

        for (var i = 0; i < Segments.Count; i++)
        {
            var s = Segments[i];
            var field = $"segments[{i}]";
            if (s.Separator is null || s.Separator.Length > 2 || s.Separator.Any(c => !AllowedSeparators.Contains(c)))
                Add($"{field}.separator", "分隔符最多 2 个字符，只能使用“/”“-”“_”“.”。");
            if (i == Segments.Count - 1 && s.Separator is { Length: > 0 })
                Add($"{field}.separator", "最后一段之后不能再有分隔符。");
            if (s.Kind != IndexSegmentKind.Sequence && s.Width != 0)
                Add($"{field}.width", "只有顺序号一段可以设置位数。");
            if (s.Kind is not (IndexSegmentKind.UnitCode or IndexSegmentKind.CreditCode) && s.Value is not null)
                Add($"{field}.value", "只有单位代码一段需要填写代码值。");
            switch (s.Kind)
            {
                case IndexSegmentKind.Sequence when s.Width is < MinSequenceWidth or > MaxSequenceWidth:
                    Add($"{field}.width", $"顺序号位数应为 {MinSequenceWidth} 至 {MaxSequenceWidth} 位。");
                    break;
                case IndexSegmentKind.UnitCode when !IsUnitCode(s.Value):
                    Add($"{field}.value", "单位代码应为 1 至 32 位字母、数字或“-”，如组织机构代码 000014349 或 0142768-8。");
                    break;
                case IndexSegmentKind.CreditCode when !IsCreditCode(s.Value):
                    Add($"{field}.value", "统一社会信用代码应为 18 位（数字和除 I、O、Z、S、V 以外的大写字母），且校验码正确。");
                    break;
            }
        }
        if (errors.Count == 0 && Format(2026, "22", (long)Math.Pow(10, Segments.Single(s => s.Kind == IndexSegmentKind.Sequence).Width) - 1).Length > MaxLength)
            Add("segments", $"索引号总长度不能超过 {MaxLength} 个字符。");
        return Flatten(errors);
    }

    private static Dictionary<string, string[]> Flatten(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public static bool IsUnitCode(string? value) =>
        value is { Length: >= 1 and <= 32 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && value[0] != '-' && value[^1] != '-';

    private const string CreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>GB 32100-2015: 17 characters of the 31-character set, then a check character (mod 31).</summary>
    public static bool IsCreditCode(string? value)
    {
        if (value is not { Length: 18 } || value.Any(c => !CreditCodeCharacters.Contains(c)))
            return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += CreditCodeCharacters.IndexOf(value[i]) * CreditCodeWeights[i];
        var check = (31 - sum % 31) % 31;
        return value[17] == CreditCodeCharacters[check];
    }
}
