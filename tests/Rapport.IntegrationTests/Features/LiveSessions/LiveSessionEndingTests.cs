using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.LiveSessions;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>How a call ends, and the window closing: the clock moves, so the app is this class's own.</summary>
public abstract class LiveSessionEndingTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, Appointment Appointment)> SessionSoonAsync()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        return (therapist, patient, await app.BookSoonAsync(patient, therapist));
    }

    [Fact]
    public async Task EndingACallWithTheAdmittedPatientMarksTheAppointmentAttended()
    {
        var (therapist, patient, appointment) = await SessionSoonAsync();
        using var p = await app.SignedInAsync(patient);
        using var t = await app.SignedInAsync(therapist);
        var roomId = await p.JoinAsync(appointment.Id);
        await using var th = await app.ConnectAsync(t);
        await using var pa = await app.ConnectAsync(p);
        var patientInbox = new Inbox(pa);
        await th.InvokeAsync<RoomState>("JoinRoom", roomId);
        await pa.InvokeAsync<RoomState>("JoinRoom", roomId);
        await th.InvokeAsync("Admit", roomId);
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        await th.InvokeAsync("End", roomId);

        Assert.True((await patientInbox.NextAsync("RoomChanged", a => ((RoomState)a[0]!).Ended)).Length == 1);
        Assert.Equal(AppointmentStatus.Attended, (await app.AppointmentAsync(appointment.Id)).Status);
        var ended = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.LiveSessionEnded && e.PatientId == patient.Id));
        Assert.StartsWith("duration 3 min", ended.Detail, StringComparison.Ordinal);
        Assert.Contains("This session has ended", (await p.Browser.GetAsync($"/live/{roomId}")).Words, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => pa.InvokeAsync("Chat", roomId, "hello?"));
    }

    [Fact]
    public async Task EndingACallThePatientNeverEnteredLeavesTheAppointmentBooked()
    {
        var (therapist, _, appointment) = await SessionSoonAsync();
        using var t = await app.SignedInAsync(therapist);
        var roomId = await t.JoinAsync(appointment.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var page = await t.Browser.PostFormAsync($"/live/{roomId}", new Dictionary<string, string>(), $"/live/{roomId}?handler=End");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task TheTherapistMarksANoShowWhenThePatientNeverJoined()
    {
        var (therapist, _, appointment) = await SessionSoonAsync();
        using var t = await app.SignedInAsync(therapist);
        var roomId = await t.JoinAsync(appointment.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var page = await t.Browser.PostFormAsync($"/live/{roomId}", new Dictionary<string, string>(), $"/live/{roomId}?handler=NoShow");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal(AppointmentStatus.NoShow, (await app.AppointmentAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task ANoShowIsRefusedOnceThePatientHasJoined()
    {
        var (therapist, patient, appointment) = await SessionSoonAsync();
        using var p = await app.SignedInAsync(patient);
        using var t = await app.SignedInAsync(therapist);
        var roomId = await p.JoinAsync(appointment.Id);
        await using (var pa = await app.ConnectAsync(p))
        {
            await pa.InvokeAsync<RoomState>("JoinRoom", roomId);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var page = await t.Browser.PostFormAsync($"/live/{roomId}", new Dictionary<string, string>(), $"/live/{roomId}?handler=NoShow");

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("The patient joined this call", page.Words, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task TheTherapistsConfirmedLocationIsShownAndEncryptedAtRest()
    {
        var (therapist, _, appointment) = await SessionSoonAsync();
        using var t = await app.SignedInAsync(therapist);
        var roomId = await t.JoinAsync(appointment.Id);

        await t.Browser.PostFormAsync($"/live/{roomId}", new Dictionary<string, string> { ["location"] = "At home, Lindenstraße 4, Kassel" },
            $"/live/{roomId}?handler=Location");

        Assert.Contains("At home, Lindenstraße 4, Kassel", (await t.Browser.GetAsync($"/live/{roomId}")).Words, StringComparison.Ordinal);
        var id = await app.QueryAsync(db => db.LiveSessions.Where(s => s.RoomId == roomId).Select(s => s.Id).SingleAsync());
        var raw = await app.RawTextAsync("LiveSessions", "PatientLocation", "Id", id);
        Assert.DoesNotContain("Kassel", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoiningTooLateIsRefused()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2 + 50 + 31));
        using var p = await app.SignedInAsync(patient);

        var door = await p.Browser.GetAsync($"/appointments/{appointment.Id}/join");
        var pressed = await p.Browser.PostFormAsync($"/appointments/{appointment.Id}/join", new Dictionary<string, string>(),
            $"/appointments/{appointment.Id}/join");

        Assert.Contains("This session has ended.", door.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pressed.Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.LiveSessionRefused
            && e.UserId == patient.Id && e.Detail == LiveSessionRules.TooLate)));
    }

    [Fact]
    public async Task AnOpenRoomRefusesTheHubOnceTheWindowHasClosed()
    {
        var (_, patient, appointment) = await SessionSoonAsync();
        using var p = await app.SignedInAsync(patient);
        var roomId = await p.JoinAsync(appointment.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(2 + 50 + 31));
        using var again = await app.SignedInAsync(patient);
        await using var connection = await app.ConnectAsync(again);

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<RoomState>("JoinRoom", roomId));

        Assert.Contains("The time for this call has passed.", refused.Message, StringComparison.Ordinal);
    }
}

public sealed class LiveSessionEndingTestsOnSqlite(IsolatedSqliteApp app) : LiveSessionEndingTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class LiveSessionEndingTestsOnPostgres(IsolatedPostgresApp app) : LiveSessionEndingTests(app), IClassFixture<IsolatedPostgresApp>;
