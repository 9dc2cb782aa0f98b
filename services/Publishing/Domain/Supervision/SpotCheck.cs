using Gongkai.BuildingBlocks.Tenancy;

namespace Gongkai.Publishing.Domain.Supervision;

public enum SpotCheckItemState
{
    Drawn,
    Compliant,
    ProblemsFound,
    Rectified,
}

/// <summary>One checklist question and the reviewer's answer.</summary>
public sealed record ChecklistAnswer(string Question, bool Passed, string? Note);

/// <summary>A district's draw (抽查) of closed cases for a period: how many per unit, who drew it, and from what.</summary>
public sealed class SpotCheck : ITenantOwned
{
    public const int MaxPerUnit = 20;

    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public string Period { get; init; } = "";
    public string PeriodLabel { get; init; } = "";
    public int PerUnit { get; init; }
    public List<string> Units { get; init; } = [];
    public int Drawn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";

    /// <summary>
    /// A uniform random sample of at most <paramref name="perUnit"/> of <paramref name="closed"/> (partial Fisher–Yates):
    /// every closed case of the unit is equally likely, and the unit cannot predict which.
    /// </summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> closed, int perUnit, Random random)
    {
        var pool = closed.ToArray();
        var take = Math.Min(perUnit, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..take];
    }
}

/// <summary>
/// One sampled case, kept in the checked unit's rows: the district's reviewer answers the checklist and records findings;
/// where problems were found the unit records its rectification (整改). Findings feed the period's 通报.
/// </summary>
public sealed class SpotCheckItem : ITenantOwned
{
    public const int MaxTextLength = 2000;

    public Guid Id { get; init; }
    public string TenantId { get; set; } = "";
    public Guid SpotCheckId { get; init; }
    public string DistrictCode { get; init; } = "";
    public string Period { get; init; } = "";
    public Guid CaseId { get; init; }
    public string CaseNumber { get; init; } = "";
    public DateOnly? ClosedOn { get; init; }
    public SpotCheckItemState State { get; private set; }
    public List<ChecklistAnswer> Answers { get; private set; } = [];
    public string? Findings { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? Rectification { get; private set; }
    public DateTimeOffset? RectifiedAt { get; private set; }
    public string? RectifiedBy { get; private set; }

    public bool HasProblems => State is SpotCheckItemState.ProblemsFound or SpotCheckItemState.Rectified;

    /// <summary>Records (or corrects, until the unit rectified) the review: any failed question means problems were found.</summary>
    public string? Review(IReadOnlyList<ChecklistAnswer> answers, string? findings, DateTimeOffset at, string actor)
    {
        if (State == SpotCheckItemState.Rectified)
            return "该案件已整改，不能再修改抽查结论。";
        var problems = answers.Any(a => !a.Passed);
        if (problems && string.IsNullOrWhiteSpace(findings))
            return "发现问题的，请填写问题描述，便于单位整改。";
        Answers = [.. answers];
        Findings = string.IsNullOrWhiteSpace(findings) ? null : findings.Trim();
        State = problems ? SpotCheckItemState.ProblemsFound : SpotCheckItemState.Compliant;
        ReviewedAt = at;
        ReviewedBy = actor;
        return null;
    }

    public string? Rectify(string rectification, DateTimeOffset at, string actor)
    {
        if (State != SpotCheckItemState.ProblemsFound)
            return State == SpotCheckItemState.Rectified ? "已记录整改情况。" : "只有抽查发现问题的案件需要整改。";
        Rectification = rectification.Trim();
        State = SpotCheckItemState.Rectified;
        RectifiedAt = at;
        RectifiedBy = actor;
        return null;
    }

    public static string Label(SpotCheckItemState s) => s switch
    {
        SpotCheckItemState.Drawn => "待检查",
        SpotCheckItemState.Compliant => "规范",
        SpotCheckItemState.ProblemsFound => "发现问题，待整改",
        SpotCheckItemState.Rectified => "已整改",
        _ => s.ToString(),
    };
}
