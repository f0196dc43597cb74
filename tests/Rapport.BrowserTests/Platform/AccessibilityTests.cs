using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Platform;

/// <summary>axe-core on a phone-sized screen: no "serious" or "critical" violation (WCAG 2.2 AA is the target).</summary>
public sealed class AccessibilityTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Theory]
    [InlineData("/", "Feel better by working on what is happening between you and the people in your life")]
    [InlineData("/account/sign-in", "Sign in")]
    [InlineData("/account/register", "Create your account")]
    [InlineData("/account/forgot-password", "Forgot your password?")]
    public async Task PublicPageHasNoSeriousAccessibilityViolations(string path, string heading)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);

        AssertNoSeriousViolations(await page.RunAxe());
    }

    [Fact]
    public async Task RegistrationFormShowingErrorsHasNoSeriousAccessibilityViolations()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter your e-mail address.");

        AssertNoSeriousViolations(await page.RunAxe());
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("therapist")]
    [InlineData("admin")]
    public async Task RoleHomeHasNoSeriousAccessibilityViolations(string role)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.SignInAsAsync(app, DemoAccount.ByRole(role));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        AssertNoSeriousViolations(await page.RunAxe());
    }

    internal static void AssertNoSeriousViolations(AxeResult result)
    {
        // A scan that checked nothing (axe not injected, empty page) must not count as clean.
        Assert.NotEmpty(result.Passes);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, $"axe found {serious.Length} serious or critical violation(s) on {result.Url}:\n" + string.Join("\n",
            serious.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join("\n",
                v.Nodes.Select(n => $"    {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}\n      {n.Html}")))));
    }
}
