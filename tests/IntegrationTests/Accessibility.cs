using Microsoft.Playwright;

namespace Gongkai.IntegrationTests;

/// <summary>axe-core (the npm package next to these tests, installed by ./build.sh) injected into a page in the browser.</summary>
public static class Accessibility
{
    private const string SeriousViolations = """
        async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
        """;

    /// <summary>The serious or critical violations axe finds on the page as it is now.</summary>
    public static async Task<string[]> SeriousViolationsAsync(PlatformFixture platform, IPage page)
    {
        var axe = Path.Combine(platform.App.RepositoryRoot, "tests", "IntegrationTests", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: ./build.sh installs it (npm ci in tests/IntegrationTests).");
        await page.AddScriptTagAsync(new() { Path = axe });
        return await page.EvaluateAsync<string[]>(SeriousViolations);
    }

    /// <summary>Fails with every serious or critical violation axe finds on the page as it is now.</summary>
    public static async Task AssertNoSeriousViolationsAsync(PlatformFixture platform, IPage page, string what)
    {
        var violations = await SeriousViolationsAsync(platform, page);
        Assert.True(violations.Length == 0, $"{what} ({page.Url}):\n" + string.Join("\n", violations));
    }
}
