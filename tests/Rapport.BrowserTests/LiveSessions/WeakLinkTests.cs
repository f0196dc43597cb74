using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using Rapport.Web.Features.LiveSessions;
using static Microsoft.Playwright.Assertions;
using static Rapport.BrowserTests.LiveSessions.CallSteps;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// A call whose link turns weak (LiveSessions readme, "Weak links"): the media are throttled on the namespace's loopback once the call is
/// up (<see cref="LoopbackNetwork.ThrottleMediaAsync"/>). The call steps down to voice only by itself and says so,
/// the voice keeps arriving, and once the link is good again the call offers to step back up without doing it.
/// </summary>
[Collection(LiveCalls.Name)]
public sealed class WeakLinkTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    /// <summary>Both directions share it on loopback: about 50 kbit/s each way, which voice only fits and video does not.</summary>
    private const int ThrottledKbit = 100;

    [Fact]
    public async Task OnAWeakLinkTheCallStepsDownToVoiceOnlyByItselfSaysSoKeepsTheVoiceAndOffersVideoAgainOnlyOnceTheLinkRecovers()
    {
        var appointmentId = await BookSessionStartingSoonAsync(app);
        await using var patientContext = await chromium.NewPhoneContextAsync(app);
        await using var therapistContext = await chromium.NewPhoneContextAsync(app);
        var patient = await PatientWaitsAsync(patientContext, app, appointmentId);
        var therapist = await TherapistJoinsAsync(therapistContext, app, appointmentId);
        await AdmitAndWaitForMediaAsync(patient, therapist);
        await WaitForFlowingAsync(therapist);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"good link, patient's last look: {await LinkAsync(patient)}");
        var voiceBefore = await ReceivedAsync(therapist);
        await Task.Delay(4000);
        output?.WriteLine($"measure: voice received on the full link (video mode) by the therapist {((await ReceivedAsync(therapist)).AudioBytes - voiceBefore.AudioBytes) * 8 / 4000.0:F1} kbit/s");

        var throttled = await LoopbackNetwork.ThrottleMediaAsync(ThrottledKbit, queueBytes: 4000);
        try
        {
            var weakened = System.Diagnostics.Stopwatch.StartNew();
            // Video (≥ 250 kbit/s wanted) then low video (≥ 100 kbit/s) are poor for ~6 s each: two steps down.
            await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("Your connection is weak: switched to voice only.",
                new() { Timeout = 90_000 });
            output?.WriteLine($"measure: weak-link step-down to voice only after {weakened.ElapsedMilliseconds} ms; patient's last look: {await LinkAsync(patient)}");
            await Expect(patient.Locator("#call-mode")).ToHaveValueAsync("audio-only");
            Assert.Equal(CallMode.AudioOnly, await PatientModeAsync(appointmentId, CallMode.AudioOnly)); // reported over the hub, audited

            // The therapist no longer gets the patient's video, but still hears them; the patient still hears the therapist.
            await Task.Delay(3000); // frames already on their way when the encoder stopped
            var therapistBefore = await ReceivedAsync(therapist);
            var patientBefore = await ReceivedAsync(patient);
            await Task.Delay(4000);
            var therapistAfter = await ReceivedAsync(therapist);
            var patientAfter = await ReceivedAsync(patient);
            Assert.True(therapistAfter.FramesDecoded - therapistBefore.FramesDecoded <= 2,
                $"the patient's video kept arriving in voice only: {therapistBefore.FramesDecoded} → {therapistAfter.FramesDecoded} frames");
            Assert.True(therapistAfter.AudioBytes > therapistBefore.AudioBytes, "the patient's voice stopped arriving on the weak link");
            Assert.True(patientAfter.AudioBytes > patientBefore.AudioBytes, "the therapist's voice stopped arriving on the weak link");
            output?.WriteLine($"measure: voice received on the {ThrottledKbit} kbit/s link: by the therapist {(therapistAfter.AudioBytes - therapistBefore.AudioBytes) * 8 / 4000.0:F1} kbit/s, " +
                $"by the patient {(patientAfter.AudioBytes - patientBefore.AudioBytes) * 8 / 4000.0:F1} kbit/s (payload bytes, getStats)");
            output?.WriteLine($"voice only on the weak link, patient's last look: {await LinkAsync(patient)}");
            await Screenshots.SaveAsync(patient, "live-3-patient-weak-link");
        }
        finally
        {
            await throttled.DisposeAsync();
        }

        // The link is good again: after a while the call offers to step back up, one mode, and waits to be asked.
        var stepUp = patient.GetByRole(AriaRole.Button, new() { Name = "Try low video again" });
        var recovered = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Expect(stepUp).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        catch (PlaywrightException)
        {
            output?.WriteLine($"no offer to step up; patient's last look: {await LinkAsync(patient)}");
            throw;
        }
        output?.WriteLine($"measure: offer to step up {recovered.ElapsedMilliseconds} ms after the link recovered");
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("Your connection is better");
        await Expect(patient.Locator("#call-mode")).ToHaveValueAsync("audio-only");
        var stillVoice = await ReceivedAsync(therapist);
        await stepUp.ClickAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("Back to low video.");
        await WaitForAsync(therapist, r => r.FramesDecoded > stillVoice.FramesDecoded + 10);
        Assert.Equal(CallMode.LowVideo, await PatientModeAsync(appointmentId, CallMode.LowVideo));
    }

    private static async Task<string> LinkAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.rapportLive.link()")).GetRawText();

    /// <summary>The patient's mode as the server recorded it, waiting up to 5 s for <paramref name="expected"/> (the report follows the change).</summary>
    private async Task<CallMode> PatientModeAsync(Guid appointmentId, CallMode expected)
    {
        for (var i = 0; ; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var mode = await db.LiveSessions.AsNoTracking().Where(s => s.AppointmentId == appointmentId).Select(s => s.PatientMode).SingleAsync();
            if (mode == expected || i == 20)
            {
                return mode;
            }
            await Task.Delay(250);
        }
    }
}
