using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Accounts;

public sealed class TherapistInvitationTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task InvitedTherapistEnrolsAnAuthenticatorAndSignsInWithACode()
    {
        var email = $"aroha.{Guid.NewGuid():N}@example.test";

        // The admin, in their own browser, sends the invitation.
        await using (var adminContext = await chromium.NewPhoneContextAsync(app))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.SignInAsAsync(app, DemoAccount.Admin);
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Clinic administration");

            await admin.GotoAsync("/admin/invitations");
            await admin.GetByLabel("E-mail address").FillAsync(email);
            await admin.GetByRole(AriaRole.Radio, new() { Name = "Therapist" }).CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {email}.");
            await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = email })).ToContainTextAsync("Open until");
        }

        // The therapist, in another browser, follows the e-mailed link.
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await app.LinkInLatestMailToAsync(email, "/account/invitation"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join the clinic");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"You are joining as a therapist with the address {email}.");
        await PhoneScreen.AssertFitsAsync(page);
        await page.GetByLabel("Your name").FillAsync("Aroha Ngata");
        await page.GetByLabel("Password").FillAsync("steady tide evening walk");
        await page.GetByLabel("Country where you live").SelectOptionAsync(new SelectOptionValue { Label = "New Zealand" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        // Staff cannot go anywhere before enrolling a second factor.
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/account/two-factor");
        await Expect(page.GetByText("Therapists and admins protect patients' records with a second factor.")).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "invited-therapist-enrols-second-factor");
        var sharedKey = (await page.GetByTestId("shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code from your app" }).FillAsync(RapportApp.TotpCode(sharedKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your authenticator app is set up.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/therapist");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Aroha Ngata");

        await page.SignOutAsync();

        await page.SignInWithPasswordAsync(email, "steady tide evening walk");
        await page.EnterSecondFactorAsync(RapportApp.TotpCode(sharedKey));
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/therapist");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Aroha Ngata");
        await Expect(page.GetByText("Your time zone: New Zealand Time (Auckland).")).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "invited-therapist-home");
    }
}
