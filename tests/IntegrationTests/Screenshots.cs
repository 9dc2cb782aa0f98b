using Microsoft.Playwright;

namespace Gongkai.IntegrationTests;

/// <summary>
/// The README's screenshots come from the browser tests: with GONGKAI_SCREENSHOTS=docs (a folder) the tests that show a
/// screen worth seeing save it there; without it they save nothing.
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GONGKAI_SCREENSHOTS") is not { Length: > 0 } folder)
            return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
