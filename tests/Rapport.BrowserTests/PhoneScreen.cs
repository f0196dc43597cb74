using Microsoft.Playwright;

namespace Rapport.BrowserTests;

public static class PhoneScreen
{
    /// <summary>
    /// Nothing sticks out sideways: a page wider than the phone makes the browser zoom the whole page out
    /// (tiny text, misplaced taps) or scroll sideways.
    /// </summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= Chromium.Phone.Width,
            $"{page.Url} is {width} CSS px wide, wider than a {Chromium.Phone.Width} px phone screen.");
    }
}
