using Gongkai.Contracts;

namespace Gongkai.Publishing.Domain.Supervision;

/// <summary>Applications received in one month by one unit in one key domain ("" when no domain is known yet).</summary>
public sealed record HeatCell(string UnitCode, string DomainCode, int Month, long Count);

/// <summary>A cell as the public sees it.</summary>
public sealed record PublicHeatCell(string UnitCode, string DomainCode, string DomainLabel, int Month, long Count);

/// <summary>
/// The public heat map: counts only, and only cells of at least the minimum, so no small group of applicants can be singled
/// out; a cell not listed had fewer (zero included: a suppressed cell and an empty one look the same). No totals are
/// published: a row total minus the shown cells would give the suppressed ones back.
/// </summary>
public static class HeatMapSuppression
{
    public static IReadOnlyList<PublicHeatCell> ForPublic(IEnumerable<HeatCell> cells, int minimum) =>
        cells.Where(c => c.DomainCode.Length > 0 && c.Count >= Math.Max(1, minimum))
            .Select(c => new PublicHeatCell(c.UnitCode, c.DomainCode, KeyDomains.Label(c.DomainCode), c.Month, c.Count))
            .OrderBy(c => c.UnitCode, StringComparer.Ordinal).ThenBy(c => c.DomainCode, StringComparer.Ordinal).ThenBy(c => c.Month)
            .ToList();
}
