namespace Gongkai.Workflow.Domain.Lifecycle;

/// <summary>国办函〔2020〕109号 Art. 3: one method per application, never both.</summary>
public enum FeeMethod
{
    /// <summary>按件计收 (Art. 4): any decision type; counted per applicant per calendar month.</summary>
    PerItem,

    /// <summary>按量计收 (Art. 5): paper copies, e-mail or copied electronic data; pages per application.</summary>
    PerVolume,
}

/// <summary>One band of the progressive scale: units <paramref name="From"/>..<paramref name="To"/> at one unit price.</summary>
public sealed record FeeBand(int From, int To, decimal UnitPrice)
{
    public int Units => To - From + 1;
    public decimal Amount => Units * UnitPrice;
}

/// <summary>An amount in yuan with the bands that make it up, so the fee notice can state the basis.</summary>
public sealed record FeeQuote(FeeMethod Method, int From, int To, decimal Amount, IReadOnlyList<FeeBand> Bands)
{
    /// <summary>The basis in Chinese for the fee notice (依据、标准、数额).</summary>
    public string Explain()
    {
        var unit = Method == FeeMethod.PerItem ? "件" : "页";
        var scope = Method == FeeMethod.PerItem ? "同一申请人同一自然月内累计第" : "本申请第";
        var parts = Bands.Select(b => b.UnitPrice == 0
            ? $"{scope} {b.From}–{b.To} {unit}：不收费"
            : $"{scope} {b.From}–{b.To} {unit}：{b.Units} {unit} × {b.UnitPrice:0} 元 = {b.Amount:0} 元");
        var method = Method == FeeMethod.PerItem ? "按件计收" : "按量计收";
        return $"{method}（国办函〔2020〕109号，超额累进）：{string.Join("；", parts)}；合计 {Amount:0} 元。";
    }
}

/// <summary>
/// The information-processing fee of Art. 42 and 国办函〔2020〕109号, both scales progressive (超额累进): each
/// unit is priced by the band it falls in, so crossing a band never re-prices the units below it.
/// Whether to charge at all ("clearly exceeds a reasonable range") is the body's decision, not this class's.
/// </summary>
public static class FeeCalculator
{
    private const int MaxUnits = 1_000_000; // sanity bound for a per-unit walk

    /// <summary>
    /// Art. 4: the n-th application of the same applicant in one calendar month. 1–10 free; 11–30 100 元;
    /// from 31 each band of 10 adds 100 元 (31–40 200 元, 41–50 300 元, …).
    /// </summary>
    public static decimal PerItemUnitPrice(int ordinalInMonth) => ordinalInMonth switch
    {
        <= 0 => throw new ArgumentOutOfRangeException(nameof(ordinalInMonth), "件数从 1 开始。"),
        <= 10 => 0m,
        <= 30 => 100m,
        _ => 100m + 100m * ((ordinalInMonth - 31) / 10 + 1),
    };

    /// <summary>Art. 5: the n-th page of one application. ≤30 free; 31–100 10 元; 101–200 20 元; 201+ 40 元.</summary>
    public static decimal PerVolumeUnitPrice(int page) => page switch
    {
        <= 0 => throw new ArgumentOutOfRangeException(nameof(page), "页数从 1 开始。"),
        <= 30 => 0m,
        <= 100 => 10m,
        <= 200 => 20m,
        _ => 40m,
    };

    /// <summary>The total for a month in which the applicant has made <paramref name="itemsThisMonth"/> applications.</summary>
    public static FeeQuote PerItem(int itemsThisMonth) => PerItem(0, itemsThisMonth);

    /// <summary>
    /// The fee for <paramref name="newItems"/> items of one application, when the applicant already had
    /// <paramref name="earlierItemsThisMonth"/> items that month: what this application's fee notice charges.
    /// </summary>
    public static FeeQuote PerItem(int earlierItemsThisMonth, int newItems)
    {
        if (earlierItemsThisMonth < 0)
            throw new ArgumentOutOfRangeException(nameof(earlierItemsThisMonth), "本月此前件数不能为负。");
        return Quote(FeeMethod.PerItem, earlierItemsThisMonth + 1, earlierItemsThisMonth + newItems, PerItemUnitPrice);
    }

    public static FeeQuote PerVolume(int pages) => Quote(FeeMethod.PerVolume, 1, pages, PerVolumeUnitPrice);

    private static FeeQuote Quote(FeeMethod method, int from, int to, Func<int, decimal> unitPrice)
    {
        if (to < from)
            throw new ArgumentOutOfRangeException(nameof(to), "计费数量必须大于零。");
        if (to > MaxUnits)
            throw new ArgumentOutOfRangeException(nameof(to), "计费数量过大。");
        var bands = new List<FeeBand>();
        for (var n = from; n <= to; n++)
        {
            var price = unitPrice(n);
            if (bands.Count > 0 && bands[^1].UnitPrice == price)
                bands[^1] = bands[^1] with { To = n };
            else
                bands.Add(new FeeBand(n, n, price));
        }
        return new FeeQuote(method, from, to, bands.Sum(b => b.Amount), bands);
    }
}
