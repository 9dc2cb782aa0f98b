namespace Gongkai.DeploymentTests;

/// <summary>Every object of the base and both overlays loads strictly into its model and has its required fields.</summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> Kustomizations => ["base", "overlays/dev", "overlays/production"];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_object_loads_strictly_and_round_trips(string kustomization)
    {
        var rendered = Manifests.Render(kustomization);

        Assert.NotEmpty(rendered.Typed);
        Assert.True(rendered.Problems.Count == 0, string.Join("\n", rendered.Problems));
    }
}
