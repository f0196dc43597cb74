using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Rapport.BrowserTests.LiveSessions.CallSteps;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// A real call between two Chromium contexts with fake camera and microphone: the therapist admits the patient,
/// media flows both ways peer to peer, and voice-only stops the video while the voice goes on. The test script
/// runs these tests in a loopback-only network namespace (toolchain.md), where Chromium pairs loopback candidates.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class LiveCallTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    [Fact]
    public async Task TheTherapistAdmitsThePatientBothSeeAndHearEachOtherARefreshRejoinsTheCallAndVoiceOnlyStopsTheVideoButNotTheVoice()
    {
        var appointmentId = await CallSteps.BookSessionStartingSoonAsync(app);

        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        var patient = await patientContext.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);
        await patient.GotoAsync($"/appointments/{appointmentId}");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Screenshots.SaveAsync(patient, "live-0-patient-check");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Go to the waiting room" }).ClickAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("You are in the waiting room.");

        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var therapist = await therapistContext.NewPageAsync();
        await therapist.SignInAsAsync(app, DemoAccount.Therapist);
        await therapist.GotoAsync($"/appointments/{appointmentId}");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("is waiting to be let in");
        var admitted = System.Diagnostics.Stopwatch.StartNew();
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Let Alex Rivera in" }).ClickAsync();

        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("In the call.");
        await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("In the call.");
        // On a good link nothing offers to "try video again": the button waits until the call has stepped down.
        await Expect(patient.Locator("#step-up")).ToBeHiddenAsync();
        await Expect(therapist.Locator("#step-up")).ToBeHiddenAsync();
        var patientGets = await WaitForAsync(patient, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
        var therapistGets = await WaitForAsync(therapist, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
        // A measurement for docs/performance.md, not a check: the polling above looks every 0.5 s, so this is an upper bound.
        TestContext.Current.TestOutputHelper?.WriteLine($"measure: admit-to-media-both-ways {admitted.ElapsedMilliseconds} ms");
        Assert.True(patientGets.FramesDecoded > 0 && therapistGets.FramesDecoded > 0);
        await Screenshots.SaveAsync(patient, "live-1-patient-in-call");
        await Screenshots.SaveAsync(therapist, "live-2-therapist-in-call");

        // The patient's browser reloads (a dropped page, a refresh): they come straight back into the same call,
        // without waiting to be let in again, and media flows again on a fresh connection.
        await patient.ReloadAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("In the call.");
        await Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Go to the waiting room" })).ToBeHiddenAsync();
        await WaitForFlowingAsync(patient);
        await WaitForFlowingAsync(therapist);

        // The therapist's link is poor: voice only. The patient stops receiving video frames; the voice keeps coming.
        await therapist.Locator("#call-mode").SelectOptionAsync("audio-only");
        await Task.Delay(2000);
        var before = await ReceivedAsync(patient);
        await Task.Delay(3000);
        var after = await ReceivedAsync(patient);
        Assert.True(after.FramesDecoded - before.FramesDecoded <= 2,
            $"video kept arriving after voice-only: {before.FramesDecoded} → {after.FramesDecoded} frames");
        Assert.True(after.AudioBytes > before.AudioBytes, "the voice stopped with the video");
        TestContext.Current.TestOutputHelper?.WriteLine($"measure: audio-only-received {(after.AudioBytes - before.AudioBytes) * 8 / 3000.0:F1} kbit/s (bytes received over 3 s, getStats)");
    }
}
