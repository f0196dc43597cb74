using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>After care ends, the former clinician keeps the notes they signed (record-keeping) and nothing else of the record.</summary>
public abstract class FormerClinicianTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient)> DischargedAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMaintenanceAsync(therapist, patient);
        var relationshipId = await app.QueryAsync(db => db.CareRelationships
            .Where(r => r.PatientId == patient.Id && r.ClinicianId == therapist.Id && r.Status == CareStatus.Accepted).Select(r => r.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CareRelationshipService>()
            .DischargeAsync(relationshipId, therapist.Id, "Stayed well through maintenance; agreed to end.", null, CancellationToken.None);
        return (therapist, patient);
    }

    [Fact]
    public async Task ADischargedPatientsFormerTherapistStillReadsTheNotesTheySigned()
    {
        var (therapist, patient) = await DischargedAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var notes = await browser.GetAsync($"/therapist/patients/{patient.Id}/signed-notes");

        Assert.Equal(HttpStatusCode.OK, notes.Status);
        Assert.Contains("Low on Monday after the row", notes.Words, StringComparison.Ordinal);
        Assert.Contains("Sam's mother was visiting that week", notes.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADischargedPatientsFormerTherapistNoLongerReadsTheRecordTheCourseOrTheMeasures()
    {
        var (therapist, patient) = await DischargedAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        using var api = await app.ApiAsync(therapist);

        var record = await browser.GetAsync($"/therapist/patients/{patient.Id}");
        var course = await browser.GetAsync($"/therapist/patients/{patient.Id}/course");
        var measures = await api.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements");

        Assert.Equal(HttpStatusCode.NotFound, record.Status);
        Assert.Equal(HttpStatusCode.NotFound, course.Status);
        Assert.Equal(HttpStatusCode.NotFound, measures.StatusCode);
    }

    [Fact]
    public async Task EndingCareCancelsThePairsFutureAppointmentsAndTellsBoth()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id && a.TherapistId == therapist.Id));
        var relationshipId = await app.QueryAsync(db => db.CareRelationships
            .Where(r => r.PatientId == patient.Id && r.Status == CareStatus.Accepted).Select(r => r.Id).SingleAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CareRelationshipService>()
                .DischargeAsync(relationshipId, therapist.Id, "Referred to a specialist service nearer home.", null, CancellationToken.None);
        }
        var after = await app.AppointmentAsync(booked.Id);
        var patientMail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your appointment is cancelled");

        Assert.Equal(Rapport.Web.Features.Booking.AppointmentStatus.Cancelled, after.Status);
        Assert.DoesNotContain("specialist", patientMail.TextBody!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null && m.CorrelationKey != null
            && m.CorrelationKey.StartsWith($"reminder:{booked.Id:N}"))));
    }

    [Fact]
    public async Task DischargingAPatientInMaintenanceClosesTheirCourse()
    {
        var (therapist, patient) = await DischargedAsync();

        var course = await app.QueryAsync(db => db.TreatmentCourses.AsNoTracking().SingleAsync(c => c.PatientId == patient.Id && c.TherapistId == therapist.Id));

        Assert.Equal(Rapport.Web.Features.TreatmentCourses.CoursePhase.Closed, course.Phase);
        Assert.NotNull(course.EndedAt);
    }

    [Fact]
    public async Task AnotherTherapistHasNoSignedNotesOfThePatientToRead()
    {
        var (_, patient) = await DischargedAsync();
        var other = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(other);

        var notes = await browser.GetAsync($"/therapist/patients/{patient.Id}/signed-notes");

        Assert.Equal(HttpStatusCode.NotFound, notes.Status);
    }
}

public sealed class FormerClinicianTestsOnSqlite(SqliteApp app) : FormerClinicianTests(app);

public sealed class FormerClinicianTestsOnPostgres(PostgresApp app) : FormerClinicianTests(app);
