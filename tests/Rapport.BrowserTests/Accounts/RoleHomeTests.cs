using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Accounts;

public sealed class RoleHomeTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Theory]
    [InlineData("patient", "Hello, Alex Rivera", "My care")]
    [InlineData("therapist", "Welcome, Dr Amina Okafor", "My practice")]
    [InlineData("admin", "Clinic administration", "Audit log")]
    public async Task EachRoleLandsOnTheirOwnHomeOnAPhone(string role, string heading, string navLink)
    {
        var account = DemoAccount.ByRole(role);
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();

        await page.SignInAsAsync(app, account);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = navLink })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, $"{role}-home");
    }
}
