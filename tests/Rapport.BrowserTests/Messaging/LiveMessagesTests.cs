using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.Messaging;

/// <summary>
/// Messages between Liam Byrne (on a phone) and Dr Tom Whitfield (on a laptop), both pages open: each sees the other's
/// message arrive without reloading, and words of risk bring the crisis lines at once (Messaging readme, rules 8 and 12).
/// </summary>
public sealed class LiveMessagesTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByLabel("Your message", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
    }

    private static Task LiveAsync(IPage page) => Expect(page.Locator("html[data-messages-live='on']")).ToHaveCountAsync(1);

    [Fact]
    public async Task APatientsMessageArrivesLiveAndTheAnswerComesBackAndWordsOfRiskBringHelpAtOnce()
    {
        var liamId = await UserIdAsync(DemoAccount.Liam.Email);
        await using var phone = await chromium.NewPhoneContextAsync(app);
        phone.SetDefaultTimeout(30_000);
        var liam = await phone.NewPageAsync();
        await liam.SignInAsAsync(app, DemoAccount.Liam);
        await using var laptop = await chromium.NewDesktopContextAsync(app);
        laptop.SetDefaultTimeout(30_000);
        var tom = await laptop.NewPageAsync();
        await tom.SignInAsAsync(app, DemoAccount.LiamsTherapist);
        await tom.GotoAsync($"/therapist/patients/{liamId}/messages");
        await LiveAsync(tom);

        await liam.GotoAsync("/messages");
        await Expect(liam.GetByText("Your therapist usually replies within 1 working day; this is not for emergencies.")).ToBeVisibleAsync();
        await SendAsync(liam, "I talked to my brother about the move, as we planned.");

        // Tom's page was not reloaded: the message arrives through the hub.
        await Expect(tom.Locator("#thread")).ToContainTextAsync("I talked to my brother about the move");
        await LiveAsync(liam);
        await SendAsync(tom, "That took courage. Let's start there on Tuesday.");
        await Expect(liam.Locator("#thread")).ToContainTextAsync("That took courage.");

        await SendAsync(liam, "Some nights I want to kill myself.");
        var help = liam.GetByRole(AriaRole.Alert).Filter(new() { HasText = "You do not have to deal with this alone" });
        await Expect(help).ToBeVisibleAsync();
        await Expect(help.Locator("a[href^='tel:']").First).ToBeVisibleAsync();
        await Expect(tom.Locator("[data-testid='message-risk']")).ToContainTextAsync("kill myself");
    }
}
