using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// A GET of a course page only reads (readme, "Attendance"): the session count changes where the appointment's outcome
/// is settled, and opening "My plan" or the therapist's course page sends no INSERT, UPDATE or DELETE but the audit
/// log's, in a fixed number of queries however long the course.
/// </summary>
public abstract class CoursePagesOnlyReadTests(RapportApp app)
{
    /// <summary>
    /// The queries "My plan" may send, audit aside, for a course that has every part: the patient's zone and country; the
    /// course with its facts, the latest task, the focus, the review and where it began, in one; the plans not yet talked
    /// through; the session dates; the PHQ-9; and the header's count of unread messages. It was 10 before each part was read
    /// as only the columns shown, most of them in the course's own query. A part the course has not reached costs nothing.
    /// </summary>
    public const int MyPlanQueries = 6;

    /// <summary>
    /// The queries of the therapist's course page, audit aside: care access, the whole file, the risk banner, the next
    /// appointment, the header's counts of open safety alerts and unread messages that every page of a therapist shows, the PHQ-9 and the
    /// course's start for the severity beside the working diagnosis, and the fidelity ratings shown to the course's own
    /// therapist.
    /// </summary>
    public const int CoursePageQueries = 19;

    private async Task<(TestAccount Therapist, TestAccount Patient, Guid CourseId)> MiddlePhaseWithNoNoticeAsync()
    {
        // No booking notice, so a session can start in two minutes; cancelling inside 24 hours is late.
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        return (therapist, patient, courseId);
    }

    private async Task CancelAsPatientAsync(Appointment appointment, TestAccount patient)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BookingService>().CancelAsync(appointment.Id, patient.Id, CancellationToken.None);
    }

    [Fact]
    public async Task ALateCancellationIsCountedInTheCourseWhenThePatientCancelsAndMyPlanThenOnlyReadsIt()
    {
        var (therapist, patient, courseId) = await MiddlePhaseWithNoNoticeAsync();
        var appointment = await app.BookSoonAsync(patient, therapist);

        await CancelAsPatientAsync(appointment, patient);

        var sessions = await app.QueryAsync(db => db.TreatmentCourses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.Sessions).SingleAsync());
        Assert.Equal(appointment.Id, Assert.Single(sessions).AppointmentId);
        Assert.Equal(SessionOutcome.LateCancelled, sessions.Single().Outcome);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CourseSessionRecorded && e.PatientId == patient.Id)));

        using var browser = await app.BrowserForAsync(patient);
        var page = await SqlCommandCounter.GetAsync(browser.Http, "/my-plan");
        var shown = await browser.GetAsync("/my-plan");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.WritesOutsideAudit);
        Assert.Contains("Working on the focus (middle phase) · Session 2 of 16", shown.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningMyPlanWritesNothingButTheAuditLogAndCostsTheSameFewQueriesHoweverFarTheCourseHasGone()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var whole = await app.CourseInMaintenanceAsync(therapist, patient);
        var (_, shortPatient, _) = await MiddlePhaseWithNoNoticeAsync();
        using var browser = await app.BrowserForAsync(patient);
        using var shortBrowser = await app.BrowserForAsync(shortPatient);

        // Each request finds the clinic's crisis lines gone from memory, as the first one each minute does: the refill is
        // not the page's own cost (SqlCommandCounter.Capture.PageCommands), however often it falls on this page.
        var crisisLines = app.Services.GetRequiredService<ClinicCrisisLines>();
        crisisLines.Forget();
        var longer = await SqlCommandCounter.GetAsync(browser.Http, "/my-plan");
        crisisLines.Forget();
        var shorter = await SqlCommandCounter.GetAsync(shortBrowser.Http, "/my-plan");

        Assert.Equal(HttpStatusCode.OK, longer.Status);
        Assert.Empty(longer.WritesOutsideAudit);
        Assert.Empty(shorter.WritesOutsideAudit);
        Assert.True(longer.PageCommands is >= 1 and <= MyPlanQueries, $"{longer.PageCommands} commands:\n{string.Join("\n", longer.Commands)}");
        Assert.True(shorter.PageCommands >= 1 && shorter.PageCommands <= longer.PageCommands,
            $"{shorter.PageCommands} commands for the shorter course:\n{string.Join("\n", shorter.Commands)}");
        Assert.Contains("/my-plan/review", (await browser.GetAsync("/my-plan")).Html, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, whole.CourseId);
    }

    [Fact]
    public async Task OpeningTheTherapistsCoursePageWritesNothingButTheAuditLogAndCostsAFixedNumberOfQueries()
    {
        var (therapist, patient, _) = await MiddlePhaseWithNoNoticeAsync();
        await CancelAsPatientAsync(await app.BookSoonAsync(patient, therapist), patient);
        using var browser = await app.BrowserForAsync(therapist);

        var page = await SqlCommandCounter.GetAsync(browser.Http, CoursePages.Course(patient));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.WritesOutsideAudit);
        Assert.InRange(page.PageCommands, 1, CoursePageQueries);
        Assert.Contains("Session 2 of 16", (await browser.GetAsync(CoursePages.Course(patient))).Words, StringComparison.Ordinal);
    }
}

public sealed class CoursePagesOnlyReadTestsOnSqlite(SqliteApp app) : CoursePagesOnlyReadTests(app);

public sealed class CoursePagesOnlyReadTestsOnPostgres(PostgresApp app) : CoursePagesOnlyReadTests(app);
