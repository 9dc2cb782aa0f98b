using Gongkai.Publishing.Domain.Standard;
using static Gongkai.UnitTests.Publishing.StandardCatalogueTestData;

namespace Gongkai.UnitTests.Publishing;

public class AdoptionTests
{
    private static readonly Guid Health = Guid.NewGuid();
    private static readonly Guid Schooling = Guid.NewGuid();

    private static PublishedCatalogue Version1 => District(1, (Health, Content("2305")), (Schooling, Content("2201", "义务教育招生")));

    [Fact]
    public void A_township_inherits_every_district_obligation_linked_to_its_id()
    {
        var result = Adoption.Apply(Version1, [], "admin", Now);
        Assert.Equal(1, result.Version);
        Assert.Equal(new[] { Health, Schooling }, result.Added.Select(o => o.InheritedFromId!.Value));
        Assert.All(result.Added, o => Assert.Equal((ObligationOrigin.Inherited, false), (o.Origin, o.ChangedLocally)));
        Assert.Equal(Content("2305"), result.Added[0].Snapshot);
    }

    [Fact]
    public void An_inherited_obligation_changes_only_with_a_reason_and_the_difference_stays_visible()
    {
        var inherited = Adoption.Apply(Version1, [], "admin", Now).Added[0];
        var local = Content("2305") with { Responsible = "东升街道社区卫生服务中心" };
        Assert.Throws<CatalogueRuleException>(() => inherited.Edit(local, null, "handler", Now));

        inherited.Edit(local, "本街道由社区卫生服务中心具体实施", "handler", Now);
        Assert.True(inherited.ChangedLocally);
        Assert.Equal("本街道由社区卫生服务中心具体实施", inherited.DifferenceReason);

        // Back to the district's wording: no difference, no reason.
        inherited.Edit(Content("2305"), null, "handler", Now);
        Assert.False(inherited.ChangedLocally);
        Assert.Null(inherited.DifferenceReason);
    }

    [Fact]
    public void An_inherited_obligation_cannot_be_dropped_by_the_township()
    {
        var inherited = Adoption.Apply(Version1, [], "admin", Now).Added[0];
        Assert.False(inherited.Deletable(namedByItems: false));
        Assert.Throws<CatalogueRuleException>(() => inherited.Retire("不需要", "admin", Now));
    }

    [Fact]
    public void Adopting_a_newer_version_follows_the_district_keeps_local_differences_and_retires_what_was_removed()
    {
        var mine = Adoption.Apply(Version1, [], "admin", Now).Added.ToList();
        var health = mine.Single(o => o.InheritedFromId == Health);
        var schooling = mine.Single(o => o.InheritedFromId == Schooling);
        health.Edit(Content("2305") with { Responsible = "东升街道社区卫生服务中心" }, "街道实施", "handler", Now);
        var extra = Obligation.Local(Guid.NewGuid(), Content("2399", "街道补充事项"), "handler", Now);
        mine.Add(extra);

        var welfare = Guid.NewGuid();
        var version2 = District(2, (Health, Content("2305") with { DeadlineText = "10个工作日内" }), (welfare, Content("1601", "最低生活保障")));
        var result = Adoption.Apply(version2, mine, "admin", Now);

        Assert.Equal(new[] { welfare }, result.Added.Select(o => o.InheritedFromId!.Value));
        Assert.Equal(new[] { health }, result.KeptLocal);
        Assert.Equal("东升街道社区卫生服务中心", health.Responsible);
        Assert.Equal("信息形成或者变更之日起20个工作日内", health.DeadlineText);     // the local content is kept as a whole
        Assert.Equal(new[] { "公开时限", "公开主体" }, health.Baseline!.ChangedColumns(health.Snapshot));
        Assert.Equal(new[] { schooling }, result.Retired);
        Assert.False(schooling.Active);
        Assert.True(extra.Active);
    }

    [Fact]
    public void An_unchanged_inherited_obligation_follows_the_district()
    {
        var mine = Adoption.Apply(Version1, [], "admin", Now).Added;
        var result = Adoption.Apply(District(2, (Health, Content("2305") with { Basis = "新依据" }), (Schooling, Content("2201", "义务教育招生"))), mine, "admin", Now);
        Assert.Equal(2, result.Followed);
        Assert.Equal("新依据", mine.Single(o => o.InheritedFromId == Health).Basis);
    }

    [Fact]
    public void A_district_code_clashing_with_a_supplementary_item_is_refused()
    {
        var extra = Obligation.Local(Guid.NewGuid(), Content("2305", "街道自己的"), "handler", Now);
        var e = Assert.Throws<CatalogueRuleException>(() => Adoption.Apply(Version1, [extra], "admin", Now));
        Assert.Contains("2305", e.Message);
    }

    [Fact]
    public void Differences_show_local_changes_local_additions_and_district_changes_since_adoption()
    {
        var mine = Adoption.Apply(Version1, [], "admin", Now).Added.ToList();
        mine.Single(o => o.InheritedFromId == Health).Edit(Content("2305") with { Channels = PublicationChannels.NoticeBoard }, "街道无网站栏目", "handler", Now);
        var extra = Obligation.Local(Guid.NewGuid(), Content("2399", "街道补充事项"), "handler", Now);
        mine.Add(extra);
        var added = Guid.NewGuid();
        var version2 = District(2, (Health, Content("2305") with { Basis = "新依据" }), (added, Content("1601", "最低生活保障")));

        var differences = CatalogueDifferences.Compute(mine, Version1, version2);

        Assert.Equal((1, 2, false), (differences.AdoptedVersion!.Value, differences.DistrictCurrentVersion!.Value, differences.UpToDate));
        var local = Assert.Single(differences.ChangedLocally);
        Assert.Equal((Health, "街道无网站栏目"), (local.DistrictObligationId!.Value, local.Reason));
        Assert.Equal(new[] { "公开渠道和载体" }, local.ChangedColumns);
        Assert.Equal(extra.Id, Assert.Single(differences.AddedLocally).Id);
        Assert.Equal(added, Assert.Single(differences.DistrictAdded).Obligation.Id);
        var changed = Assert.Single(differences.DistrictChanged);
        Assert.Equal((Health, "公开依据"), (changed.Obligation.Id, Assert.Single(changed.ChangedColumns)));
        Assert.Equal(Schooling, Assert.Single(differences.DistrictRemoved).Obligation.Id);
    }

    [Fact]
    public void An_up_to_date_township_without_changes_has_no_differences()
    {
        var differences = CatalogueDifferences.Compute(Adoption.Apply(Version1, [], "admin", Now).Added, Version1, Version1);
        Assert.True(differences.UpToDate);
        Assert.Empty(differences.ChangedLocally.Concat<object>(differences.AddedLocally).Concat(differences.DistrictAdded)
            .Concat(differences.DistrictChanged).Concat(differences.DistrictRemoved));
    }
}

public class CataloguePublicationTests
{
    [Fact]
    public void A_version_holds_the_active_obligations_in_catalogue_order_and_the_exemptions()
    {
        var b = Obligation.Local(Guid.NewGuid(), Content("2306", "乙"), "admin", Now);
        var a = Obligation.Local(Guid.NewGuid(), Content("2305", "甲"), "admin", Now);
        var retired = Obligation.Local(Guid.NewGuid(), Content("2307", "丙"), "admin", Now);
        retired.Retire("不再适用", "admin", Now);
        var exemption = new DomainExemption { DomainCode = "06", Reason = "本区税收由税务部门垂直管理" };

        var version = CataloguePublication.Snapshot("510116", null, 3, [b, a, retired], [exemption], null, new DateOnly(2026, 11, 30), Now);

        Assert.Equal(new[] { a.Id, b.Id }, version.Obligations.Select(o => o.Id));
        Assert.Equal(new PublishedExemption("06", "本区税收由税务部门垂直管理"), Assert.Single(version.Exemptions));
        Assert.False(CataloguePublication.Differs(version, CataloguePublication.Snapshot("510116", null, 4, [a, b], [exemption], null, new DateOnly(2026, 12, 1), Now)));
        Assert.True(CataloguePublication.Differs(version, CataloguePublication.Snapshot("510116", null, 4, [a], [exemption], null, new DateOnly(2026, 12, 1), Now)));
    }

    [Fact]
    public void An_empty_catalogue_is_not_published() =>
        Assert.Throws<CatalogueRuleException>(() => CataloguePublication.Snapshot("510116", null, 1, [], [], null, new DateOnly(2026, 11, 30), Now));

    [Fact]
    public void Only_a_never_published_local_obligation_no_item_names_may_be_deleted()
    {
        var obligation = Obligation.Local(Guid.NewGuid(), Content(), "admin", Now);
        Assert.True(obligation.Deletable(namedByItems: false));
        Assert.False(obligation.Deletable(namedByItems: true));
        obligation.MarkPublished(2);
        obligation.MarkPublished(3);
        Assert.Equal(2, obligation.FirstPublishedVersion);
        Assert.False(obligation.Deletable(namedByItems: false));
    }
}
