using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// A real call between two Chromium contexts with fake camera and microphone: the therapist admits the patient,
/// media flows both ways peer to peer, and voice-only stops the video while the voice goes on. The test script
/// runs these tests in a loopback-only network namespace (toolchain.md), where Chromium pairs loopback candidates.
/// </summary>
public sealed class LiveCallTests(RapportApp app, Chromium chromium) : IClassFixture<RapportApp>
{
    private sealed record Received(long FramesDecoded, long AudioBytes, bool Connected);

    [Fact]
    public async Task TheTherapistAdmitsThePatientBothSeeAndHearEachOtherARefreshRejoinsTheCallAndVoiceOnlyStopsTheVideoButNotTheVoice()
    {
        var appointmentId = await BookSessionStartingSoonAsync();

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
        var patientGets = await WaitForAsync(patient, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
        var therapistGets = await WaitForAsync(therapist, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
        // A measurement for docs/performance.md, not a check: the polling above looks every 0.5 s, so this is an upper bound.
        Measure($"admit-to-media-both-ways {admitted.ElapsedMilliseconds} ms");
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
        Measure($"audio-only-received {(after.AudioBytes - before.AudioBytes) * 8 / 3000.0:F1} kbit/s (audio bytes received over 3 s, getStats)");
    }

    /// <summary>Figures for docs/performance.md, appended to measurements.txt beside the screenshots; never asserted.</summary>
    private static void Measure(string line) =>
        File.AppendAllText(Path.Combine(Screenshots.Directory, "..", "measurements.txt"), $"{DateTimeOffset.UtcNow:u} {line}{Environment.NewLine}");

    private static async Task<Received> ReceivedAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.rapportLive.received()");
        return new Received(json.GetProperty("framesDecoded").GetInt64(), json.GetProperty("audioBytes").GetInt64(), json.GetProperty("connected").GetBoolean());
    }

    /// <summary>Polls the page's own getStats() summary until the condition holds (at most 30 s; media starts within about a second).</summary>
    private static async Task<Received> WaitForAsync(IPage page, Func<Received, bool> condition)
    {
        var last = new Received(0, 0, false);
        for (var i = 0; i < 60; i++)
        {
            last = await ReceivedAsync(page);
            if (condition(last))
            {
                return last;
            }
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"No media arrived: {last}");
    }

    /// <summary>Video frames and audio bytes still rising between two looks 1.5 s apart (so not left over from a closed connection).</summary>
    private static async Task WaitForFlowingAsync(IPage page)
    {
        for (var i = 0; i < 20; i++)
        {
            var before = await ReceivedAsync(page);
            await Task.Delay(1500);
            var after = await ReceivedAsync(page);
            if (after.Connected && after.FramesDecoded > before.FramesDecoded && after.AudioBytes > before.AudioBytes)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException("Media did not flow again after the refresh.");
    }

    /// <summary>Alex Rivera and Dr Amina Okafor, an appointment starting in five minutes (inside the join window).</summary>
    private async Task<Guid> BookSessionStartingSoonAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var therapist = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccount.Therapist.Email);
        var patient = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccount.Patient.Email);
        var appointment = Appointment.Book(therapist.Id, patient.Id, now.AddMinutes(5), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(10),
            AppointmentKind.Session, now);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }
}
