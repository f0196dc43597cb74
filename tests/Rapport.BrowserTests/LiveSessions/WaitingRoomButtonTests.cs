using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// On a slow phone the room's page is drawn before its call script has loaded. A press on "Go to the waiting room" in
/// that moment must not be lost (the patient would sit outside a waiting room they never entered, with "Not connected
/// yet."), so the button is disabled until the script has taken it.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class WaitingRoomButtonTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task GoToTheWaitingRoomCannotBePressedBeforeTheCallScriptHasLoadedAndWorksOnceItHas()
    {
        var appointmentId = await CallSteps.BookSessionStartingSoonAsync(app);
        await using var context = await chromium.NewPhoneContextAsync(app);
        var scriptMayLoad = new TaskCompletionSource();
        await context.RouteAsync("**/live-session*.js*", async route =>
        {
            await scriptMayLoad.Task;
            await route.ContinueAsync();
        });
        var patient = await context.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);
        await patient.GotoAsync($"/appointments/{appointmentId}");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();

        var ready = patient.GetByRole(AriaRole.Button, new() { Name = "Go to the waiting room" });
        await Expect(ready).ToBeVisibleAsync();
        await Expect(ready).ToBeDisabledAsync();

        scriptMayLoad.SetResult();
        await Expect(ready).ToBeEnabledAsync();
        await ready.ClickAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("You are in the waiting room.");
    }
}
