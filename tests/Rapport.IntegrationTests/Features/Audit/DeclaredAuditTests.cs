using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Features.LiveSessions;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

/// <summary>
/// The reads a compliance check found unaudited now leave their row: who asked, and whose record it was when the
/// answer is one patient's.
/// </summary>
public abstract class DeclaredAuditTests(RapportApp app)
{
    [Fact]
    public async Task ListingMyAppointmentsThroughTheApiLeavesARowWithTheCaller()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.BookAsync(patient, therapist);
        using var api = app.NewClient();
        await api.ApiTokenAsync(patient);

        var response = await api.Http.GetAsync("/api/v1/appointments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await RowAsync(patient.Id, AuditAction.ListedAppointments);
        Assert.Equal(AuditOutcome.Success, row.Outcome);
        Assert.Equal("GET /api/v1/appointments", row.Subject);
    }

    [Fact]
    public async Task DownloadingAnAppointmentAsACalendarFileLeavesARowNamingThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var asTherapist = app.NewClient();
        using var asPatient = app.NewClient();
        await asTherapist.ApiTokenAsync(therapist);
        await asPatient.ApiTokenAsync(patient);

        var byTherapist = await asTherapist.Http.GetAsync($"/api/v1/appointments/{appointment.Id}/ics");
        var byPatient = await asPatient.Http.GetAsync($"/api/v1/appointments/{appointment.Id}/ics");

        Assert.Equal(HttpStatusCode.OK, byTherapist.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byPatient.StatusCode);
        var therapistRow = await RowAsync(therapist.Id, AuditAction.ReadAppointment);
        var patientRow = await RowAsync(patient.Id, AuditAction.ReadAppointment);
        Assert.Equal((AuditOutcome.Success, patient.Id), (therapistRow.Outcome, therapistRow.PatientId));
        Assert.Equal((AuditOutcome.Success, patient.Id), (patientRow.Outcome, patientRow.PatientId));
        Assert.Equal($"GET /api/v1/appointments/{appointment.Id}/ics", therapistRow.Subject);
    }

    [Fact]
    public async Task ListingCoursesThroughTheApiLeavesARowWithTheCaller()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(therapist);

        var response = await api.Http.GetAsync("/api/v1/courses");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuditOutcome.Success, (await RowAsync(therapist.Id, AuditAction.ListedCourses)).Outcome);
    }

    [Fact]
    public async Task AskingForTheIceServersOfALiveSessionLeavesARowNamingThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        using var browser = await app.SignedInAsync(patient);
        var roomId = await browser.JoinAsync(appointment.Id);
        using var api = app.NewClient();
        await api.ApiTokenAsync(therapist);

        var response = await api.Http.GetAsync($"/api/v1/live/{roomId}/ice-servers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await RowAsync(therapist.Id, AuditAction.IceServersIssued);
        Assert.Equal((AuditOutcome.Success, patient.Id), (row.Outcome, row.PatientId));
    }

    [Fact]
    public async Task OpeningTheTherapistCalendarLeavesARowWithTheTherapist()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        await app.BookAsync(await app.CreateAccountAsync(Roles.Patient), therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/calendar");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(AuditOutcome.Success, (await RowAsync(therapist.Id, AuditAction.ReadCalendar)).Outcome);
    }

    [Fact]
    public async Task OpeningTheTherapistHomeLeavesARowWithTheTherapist()
    {
        var (therapist, _) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(AuditOutcome.Success, (await RowAsync(therapist.Id, AuditAction.ReadTherapistHome)).Outcome);
    }

    [Fact]
    public async Task OpeningThePatientHomeLeavesARowNamingThePatient()
    {
        var (_, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/patient");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = await RowAsync(patient.Id, AuditAction.ReadPatientHome);
        Assert.Equal((AuditOutcome.Success, patient.Id), (row.Outcome, row.PatientId));
    }

    [Fact]
    public async Task ATherapistPageRefusedToAPatientIsRecordedAsDenied()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/therapist/calendar");

        Assert.NotEqual(HttpStatusCode.OK, page.Status);
        Assert.Equal(AuditOutcome.Denied, (await RowAsync(patient.Id, AuditAction.ReadCalendar)).Outcome);
    }

    /// <summary>The one row of this action by this person: every test's accounts are new, so no other test wrote it.</summary>
    private Task<AuditEvent> RowAsync(Guid userId, string action) =>
        app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserId == userId && e.Action == action));
}

public sealed class DeclaredAuditTestsOnSqlite(SqliteApp app) : DeclaredAuditTests(app);

public sealed class DeclaredAuditTestsOnPostgres(PostgresApp app) : DeclaredAuditTests(app);
