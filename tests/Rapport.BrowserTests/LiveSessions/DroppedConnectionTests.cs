using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Rapport.BrowserTests.LiveSessions.CallSteps;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// The network drops in the middle of a call, without any page reload: the connections to the app are
/// cut and nothing passes for a few seconds (<see cref="LoopbackNetwork.CutAsync"/>). Both sides say they are
/// reconnecting, rejoin the hub by themselves, re-read the room and restart ICE; the patient is back in the call
/// without being let in again and media flows again both ways.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class DroppedConnectionTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task WhenTheNetworkDropsBothSidesSayTheyAreReconnectingAndComeBackIntoTheSameCallWithoutASecondAdmission()
    {
        var appointmentId = await BookSessionStartingSoonAsync(app);
        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var patient = await PatientWaitsAsync(patientContext, app, appointmentId);
        var therapist = await TherapistJoinsAsync(therapistContext, app, appointmentId);
        await AdmitAndWaitForMediaAsync(patient, therapist);
        var patientBefore = await ReceivedAsync(patient);
        var therapistBefore = await ReceivedAsync(therapist);

        var cut = await LoopbackNetwork.CutAsync(app.Port);
        try
        {
            await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("Reconnecting…");
            await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("Reconnecting…");
            await Screenshots.SaveAsync(patient, "live-4-patient-reconnecting");
            await Task.Delay(4000); // a few seconds without any network: every retry in that time fails
        }
        finally
        {
            await cut.DisposeAsync();
        }
        var back = System.Diagnostics.Stopwatch.StartNew();

        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("In the call.", new() { Timeout = 45_000 });
        await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("In the call.", new() { Timeout = 45_000 });
        await Expect(patient.Locator("#waiting")).ToBeHiddenAsync();
        await Expect(therapist.GetByRole(AriaRole.Button, new() { Name = "Let Alex Rivera in" })).ToBeHiddenAsync();
        // Renegotiated (an ICE restart or a fresh connection: new ICE credentials on both sides), and media flows again.
        await WaitForAsync(patient, r => r.Connected && r.IceUfrag is not null && r.IceUfrag != patientBefore.IceUfrag, seconds: 45);
        await WaitForAsync(therapist, r => r.Connected && r.IceUfrag is not null && r.IceUfrag != therapistBefore.IceUfrag, seconds: 45);
        await WaitForFlowingAsync(patient);
        await WaitForFlowingAsync(therapist);
        // Back in the room on the hub too: a message goes through to the other side.
        await patient.GetByLabel("Message", new() { Exact = true }).FillAsync("Can you hear me again?");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(therapist.Locator("#chat-log")).ToContainTextAsync("Can you hear me again?");
        TestContext.Current.TestOutputHelper?.WriteLine($"measure: network back to media flowing both ways {back.ElapsedMilliseconds} ms");
    }
}
