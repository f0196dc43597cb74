using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Rapport.Web.Features;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Platform;

/// <summary>axe-core on a phone-sized screen: no violation of any WCAG 2.2 A or AA rule, whatever axe calls its impact.</summary>
public sealed class AccessibilityTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Theory]
    [InlineData("/", "Feel better by working on what is happening between you and the people in your life")]
    [InlineData("/account/sign-in", "Sign in")]
    [InlineData("/account/register", "Create your account")]
    [InlineData("/account/forgot-password", "Forgot your password?")]
    public async Task PublicPageHasNoWcag22AAViolations(string path, string heading)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);

        AssertNoViolations(await page.RunAxe(Wcag22AA));
    }

    [Fact]
    public async Task RegistrationFormShowingErrorsHasNoWcag22AAViolations()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ErrorSummary.SeeTheFields);
        await Expect(page.GetByText("Enter your e-mail address.")).ToBeVisibleAsync();

        AssertNoViolations(await page.RunAxe(Wcag22AA));
    }

    [Theory]
    [InlineData("patient", null)]
    [InlineData("therapist", null)]
    [InlineData("admin", null)]
    // The audit log: a table wider than a phone, which must take keyboard focus to be scrolled.
    [InlineData("admin", "/admin/audit")]
    // Liam's own draft list of people (Data/DemoCourses.cs): Change and Remove beside each person, targets of their own.
    [InlineData("liam", "/my-plan/people")]
    public async Task SignedInPageHasNoWcag22AAViolations(string account, string? path)
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.SignInAsAsync(app, account == "liam" ? DemoAccount.Liam : DemoAccount.ByRole(account));
        if (path is not null)
        {
            await page.GotoAsync(path);
        }
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        AssertNoViolations(await page.RunAxe(Wcag22AA));
    }

    /// <summary>
    /// WCAG 2.2 at levels A and AA, the target: axe's rules tagged for 2.0, 2.1 and 2.2 A/AA (2.2 added AA rules only, such
    /// as target-size). Its best-practice rules are advice, not the standard, and are not run.
    /// </summary>
    internal static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Any violation of the rules run fails, minor and moderate ones too: the standard has no impact levels.</summary>
    internal static void AssertNoViolations(AxeResult result)
    {
        // A scan that checked nothing (axe not injected, empty page) must not count as clean.
        Assert.NotEmpty(result.Passes);
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} WCAG 2.2 AA violation(s) on {result.Url}:\n" + string.Join("\n",
            result.Violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}\n" + string.Join("\n",
                v.Nodes.Select(n => $"    {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}\n      {n.Html}")))));
    }
}
