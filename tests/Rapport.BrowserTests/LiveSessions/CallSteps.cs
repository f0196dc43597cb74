using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Rapport.Web.Data;
using Rapport.Web.Features.Booking;
using static Microsoft.Playwright.Assertions;

namespace Rapport.BrowserTests.LiveSessions;

/// <summary>
/// The live-call tests run one after another, never beside each other: some of them change the loopback network
/// of the test's namespace (<see cref="LoopbackNetwork"/>), which every call in it would feel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LiveCalls
{
    public const string Name = "Live calls";
}

/// <summary>What the page's own getStats() summary (<c>window.rapportLive.received()</c>) says is arriving.</summary>
public sealed record Received(long FramesDecoded, long AudioBytes, bool Connected, string? IceUfrag);

/// <summary>The steps of a live call in the words of the pages, shared by the live-call tests.</summary>
public static class CallSteps
{
    /// <summary>Alex Rivera and Dr Amina Okafor, an appointment starting in five minutes (inside the join window).</summary>
    public static async Task<Guid> BookSessionStartingSoonAsync(RapportApp app)
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

    /// <summary>The patient signs in, joins, passes the check and waits; returns their page.</summary>
    public static async Task<IPage> PatientWaitsAsync(IBrowserContext context, RapportApp app, Guid appointmentId)
    {
        var patient = await context.NewPageAsync();
        await patient.SignInAsAsync(app, DemoAccount.Patient);
        await patient.GotoAsync($"/appointments/{appointmentId}");
        await patient.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "Go to the waiting room" }).ClickAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("You are in the waiting room.");
        return patient;
    }

    /// <summary>The therapist signs in, joins and sees the patient waiting (not yet let in); returns their page.</summary>
    public static async Task<IPage> TherapistJoinsAsync(IBrowserContext context, RapportApp app, Guid appointmentId)
    {
        var therapist = await context.NewPageAsync();
        await therapist.SignInAsAsync(app, DemoAccount.Therapist);
        await therapist.GotoAsync($"/appointments/{appointmentId}");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("is waiting to be let in");
        return therapist;
    }

    /// <summary>The therapist lets the patient in; both say "In the call." and receive video frames and audio.</summary>
    public static async Task AdmitAndWaitForMediaAsync(IPage patient, IPage therapist)
    {
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Let Alex Rivera in" }).ClickAsync();
        await Expect(patient.GetByTestId("room-state")).ToContainTextAsync("In the call.");
        await Expect(therapist.GetByTestId("room-state")).ToContainTextAsync("In the call.");
        await WaitForAsync(patient, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
        await WaitForAsync(therapist, r => r.Connected && r.FramesDecoded > 0 && r.AudioBytes > 0);
    }

    public static async Task<Received> ReceivedAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.rapportLive.received()");
        var ufrag = json.GetProperty("iceUfrag");
        return new Received(json.GetProperty("framesDecoded").GetInt64(), json.GetProperty("audioBytes").GetInt64(),
            json.GetProperty("connected").GetBoolean(), ufrag.ValueKind == JsonValueKind.String ? ufrag.GetString() : null);
    }

    /// <summary>Polls the page's own getStats() summary until the condition holds (at most 30 s; media starts within about a second).</summary>
    public static async Task<Received> WaitForAsync(IPage page, Func<Received, bool> condition, int seconds = 30)
    {
        var last = new Received(0, 0, false, null);
        for (var i = 0; i < seconds * 2; i++)
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
    public static async Task WaitForFlowingAsync(IPage page, int attempts = 20)
    {
        for (var i = 0; i < attempts; i++)
        {
            var before = await ReceivedAsync(page);
            await Task.Delay(1500);
            var after = await ReceivedAsync(page);
            if (after.Connected && after.FramesDecoded > before.FramesDecoded && after.AudioBytes > before.AudioBytes)
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException("Media did not flow again.");
    }
}
