using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests;

/// <summary>What a person does on the sign-in pages, in the words the pages use.</summary>
public static class SignInSteps
{
    public static async Task SignInWithPasswordAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The second step for staff: the 6-digit code an authenticator app would show now.</summary>
    public static async Task EnterSecondFactorAsync(this IPage page, string code)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second step of sign-in", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code" }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in as a demo account and waits for that role's home.</summary>
    public static async Task SignInAsAsync(this IPage page, RapportApp app, DemoAccount account)
    {
        await page.SignInWithPasswordAsync(account.Email, RapportApp.DemoPassword);
        if (account.UsesSecondFactor)
        {
            await page.EnterSecondFactorAsync(await app.TotpCodeForAsync(account.Email));
        }
        await Expect(page).ToHaveURLAsync(app.BaseUrl + account.Home);
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out", Level = 1 })).ToBeVisibleAsync();
    }
}
