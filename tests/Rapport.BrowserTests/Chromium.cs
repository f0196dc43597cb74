using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Rapport.BrowserTests.Chromium))]

namespace Rapport.BrowserTests;

/// <summary>One Debian Chromium for the whole run; every test opens its own context (own cookies).</summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>A mid-size phone (iPhone 12–15 class): the screen most patients will use.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        // Two cores run the app, the browser and the runner at once: allow more than Playwright's 5 s for a page to settle.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            // Debian's chromium (apt-get install chromium); Playwright downloads no browser here.
            ExecutablePath = Environment.GetEnvironmentVariable("RAPPORT_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Fake camera and microphone for the live-session tests, and loopback ICE candidates (toolchain.md).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream=fps=10", "--allow-loopback-in-peer-connection"],
        });
    }

    /// <summary>A fresh phone-sized browser context on <paramref name="app"/>; dispose it to close its pages.</summary>
    /// <param name="javaScript">False for a phone whose browser runs no script (turned off, or too old for ours).</param>
    public async Task<IBrowserContext> NewPhoneContextAsync(RapportApp app, bool javaScript = true)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = Phone,
            IsMobile = true,
            HasTouch = true,
            // One device pixel per CSS pixel: layout, tap targets and axe are the same at any density, and Chromium renders
            // without a GPU here, so a denser screen only costs the run CPU.
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            TimezoneId = "Pacific/Auckland",
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>A laptop-sized context, as a therapist works, in Sydney time like the demo's Dr Tom Whitfield.</summary>
    public async Task<IBrowserContext> NewDesktopContextAsync(RapportApp app)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-AU",
            TimezoneId = "Australia/Sydney",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
