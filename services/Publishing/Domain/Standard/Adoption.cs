namespace Gongkai.Publishing.Domain.Standard;

/// <summary>What adopting a district version did to the township's catalogue.</summary>
public sealed record AdoptionResult(int Version, IReadOnlyList<Obligation> Added, int Followed, IReadOnlyList<Obligation> KeptLocal, IReadOnlyList<Obligation> Retired);

/// <summary>
/// A township adopts its district's current published version: every district obligation is inherited (linked by the
/// district's obligation id); inherited ones follow the district unless changed locally (then they keep the local
/// content and the difference stays visible); those the district removed are retired; 补充 items are untouched.
/// Adopting again later brings the township up to the district's newer version the same way.
/// </summary>
public static class Adoption
{
    public static AdoptionResult Apply(PublishedCatalogue district, IReadOnlyList<Obligation> township, string actor, DateTimeOffset now)
    {
        var inherited = township.Where(o => o.Origin == ObligationOrigin.Inherited && o.InheritedFromId is not null)
            .GroupBy(o => o.InheritedFromId!.Value).ToDictionary(g => g.Key, g => g.OrderBy(o => o.RetiredAt is null ? 0 : 1).First());
        var localCodes = township.Where(o => o.Active && o.Origin == ObligationOrigin.Local).ToDictionary(o => o.Code, o => o);
        var clashes = district.Obligations.Where(d => localCodes.ContainsKey(d.Content.Code)).Select(d => d.Content.Code).ToList();
        if (clashes.Count > 0)
            throw new CatalogueRuleException($"区级目录中的事项编号 {string.Join("、", clashes)} 与本单位补充事项的编号相同，请先修改补充事项的编号再采用。");

        var added = new List<Obligation>();
        var kept = new List<Obligation>();
        var followed = 0;
        foreach (var d in district.Obligations)
        {
            if (!inherited.TryGetValue(d.Id, out var mine))
                added.Add(Obligation.Inherit(Guid.NewGuid(), d, actor, now));
            else if (mine.FollowDistrict(d.Content, actor, now))
                kept.Add(mine);
            else
                followed++;
        }
        var current = district.Obligations.Select(d => d.Id).ToHashSet();
        var retired = inherited.Values.Where(o => o.Active && !current.Contains(o.InheritedFromId!.Value)).ToList();
        foreach (var gone in retired)
            gone.Retire($"区级目录第 {district.Version} 版已删除该事项。", actor, now, byAdoption: true);
        return new AdoptionResult(district.Version, added, followed, kept, retired);
    }
}

public sealed record ObligationRef(Guid Id, string Code, string DomainCode, string Level1, string? Level2);

public sealed record LocalDifference(ObligationRef Obligation, Guid? DistrictObligationId, IReadOnlyList<string> ChangedColumns, string? Reason);

public sealed record DistrictChange(ObligationRef Obligation, IReadOnlyList<string> ChangedColumns);

/// <summary>
/// How a township's catalogue stands against its district's: inherited items changed locally, 补充 items added, and
/// what the district added, changed or removed in versions published after the one the township adopted.
/// </summary>
public sealed record CatalogueDifferences(
    string? DistrictCode,
    int? AdoptedVersion,
    int? DistrictCurrentVersion,
    bool UpToDate,
    IReadOnlyList<LocalDifference> ChangedLocally,
    IReadOnlyList<ObligationRef> AddedLocally,
    IReadOnlyList<DistrictChange> DistrictAdded,
    IReadOnlyList<DistrictChange> DistrictChanged,
    IReadOnlyList<DistrictChange> DistrictRemoved)
{
    public static CatalogueDifferences Compute(IReadOnlyList<Obligation> township, PublishedCatalogue? adopted, PublishedCatalogue? districtCurrent)
    {
        var active = township.Where(o => o.Active).OrderBy(o => o.DomainCode).ThenBy(o => o.Code).ToList();
        var changedLocally = active.Where(o => o.ChangedLocally)
            .Select(o => new LocalDifference(Ref(o), o.InheritedFromId, o.Baseline!.ChangedColumns(o.Snapshot), o.DifferenceReason)).ToList();
        var addedLocally = active.Where(o => o.Origin == ObligationOrigin.Local).Select(Ref).ToList();

        var before = adopted?.Obligations.ToDictionary(o => o.Id) ?? new Dictionary<Guid, PublishedObligation>();
        var after = districtCurrent?.Obligations.ToDictionary(o => o.Id) ?? new Dictionary<Guid, PublishedObligation>();
        var districtAdded = after.Values.Where(d => !before.ContainsKey(d.Id)).Select(d => new DistrictChange(Ref(d), [])).ToList();
        var districtRemoved = before.Values.Where(d => !after.ContainsKey(d.Id)).Select(d => new DistrictChange(Ref(d), [])).ToList();
        var districtChanged = after.Values.Where(d => before.TryGetValue(d.Id, out var old) && old.Content != d.Content)
            .Select(d => new DistrictChange(Ref(d), before[d.Id].Content.ChangedColumns(d.Content))).ToList();
        var upToDate = adopted is not null && districtCurrent is not null && adopted.Version == districtCurrent.Version;
        return new CatalogueDifferences(districtCurrent?.UnitCode ?? adopted?.UnitCode, adopted?.Version, districtCurrent?.Version, upToDate,
            changedLocally, addedLocally, districtAdded, districtChanged, districtRemoved);
    }

    private static ObligationRef Ref(Obligation o) => new(o.Id, o.Code, o.DomainCode, o.Level1, o.Level2);

    private static ObligationRef Ref(PublishedObligation d) => new(d.Id, d.Content.Code, d.Content.DomainCode, d.Content.Level1, d.Content.Level2);
}

/// <summary>A unit's next published version: its active obligations and domain exemptions, in catalogue order.</summary>
public static class CataloguePublication
{
    public static PublishedCatalogue Snapshot(string unitCode, string? parentUnitCode, int version, IReadOnlyList<Obligation> obligations,
        IReadOnlyList<DomainExemption> exemptions, CatalogueAdoption? adoption, DateOnly today, DateTimeOffset now)
    {
        var active = obligations.Where(o => o.Active).OrderBy(o => o.DomainCode).ThenBy(o => o.Code, StringComparer.Ordinal).ToList();
        if (active.Count == 0)
            throw new CatalogueRuleException("标准目录中还没有事项，不能发布。");
        return new PublishedCatalogue
        {
            Id = Guid.NewGuid(),
            UnitCode = unitCode,
            ParentUnitCode = parentUnitCode,
            Version = version,
            PublishedOn = today,
            PublishedAt = now,
            AdoptedDistrictCode = adoption?.DistrictCode,
            AdoptedVersion = adoption?.Version,
            Obligations = active.Select(o => new PublishedObligation(o.Id, o.Snapshot, o.InheritedFromId, o.ChangedLocally ? o.DifferenceReason : null)).ToList(),
            Exemptions = exemptions.OrderBy(e => e.DomainCode).Select(e => new PublishedExemption(e.DomainCode, e.Reason)).ToList(),
        };
    }

    /// <summary>Whether <paramref name="next"/> says anything <paramref name="last"/> did not (a version without change is refused).</summary>
    public static bool Differs(PublishedCatalogue? last, PublishedCatalogue next) =>
        last is null || !last.Obligations.SequenceEqual(next.Obligations) || !last.Exemptions.SequenceEqual(next.Exemptions);
}
