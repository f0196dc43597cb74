using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Accounts;

public sealed class PatientRegistrationTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task NewPatientRegistersConfirmsAndSeesTheirHome()
    {
        await using var context = await chromium.NewPhoneContextAsync(app);
        var page = await context.NewPageAsync();
        var email = $"mere.{Guid.NewGuid():N}@example.test";

        await page.GotoAsync("/account/register");
        // The phone field is drawn like every other field: as wide and as tall (a 44 px target) as the name's.
        var nameBox = await page.GetByLabel("Your name").BoundingBoxAsync();
        var phoneBox = await page.Locator("#Input_PhoneNumber").BoundingBoxAsync();
        Assert.NotNull(nameBox);
        Assert.NotNull(phoneBox);
        Assert.Equal(nameBox.Width, phoneBox.Width, 1);
        Assert.Equal(nameBox.Height, phoneBox.Height, 1);
        await page.GetByLabel("Your name").FillAsync("Mere Parata");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("quiet river morning tea");
        await page.GetByLabel("Country where you live").SelectOptionAsync(new SelectOptionValue { Label = "New Zealand" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your e-mail");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
        await PhoneScreen.AssertFitsAsync(page);

        // Until the address is confirmed, the password alone does not open the account.
        await page.SignInWithPasswordAsync(email, "quiet river morning tea");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("confirm your e-mail address first");

        await page.GotoAsync(await app.LinkInLatestMailToAsync(email, "/account/confirm-email"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my e-mail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you, your e-mail address is confirmed.");

        await page.SignInWithPasswordAsync(email, "quiet river morning tea");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/patient");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Mere Parata");
        // timezone.js preselected the phone's own zone (the browser context runs in Auckland).
        await Expect(page.GetByText("Times are shown in your time zone, New Zealand Time (Auckland).")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My care" })).ToBeVisibleAsync();
        await PhoneScreen.AssertFitsAsync(page);
        await Screenshots.SaveAsync(page, "registered-patient-home");
    }
}
