using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>Issue 5 §12: a supervisor (admin) reads a therapist's courses read-only and completes the IPT fidelity checklist, audited.</summary>
public abstract class SupervisionPagesTests(RapportApp app)
{
    [Fact]
    public async Task AnAdminSeesEveryTherapistsCoursesAndReadsOneWithTheChecklistSuggestedFromTheRecord()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var list = await browser.GetAsync("/admin/supervision");
        var course = await browser.GetAsync($"/admin/supervision/courses/{courseId}");

        Assert.Contains(await app.DisplayNameAsync(therapist), list.Words, StringComparison.Ordinal);
        Assert.Contains($"/admin/supervision/courses/{courseId}", list.Html, StringComparison.Ordinal);
        Assert.Contains("Not reviewed", list.Words, StringComparison.Ordinal);
        Assert.Contains("Version 1 in force: 4 sessions.", course.Words, StringComparison.Ordinal);
        Assert.Contains("Termination review completed.", course.Words, StringComparison.Ordinal);
        Assert.Contains("Said: “You never help”", course.Words, StringComparison.Ordinal);
        Assert.Contains("Techniques Clarification, Communication analysis", course.Words, StringComparison.Ordinal);
        Assert.Matches("name=\"Checklist.InventoryDone\" value=\"true\" checked", course.Html);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SupervisionRead && e.UserId == admin.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task TheSupervisorsChecklistIsKeptWithItsScoreAndItsCommentIsUnreadableInTheDatabase()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var saved = await browser.PostFormAsync($"/admin/supervision/courses/{courseId}", new Dictionary<string, string>
        {
            ["Checklist.InventoryDone"] = "true",
            ["Checklist.FormulationDone"] = "true",
            ["Checklist.ContractDone"] = "true",
            ["Checklist.Comment"] = "Good work on the dispute with Sam; keep the focus.",
        });
        var (list, _) = await browser.GetFollowingAsync("/admin/supervision");

        Assert.Equal(HttpStatusCode.Found, saved.Status);
        Assert.Contains("3 of 6", list.Words, StringComparison.Ordinal);
        var reviewId = await app.QueryAsync(db => db.FidelityReviews.Where(f => f.CourseId == courseId).Select(f => f.Id).SingleAsync());
        var raw = await app.RawTextAsync("FidelityReviews", "Comment", "Id", reviewId);
        Assert.DoesNotContain("dispute with Sam", raw, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.FidelityReviewed && e.UserId == admin.Id && e.PatientId == patient.Id && e.Detail == "3 of 6")));
    }

    [Fact]
    public async Task ATherapistCannotOpenSupervisionEvenForTheirOwnCourse()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (list, _) = await browser.GetFollowingAsync("/admin/supervision");
        var (course, _) = await browser.GetFollowingAsync($"/admin/supervision/courses/{courseId}");

        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, course.Status);
    }

    [Fact]
    public async Task AnUnknownCourseIsNotFoundForTheSupervisor()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.GetAsync($"/admin/supervision/courses/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}

public sealed class SupervisionPagesTestsOnSqlite(SqliteApp app) : SupervisionPagesTests(app);

public sealed class SupervisionPagesTestsOnPostgres(PostgresApp app) : SupervisionPagesTests(app);
