using Gongkai.Document.Domain.Numbering;
using Gongkai.Document.Domain.Templates;

namespace Gongkai.Document.Domain;

/// <summary>What a unit admin sends to change the document settings; a missing value means the built-in default.</summary>
public sealed record SettingsRequest(
    string? UnitFullName,
    string? Contact,
    int? ReconsiderationDays,
    int? LitigationMonths,
    string? ReconsiderationBody,
    string? PaymentMethod,
    Dictionary<string, string?>? NumberPatterns,
    int? Revision = null);

/// <summary>Validation of settings and of edited template wording, with field messages in Chinese.</summary>
public static class SettingsRules
{
    public const int MaxSealBytes = 512 * 1024;

    public static Dictionary<string, string[]> Problems(SettingsRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
                errors[field] = list = [];
            list.Add(message);
        }

        if (request.UnitFullName is { } name && (name.Trim().Length is < 2 or > 100 || name.Any(char.IsControl)))
            Add("unitFullName", "单位全称应为 2 至 100 个字，且不能含有换行等控制字符。");
        if (request.Contact is { Length: > 200 })
            Add("contact", "联系方式不能超过 200 个字。");
        if (request.ReconsiderationDays is { } days && days is < 60 or > 365)
            Add("reconsiderationDays", "行政复议申请期限应为 60 至 365 日（行政复议法规定不少于六十日）。");
        if (request.LitigationMonths is { } months && months is < 6 or > 24)
            Add("litigationMonths", "行政诉讼起诉期限应为 6 至 24 个月（行政诉讼法规定为六个月，法律另有规定的除外）。");
        if (request.ReconsiderationBody is { } body && (body.Trim().Length > 100 || body.Any(char.IsControl)))
            Add("reconsiderationBody", "行政复议机关名称不能超过 100 个字。");
        if (request.PaymentMethod is { Length: > 300 })
            Add("paymentMethod", "缴费方式不能超过 300 个字。");
        foreach (var (family, pattern) in request.NumberPatterns ?? [])
        {
            if (!NumberFamilies.All.Contains(family))
            {
                Add($"numberPatterns.{family}", $"没有名为“{family}”的文书类别，可用：{string.Join("、", NumberFamilies.All.Select(f => $"{f}（{NumberFamilies.ChineseName(f)}）"))}。");
                continue;
            }
            foreach (var problem in DocumentNumberPattern.Problems(pattern ?? ""))
                Add($"numberPatterns.{family}", problem);
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public const int MaxSealSide = 2000;

    /// <summary>The seal must be a small PNG that really decodes: a renamed file or a PNG signature before junk is refused.</summary>
    public static string? SealProblem(byte[] png)
    {
        if (png.Length == 0)
            return "请上传印章图片（PNG 格式）。";
        if (png.Length > MaxSealBytes)
            return $"印章图片不能超过 {MaxSealBytes / 1024} KB。";
        if (!PngImage.HasSignature(png))
            return "印章图片必须是 PNG 格式（建议透明背景）。";
        return PngImage.Problem(png, MaxSealSide) switch
        {
            null => null,
            PngProblem.TooLarge => $"印章图片的宽和高不能超过 {MaxSealSide} 像素。",
            _ => "印章图片已损坏或不完整，无法识别为 PNG 图像，请重新导出后上传。",
        };
    }

    /// <summary>Problems of an edited wording of <paramref name="template"/>, keyed by field.</summary>
    public static Dictionary<string, string[]> TemplateProblems(LetterTemplate template, string? title, IReadOnlyList<string>? paragraphs)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 50 || title.Any(char.IsControl))
            errors["title"] = ["标题应为 1 至 50 个字，且不能换行。"];
        else if (TemplateText.Problems(title, new HashSet<string>()) is { Count: > 0 })
            errors["title"] = ["标题中不能使用占位符或花括号。"];
        if (paragraphs is null || paragraphs.Count is 0 or > 30 || paragraphs.All(string.IsNullOrWhiteSpace))
        {
            errors["paragraphs"] = ["正文应有 1 至 30 段。"];
            return errors;
        }
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var problems = new List<string>();
            if (paragraphs[i].Length > 1000)
                problems.Add("每段不能超过 1000 个字。");
            if (paragraphs[i].Contains('\n') || paragraphs[i].Contains('\r'))
                problems.Add("段落中不能换行，请分成两段。");
            problems.AddRange(TemplateText.Problems(paragraphs[i], Placeholders.All));
            if (problems.Count > 0)
                errors[$"paragraphs[{i}]"] = [.. problems];
        }
        var kept = paragraphs.Where(p => !p.StartsWith(TemplateText.OptionalMarker) && !p.StartsWith('？')).SelectMany(TemplateText.Placeholders).ToHashSet();
        var missing = template.Required.Where(r => !kept.Contains(r)).ToList();
        if (missing.Count > 0)
            errors["paragraphs"] = [.. missing.Select(m => $"正文必须保留占位符 {{{m}}}（{Placeholders.Meanings[m]}），且不能放在以“?”开头的可省略段落中。")];
        return errors;
    }
}
