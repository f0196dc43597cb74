using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.LiveSessions;

/// <summary>Beside the call the therapist sees the course and this session's note, and keeps a chat line in it.</summary>
public abstract class CallNoteTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, Appointment Appointment)> CourseSessionSoonAsync()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        return (therapist, patient, appointment);
    }

    private static async Task<Visitor.Page> KeepLineAsync(Participant who, string roomId, string line)
    {
        who.Browser.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await who.Browser.PostFormAsync($"/live/{roomId}", new Dictionary<string, string> { ["line"] = line }, $"/live/{roomId}?handler=SaveLine");
    }

    private static string? Message(Visitor.Page page) => JsonDocument.Parse(page.Html).RootElement.GetProperty("message").GetString();

    [Fact]
    public async Task TheTherapistSeesTheSessionOfTheCourseAndKeepsAChatLineInTheDraftNote()
    {
        var (therapist, patient, appointment) = await CourseSessionSoonAsync();
        using var t = await app.SignedInAsync(therapist);
        var roomId = await t.JoinAsync(appointment.Id);

        var room = await t.Browser.GetAsync($"/live/{roomId}");
        var kept = await KeepLineAsync(t, roomId, "Alex: I asked Jordan to plan Saturday together");
        var note = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id));

        Assert.Contains("Working on the focus (middle phase) · Session 1 of 16", room.Words, StringComparison.Ordinal);
        Assert.Contains("No note for this session yet.", room.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        Assert.Equal("Kept in this session's note.", Message(kept));
        Assert.Equal("Alex: I asked Jordan to plan Saturday together", note.ProblemAreaWork);
        Assert.False(note.IsSigned);
        Assert.Equal(patient.Id, note.PatientId);
    }

    [Fact]
    public async Task ThePatientSeesNoNoteAndCannotKeepALineInIt()
    {
        var (_, patient, appointment) = await CourseSessionSoonAsync();
        using var p = await app.SignedInAsync(patient);
        var roomId = await p.JoinAsync(appointment.Id);

        var room = await p.Browser.GetAsync($"/live/{roomId}");
        var refused = await KeepLineAsync(p, roomId, "Note this");

        Assert.DoesNotContain("This session's note", room.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == appointment.Id)));
    }

    [Fact]
    public async Task ALineCannotBeAddedToASignedNoteAndTheTherapistIsToldWhy()
    {
        var (therapist, _, appointment) = await CourseSessionSoonAsync();
        using var t = await app.SignedInAsync(therapist);
        var roomId = await t.JoinAsync(appointment.Id);
        await KeepLineAsync(t, roomId, "First line");
        await app.QueryAsync(async db =>
        {
            var note = await db.SessionNotes.SingleAsync(n => n.AppointmentId == appointment.Id);
            note.Sign(therapist.Id, appointment.StartUtc, appointment.StartUtc.AddMinutes(50), riskRaised: false);
            return await db.SaveChangesAsync();
        });

        var refused = await KeepLineAsync(t, roomId, "Second line");
        var stored = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.StartsWith("This note is signed and cannot be changed.", Message(refused), StringComparison.Ordinal);
        Assert.Equal("First line", stored.ProblemAreaWork);
    }
}

public sealed class CallNoteTestsOnSqlite(SqliteApp app) : CallNoteTests(app);

public sealed class CallNoteTestsOnPostgres(PostgresApp app) : CallNoteTests(app);
