using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Rapport.BrowserTests.LiveSessions.CallSteps;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// Switching the microphone mid-call (Chromium's fake devices offer several) replaces the track in place:
/// the call is not renegotiated and the other side keeps hearing.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class DeviceSwitchTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task ThePatientSwitchesMicrophoneMidCallAndTheTherapistKeepsHearingWithoutTheCallBeingRenegotiated()
    {
        var appointmentId = await BookSessionStartingSoonAsync(app);
        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var patient = await PatientWaitsAsync(patientContext, app, appointmentId);
        var therapist = await TherapistJoinsAsync(therapistContext, app, appointmentId);
        await AdmitAndWaitForMediaAsync(patient, therapist);

        var microphones = patient.Locator("#mic-choice");
        await Expect(microphones).ToBeVisibleAsync();
        var options = await microphones.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var before = await SendingAsync(patient);
        var other = options.First(o => o != before.GetProperty("audio").GetString());
        var connection = (await ReceivedAsync(therapist)).IceUfrag;

        await microphones.SelectOptionAsync(other);

        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("Microphone changed.");
        Assert.Equal(other, (await SendingAsync(patient)).GetProperty("audio").GetString());
        await WaitForFlowingAsync(therapist);
        Assert.NotNull(connection);
        Assert.Equal(connection, (await ReceivedAsync(therapist)).IceUfrag);
    }

    private static Task<JsonElement> SendingAsync(IPage page) => page.EvaluateAsync<JsonElement>("() => window.rapportLive.sending()");
}
