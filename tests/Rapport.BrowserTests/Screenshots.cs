using Microsoft.Playwright;

namespace Rapport.BrowserTests;

/// <summary>Full-page PNGs in the test output's <c>screenshots/</c> folder, for a reviewer to look at.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
