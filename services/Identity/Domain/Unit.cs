namespace Gongkai.Identity.Domain;

public enum UnitKind
{
    /// <summary>The platform operator's own unit (platform admins).</summary>
    Platform,
    City,
    District,
    Department,
    Township,
}

/// <summary>A government unit: one tenant. Units form a tree: city → district → departments and townships/streets.</summary>
public sealed class Unit
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public UnitKind Kind { get; init; }
    public string? ParentCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Platform => "平台",
        UnitKind.City => "市",
        UnitKind.District => "区",
        UnitKind.Department => "区级部门",
        UnitKind.Township => "镇（街道）",
        _ => kind.ToString(),
    };
}

/// <summary>The rules of the unit tree: who may hang under whom, and what a unit's subtree is.</summary>
public sealed class UnitTree(IReadOnlyCollection<Unit> units)
{
    private readonly ILookup<string?, Unit> _children = units.ToLookup(u => u.ParentCode);
    private readonly Dictionary<string, Unit> _byCode = units.ToDictionary(u => u.Code);

    public Unit? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Every unit below <paramref name="code"/> (not the unit itself), depth first.</summary>
    public IReadOnlyList<Unit> Descendants(string code)
    {
        var result = new List<Unit>();
        var stack = new Stack<Unit>(_children[code].Reverse());
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            result.Add(unit);
            foreach (var child in _children[unit.Code].Reverse())
                stack.Push(child);
        }
        return result;
    }

    public bool IsInSubtree(string ancestor, string code) => code == ancestor || Descendants(ancestor).Any(u => u.Code == code);

    /// <summary>Which kind of parent each kind needs.</summary>
    public static UnitKind? RequiredParentKind(UnitKind kind) => kind switch
    {
        UnitKind.Platform => null,
        UnitKind.City => UnitKind.Platform,
        UnitKind.District => UnitKind.City,
        UnitKind.Department or UnitKind.Township => UnitKind.District,
        _ => null,
    };

    /// <summary>Problems with creating a unit of <paramref name="kind"/> under <paramref name="parentCode"/>, in Chinese.</summary>
    public IReadOnlyDictionary<string, string> ValidateNewUnit(string code, string name, UnitKind kind, string? parentCode)
    {
        var errors = new Dictionary<string, string>();
        if (!Gongkai.Contracts.TenantIds.IsWellFormed(code))
            errors["code"] = "单位代码只能包含字母、数字和“-”，且不超过 64 个字符。";
        else if (_byCode.ContainsKey(code))
            errors["code"] = $"单位代码 {code} 已存在。";
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            errors["name"] = "请填写单位全称（不超过 100 个字）。";
        var parentKind = RequiredParentKind(kind);
        if (kind == UnitKind.Platform)
            errors["kind"] = "不能再创建平台单位。";
        else if (parentCode is null || Find(parentCode) is not { } parent)
            errors["parentCode"] = "上级单位不存在。";
        else if (parent.Kind != parentKind)
            errors["parentCode"] = $"{Unit.KindName(kind)}的上级必须是{Unit.KindName(parentKind!.Value)}级单位。";
        return errors;
    }
}
