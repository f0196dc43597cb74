using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>/appointments/{id}/join and /live/{roomId}: who may open a call, and when.</summary>
public abstract class LiveSessionJoinTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, Appointment Appointment)> SessionSoonAsync()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        return (therapist, patient, await app.BookSoonAsync(patient, therapist));
    }

    [Fact]
    public async Task APatientJoiningAnOpenSessionLandsInARoomWhoseIdIsRandomAndNotTheAppointmentId()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        using var me = await app.SignedInAsync(patient);

        var roomId = await me.JoinAsync(appointment.Id);
        var room = await me.Browser.GetAsync($"/live/{roomId}");

        Assert.True(roomId.Length >= 22);
        Assert.DoesNotContain(appointment.Id.ToString("N"), roomId.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(appointment.Id.ToString(), roomId);
        Assert.Equal(HttpStatusCode.OK, room.Status);
        Assert.Contains("Find a place where nobody can hear you", room.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", room.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRoomLoadsItsScriptsFromTheirFingerprintedAddresses()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        using var me = await app.SignedInAsync(patient);
        var room = await me.Browser.GetAsync($"/live/{await me.JoinAsync(appointment.Id)}");

        var scripts = System.Text.RegularExpressions.Regex.Matches(room.Html, "<script src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, scripts.Count);
        Assert.Matches(@"^/lib/signalr/signalr\.min\.[a-z0-9]+\.js$", scripts[0]);
        Assert.Matches(@"^/js/live-session\.[a-z0-9]+\.js$", scripts[1]);
        foreach (var script in scripts)
        {
            var response = await me.Browser.Http.GetAsync(script);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TheCallScriptIsAModuleWhoseImportsAreAllPreloadedAndServedAsJavaScript()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        using var me = await app.SignedInAsync(patient);
        var room = await me.Browser.GetAsync($"/live/{await me.JoinAsync(appointment.Id)}");
        var entry = System.Text.RegularExpressions.Regex.Match(room.Html, "<script src=\"(/js/live-session[^\"]+)\" type=\"module\"").Groups[1].Value;
        var preloaded = System.Text.RegularExpressions.Regex.Matches(room.Html, "<link rel=\"modulepreload\" href=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        var script = await me.Browser.Http.GetStringAsync(entry);
        var imported = System.Text.RegularExpressions.Regex.Matches(script, "from '\\./(live/[\\w-]+\\.js)'")
            .Select(m => "/js/" + m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        // A module the page does not preload costs a weak link one more round trip; one served as anything but JavaScript
        // does not run at all, and neither does the call.
        Assert.Equal(4, imported.Count);
        Assert.Equal(imported, preloaded);
        foreach (var module in imported)
        {
            var response = await me.Browser.Http.GetAsync(module);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ThePatientAndTheTherapistMeetInTheSameRoom()
    {
        var (therapist, patient, appointment) = await SessionSoonAsync();
        using var p = await app.SignedInAsync(patient);
        using var t = await app.SignedInAsync(therapist);

        var patientsRoom = await p.JoinAsync(appointment.Id);
        var therapistsRoom = await t.JoinAsync(appointment.Id);

        Assert.Equal(patientsRoom, therapistsRoom);
        Assert.Equal(1, await app.QueryAsync(db => db.LiveSessions.CountAsync(s => s.AppointmentId == appointment.Id)));
        var page = await t.Browser.GetAsync($"/live/{therapistsRoom}");
        Assert.Contains("session 1 of 1 booked", page.Words, StringComparison.Ordinal);
        Assert.Contains("has not arrived yet", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppointmentPageOffersJoinOnlyInsideTheWindow()
    {
        var (therapist, patient, soon) = await SessionSoonAsync();
        // A second appointment with the same therapist is a session: the patient is in their care by then.
        await app.AcceptIntoCareAsync(therapist, patient);
        var later = await app.BookAsync(patient, therapist);
        using var p = await app.SignedInAsync(patient);

        Assert.Contains("Join the call", (await p.Browser.GetAsync($"/appointments/{soon.Id}")).Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the call", (await p.Browser.GetAsync($"/appointments/{later.Id}")).Words, StringComparison.Ordinal);
        Assert.Contains("Your session is open", (await p.Browser.GetAsync("/patient")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoiningTooEarlyIsRefusedAndSaysWhenTheCallOpens()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var p = await app.SignedInAsync(patient);

        var door = await p.Browser.GetAsync($"/appointments/{appointment.Id}/join");
        var pressed = await p.Browser.PostFormAsync($"/appointments/{appointment.Id}/join", new Dictionary<string, string>(),
            $"/appointments/{appointment.Id}/join");

        Assert.Contains("The call opens at", door.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the call", door.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pressed.Status);
        Assert.False(await app.QueryAsync(db => db.LiveSessions.AnyAsync(s => s.AppointmentId == appointment.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.LiveSessionRefused
            && e.UserId == patient.Id && e.Detail == LiveSessionRules.TooEarly)));
    }

    [Fact]
    public async Task ACancelledAppointmentHasNoCall()
    {
        var (therapist, patient, appointment) = await SessionSoonAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BookingService>().CancelAsync(appointment.Id, therapist.Id, CancellationToken.None);
        }
        using var p = await app.SignedInAsync(patient);

        var door = await p.Browser.GetAsync($"/appointments/{appointment.Id}/join");
        var pressed = await p.Browser.PostFormAsync($"/appointments/{appointment.Id}/join", new Dictionary<string, string>(),
            $"/appointments/{appointment.Id}/join");

        Assert.Contains("This appointment was cancelled", door.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pressed.Status);
        Assert.False(await app.QueryAsync(db => db.LiveSessions.AnyAsync(s => s.AppointmentId == appointment.Id)));
    }

    [Fact]
    public async Task AnotherPatientCannotJoinOrOpenTheRoom()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var p = await app.SignedInAsync(patient);
        var roomId = await p.JoinAsync(appointment.Id);
        using var s = await app.SignedInAsync(stranger);

        Assert.Equal(HttpStatusCode.NotFound, (await s.Browser.GetAsync($"/appointments/{appointment.Id}/join")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Browser.PostFormAsync("/patient", new Dictionary<string, string>(),
            $"/appointments/{appointment.Id}/join")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Browser.GetAsync($"/live/{roomId}")).Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.LiveSessionRefused
            && e.UserId == stranger.Id && e.PatientId == patient.Id && e.Detail == "another's room")));
    }

    [Fact]
    public async Task AnUnassignedTherapistCannotJoinOrOpenTheRoom()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        var otherTherapist = await app.CreatePracticeTherapistAsync();
        using var p = await app.SignedInAsync(patient);
        var roomId = await p.JoinAsync(appointment.Id);
        using var t = await app.SignedInAsync(otherTherapist);

        Assert.Equal(HttpStatusCode.NotFound, (await t.Browser.GetAsync($"/appointments/{appointment.Id}/join")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await t.Browser.GetAsync($"/live/{roomId}")).Status);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-room")]
    public async Task AForgedRoomIdIsNotFoundAndAudited(string forged)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var p = await app.SignedInAsync(patient);

        var page = await p.Browser.GetAsync($"/live/{forged}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.LiveSessionRefused
            && e.UserId == patient.Id && e.Detail == "unknown room")));
    }

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignIn()
    {
        using var visitor = app.NewClient();

        var page = await visitor.GetAsync("/live/AAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://rapport.test/account/sign-in", page.Location, StringComparison.Ordinal);
    }
}

public sealed class LiveSessionJoinTestsOnSqlite(SqliteApp app) : LiveSessionJoinTests(app);

public sealed class LiveSessionJoinTestsOnPostgres(PostgresApp app) : LiveSessionJoinTests(app);
