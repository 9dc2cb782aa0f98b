namespace Gongkai.Publishing.Domain.AnnualReports;

/// <summary>The cells of table 二 (主动公开政府信息情况, 2021 format), in the order of the form.</summary>
public enum ProactiveCell
{
    RegulationsIssued,
    RegulationsRepealed,
    RegulationsInForce,
    NormativeDocumentsIssued,
    NormativeDocumentsRepealed,
    NormativeDocumentsInForce,
    LicensingDecisions,
    PenaltyDecisions,
    CoercionDecisions,

    /// <summary>行政事业性收费 本年收费金额, in 万元 (may have decimals).</summary>
    FeesAmount,
}

/// <summary>
/// Table 二 as the unit enters it: Gongkai has no source for regulations, licences, penalties or fees. Empty, 0 and 不适用
/// are different answers (AR-09): a cell is either a value, or listed as not applicable, or still empty.
/// </summary>
public sealed record ProactiveTable(IReadOnlyDictionary<ProactiveCell, decimal> Values, IReadOnlyList<ProactiveCell> NotApplicable)
{
    public const decimal MaxCount = 1_000_000;

    public static readonly ProactiveTable Empty = new(new Dictionary<ProactiveCell, decimal>(), []);

    public decimal? this[ProactiveCell cell] => Values.TryGetValue(cell, out var v) ? v : null;

    public bool IsNotApplicable(ProactiveCell cell) => NotApplicable.Contains(cell);

    public IEnumerable<ProactiveCell> EmptyCells => Enum.GetValues<ProactiveCell>().Where(c => this[c] is null && !IsNotApplicable(c));

    /// <summary>A new year's table: last year's 现行有效件数 carried over as this year's starting point, everything else empty.</summary>
    public static ProactiveTable CarriedFrom(ProactiveTable? lastYear)
    {
        var values = new Dictionary<ProactiveCell, decimal>();
        foreach (var cell in new[] { ProactiveCell.RegulationsInForce, ProactiveCell.NormativeDocumentsInForce })
            if (lastYear?[cell] is { } inForce)
                values[cell] = inForce;
        return new ProactiveTable(values, []);
    }

    /// <summary>What is wrong with entered values, by cell name, in Chinese; empty when they can be stored.</summary>
    public static Dictionary<string, string[]> Problems(IReadOnlyDictionary<ProactiveCell, decimal>? values, IReadOnlyList<ProactiveCell>? notApplicable)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (cell, value) in values ?? new Dictionary<ProactiveCell, decimal>())
        {
            var key = $"values.{cell}";
            if (!Enum.IsDefined(cell))
                errors[$"values.{(int)cell}"] = ["没有这一栏。"];
            else if (value < 0 || value > MaxCount)
                errors[key] = [$"{Label(cell)}须在 0 至 {MaxCount} 之间。"];
            else if (cell == ProactiveCell.FeesAmount ? decimal.Round(value, 4) != value : decimal.Truncate(value) != value)
                errors[key] = [cell == ProactiveCell.FeesAmount ? "收费金额以万元为单位，最多保留四位小数。" : $"{Label(cell)}须为整数。"];
            else if (notApplicable?.Contains(cell) == true)
                errors[key] = [$"{Label(cell)}不能既填写数值又标为不适用。"];
        }
        foreach (var cell in notApplicable ?? [])
            if (!Enum.IsDefined(cell))
                errors["notApplicable"] = ["没有这一栏。"];
        return errors;
    }

    public static string Label(ProactiveCell cell) => cell switch
    {
        ProactiveCell.RegulationsIssued => "规章本年制发件数",
        ProactiveCell.RegulationsRepealed => "规章本年废止件数",
        ProactiveCell.RegulationsInForce => "规章现行有效件数",
        ProactiveCell.NormativeDocumentsIssued => "行政规范性文件本年制发件数",
        ProactiveCell.NormativeDocumentsRepealed => "行政规范性文件本年废止件数",
        ProactiveCell.NormativeDocumentsInForce => "行政规范性文件现行有效件数",
        ProactiveCell.LicensingDecisions => "行政许可本年处理决定数量",
        ProactiveCell.PenaltyDecisions => "行政处罚本年处理决定数量",
        ProactiveCell.CoercionDecisions => "行政强制本年处理决定数量",
        _ => "行政事业性收费本年收费金额（万元）",
    };

    /// <summary>How a cell prints: its number, 不适用, or empty.</summary>
    public string Text(ProactiveCell cell) => IsNotApplicable(cell) ? "不适用" : this[cell] is { } v ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "";
}
