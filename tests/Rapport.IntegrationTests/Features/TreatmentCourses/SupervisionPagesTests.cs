using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>A clinician assigned as supervisor reads the supervisee's courses read-only and completes the IPT fidelity checklist, audited; admins do not read courses.</summary>
public abstract class SupervisionPagesTests(RapportApp app)
{
    [Fact]
    public async Task ASupervisorSeesTheirSuperviseesCoursesAndReadsOneWithTheChecklistSuggestedFromTheRecord()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        await app.AssignSupervisorAsync(supervisor, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(supervisor);

        var list = await browser.GetAsync("/therapist/supervision");
        var course = await browser.GetAsync($"/therapist/supervision/courses/{courseId}");

        Assert.Contains(await app.DisplayNameAsync(therapist), list.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapist/supervision/courses/{courseId}", list.Html, StringComparison.Ordinal);
        Assert.Contains("Not reviewed", list.Words, StringComparison.Ordinal);
        Assert.Contains("Version 1 in force: 4 sessions.", course.Words, StringComparison.Ordinal);
        Assert.Contains("Termination review completed.", course.Words, StringComparison.Ordinal);
        Assert.Contains("Said: “You never help”", course.Words, StringComparison.Ordinal);
        Assert.Contains("Techniques Clarification, Communication analysis", course.Words, StringComparison.Ordinal);
        Assert.Matches("name=\"Checklist.InventoryDone\" value=\"true\" checked", course.Html);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SupervisionRead && e.UserId == supervisor.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task TheSupervisorsChecklistIsKeptWithItsScoreAndItsCommentIsUnreadableInTheDatabase()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        await app.AssignSupervisorAsync(supervisor, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(supervisor);

        var saved = await browser.PostFormAsync($"/therapist/supervision/courses/{courseId}", new Dictionary<string, string>
        {
            ["Checklist.InventoryDone"] = "true",
            ["Checklist.FormulationDone"] = "true",
            ["Checklist.ContractDone"] = "true",
            ["Checklist.Comment"] = "Good work on the dispute with Sam; keep the focus.",
        });
        var (list, _) = await browser.GetFollowingAsync("/therapist/supervision");

        Assert.Equal(HttpStatusCode.Found, saved.Status);
        Assert.Contains("3 of 6", list.Words, StringComparison.Ordinal);
        var reviewId = await app.QueryAsync(db => db.FidelityReviews.Where(f => f.CourseId == courseId).Select(f => f.Id).SingleAsync());
        var raw = await app.RawTextAsync("FidelityReviews", "Comment", "Id", reviewId);
        Assert.DoesNotContain("dispute with Sam", raw, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.FidelityReviewed && e.UserId == supervisor.Id && e.PatientId == patient.Id && e.Detail == "3 of 6")));
    }

    [Fact]
    public async Task ATherapistWhoDoesNotSuperviseTheCoursesTherapistCannotOpenItInSupervisionEvenTheirOwn()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var colleague = await app.CreateAccountAsync(Roles.Therapist);
        using var own = app.NewClient();
        await own.SignInAsync(therapist);
        using var other = app.NewClient();
        await other.SignInAsync(colleague);

        var ownList = await own.GetAsync("/therapist/supervision");
        var ownCourse = await own.GetAsync($"/therapist/supervision/courses/{courseId}");
        var otherCourse = await other.GetAsync($"/therapist/supervision/courses/{courseId}");

        Assert.DoesNotContain($"/therapist/supervision/courses/{courseId}", ownList.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, ownCourse.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherCourse.Status);
    }

    [Fact]
    public async Task AnAdminRunsTheClinicButCannotReadCoursesInSupervision()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var (list, _) = await browser.GetFollowingAsync("/therapist/supervision");
        var (course, _) = await browser.GetFollowingAsync($"/therapist/supervision/courses/{courseId}");
        var summary = await browser.GetAsync($"/courses/{courseId}/summary.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, course.Status);
        Assert.Equal(HttpStatusCode.NotFound, summary.Status);
    }

    [Fact]
    public async Task AnUnknownCourseIsNotFoundForTheSupervisor()
    {
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(supervisor);

        var page = await browser.GetAsync($"/therapist/supervision/courses/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}

public sealed class SupervisionPagesTestsOnSqlite(SqliteApp app) : SupervisionPagesTests(app);

public sealed class SupervisionPagesTestsOnPostgres(PostgresApp app) : SupervisionPagesTests(app);
