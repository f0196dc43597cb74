using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>A clinician assigned as supervisor reads the supervisee's courses read-only and rates the course's fidelity task by task (TreatmentCourses readme, rule 33), audited; the therapist reads the ratings of their own course; admins do not read courses.</summary>
public abstract class SupervisionPagesTests(RapportApp app)
{
    [Fact]
    public async Task ASupervisorSeesTheirSuperviseesCoursesAndReadsOneWithTheRatingsSuggestedFromTheRecord()
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
        Assert.Contains("name=\"Ratings[InterpersonalInventory]\" value=\"2\" checked", course.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Ratings[SickRoleGiven]\" value=\"0\" checked", course.Html, StringComparison.Ordinal);
        Assert.Contains("Working diagnosis: not recorded · Sick role: not recorded", course.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SupervisionRead && e.UserId == supervisor.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    private static Dictionary<string, string> Ratings(string phases, params int[] ratings)
    {
        var items = new[]
        {
            "InterpersonalInventory", "FormulationShared", "ContractAgreed", "SickRoleGiven", "FocusKept", "MoodLinkedToEvents", "TechniquesSuitTheArea",
            "BetweenSessionWorkReviewed", "ProgressReviewed", "FeelingsAboutEndingDiscussed", "WarningSignsNamed", "FuturePlanned",
        };
        var fields = items.Zip(ratings).ToDictionary(x => $"Ratings[{x.First}]", x => x.Second.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields["Comment"] = $"Rated {phases}: good work on the dispute with Sam; keep the focus.";
        return fields;
    }

    [Fact]
    public async Task TheSupervisorsRatingIsKeptWithItsTotalWhichTheTherapistReadsAndItsCommentIsUnreadableInTheDatabase()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = (await app.CourseInMaintenanceAsync(therapist, patient)).CourseId;
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        await app.AssignSupervisorAsync(supervisor, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(supervisor);
        using var own = app.NewClient();
        await own.SignInAsync(therapist);

        var saved = await browser.PostFormAsync($"/therapist/supervision/courses/{courseId}", Ratings("every phase", 2, 2, 2, 0, 2, 1, 1, 2, 2, 1, 2, 0));
        var (list, _) = await browser.GetFollowingAsync("/therapist/supervision");
        var coursePage = await own.GetAsync($"/therapist/patients/{patient.Id}/course");

        Assert.Equal(HttpStatusCode.Found, saved.Status);
        Assert.Contains("17 of 24", list.Words, StringComparison.Ordinal);
        Assert.Contains("Fidelity ratings from supervision", coursePage.Words, StringComparison.Ordinal);
        Assert.Contains("17 of 24", coursePage.Words, StringComparison.Ordinal);
        Assert.Contains("The sick role was given: 0 absent", coursePage.Words, StringComparison.Ordinal);
        Assert.Contains("good work on the dispute with Sam", coursePage.Words, StringComparison.Ordinal);
        var reviewId = await app.QueryAsync(db => db.FidelityReviews.Where(f => f.CourseId == courseId).Select(f => f.Id).SingleAsync());
        var raw = await app.RawTextAsync("FidelityReviews", "Comment", "Id", reviewId);
        Assert.DoesNotContain("dispute with Sam", raw, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.FidelityReviewed && e.UserId == supervisor.Id && e.PatientId == patient.Id && e.Detail == "17 of 24")));
    }

    [Fact]
    public async Task InTheMiddlePhaseTheEndingIsNotYetRatedAndRatingItIsRefused()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        var supervisor = await app.CreateAccountAsync(Roles.Therapist);
        await app.AssignSupervisorAsync(supervisor, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(supervisor);
        var url = $"/therapist/supervision/courses/{courseId}";

        var form = await browser.GetAsync(url);
        var tooEarly = await browser.PostFormAsync(url, Ratings("too early", 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0));
        var saved = await browser.PostFormAsync(url, Ratings("two phases", 2, 2, 2, 2, 1, 1, 0, 0));
        var (list, _) = await browser.GetFollowingAsync("/therapist/supervision");

        Assert.Contains("Ending (termination phase) Not yet rated: the course has not reached this phase.", form.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Ratings[WarningSignsNamed]", form.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.Status);
        Assert.Contains("The course has not reached the phase of", tooEarly.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, saved.Status);
        Assert.Contains("10 of 16", list.Words, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.FidelityReviews.CountAsync(f => f.CourseId == courseId)));
    }

    [Fact]
    public async Task TheCoursesTherapistCannotRateItAndAnotherTherapistGetsNotFound()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient);
        var colleague = await app.CreateAccountAsync(Roles.Therapist);
        using var own = app.NewClient();
        await own.SignInAsync(therapist);
        using var other = app.NewClient();
        await other.SignInAsync(colleague);
        var url = $"/therapist/supervision/courses/{courseId}";

        // Each posts with a token from a page they may open, to the supervision address of the course.
        var ownRating = await own.PostFormAsync("/therapist/supervision", Ratings("by self", 2, 2, 2, 2, 2, 2, 2, 2), url);
        var otherRating = await other.PostFormAsync("/therapist/supervision", Ratings("by a stranger", 2, 2, 2, 2, 2, 2, 2, 2), url);
        var otherCoursePage = await other.GetAsync($"/therapist/patients/{patient.Id}/course");

        Assert.Equal(HttpStatusCode.NotFound, ownRating.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherRating.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherCoursePage.Status);
        Assert.False(await app.QueryAsync(db => db.FidelityReviews.AnyAsync(f => f.CourseId == courseId)));
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
