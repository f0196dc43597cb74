using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// A phone whose browser runs no script reaches the room like any other (joining is a plain form), but nothing of the
/// call can work there: the room must not offer a camera check, test buttons or a waiting room it cannot enter.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class NoScriptRoomTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task APhoneThatRunsNoScriptIsOfferedNoCallControlsItCannotUseAndIsToldWhatToDoInstead()
    {
        var appointmentId = await CallSteps.BookSessionStartingSoonAsync(app);
        await using var context = await chromium.NewPhoneContextAsync(app, javaScript: false);
        var patient = await context.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);
        await patient.GotoAsync($"/appointments/{appointmentId}");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();

        await Expect(patient.GetByTestId("needs-script")).ToContainTextAsync("The call needs JavaScript. Turn it on for this site, or open this page in another browser. If you cannot, your therapist can phone you instead: they have your number.");
        await Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Before you start" })).ToBeHiddenAsync();
        await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Go to the waiting room" })).ToBeHiddenAsync();
        await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Play a test sound" })).ToBeHiddenAsync();
    }
}
