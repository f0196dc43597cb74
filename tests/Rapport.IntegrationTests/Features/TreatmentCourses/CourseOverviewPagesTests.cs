using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>The course overview, its phase changes, the timeline, and who may open the course pages.</summary>
public abstract class CourseOverviewPagesTests(RapportApp app)
{
    private static readonly string[] TherapistParts = [null!, "inventory", "timeline", "formulation", "contract"];

    [Fact]
    public async Task TheTherapistOpensACourseThatStartsWithTheAssessmentAndBeginsTheInitialPhase()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient);

        var before = await browser.GetAsync(url);
        var opened = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "Open"));
        var page = await browser.GetAsync(opened.Location!);

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Contains("There is no IPT course with", before.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Contains("Course opened.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Assessment · Assessment: sessions are counted from the first session of the course", page.Words, StringComparison.Ordinal);
        Assert.Contains("Begin the initial phase", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CourseOpened && e.PatientId == patient.Id)));

        var begun = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "BeginInitial"));
        var initial = await browser.GetAsync(begun.Location!);

        Assert.Contains("Getting started (initial phase) · Session 1 · no contract yet", initial.Words, StringComparison.Ordinal);
        Assert.Contains("What to do next in this phase", initial.Words, StringComparison.Ordinal);
        Assert.Contains("To do: Interpersonal inventory completed with the patient", initial.Words, StringComparison.Ordinal);
        Assert.Contains("To do: Contract signed by both", initial.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CoursePhaseChanged && e.PatientId == patient.Id
            && e.Detail == "Assessment to Initial")));
    }

    [Fact]
    public async Task BeginningTheMiddlePhaseWithoutAnAgreedFormulationAndASignedContractIsRefusedAndNothingChanges()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInInitialPhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient);

        var noFormulation = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "BeginMiddle"));

        Assert.Equal(HttpStatusCode.BadRequest, noFormulation.Status);
        Assert.Contains("Write the formulation and agree it with the patient before the middle phase.", noFormulation.Words, StringComparison.Ordinal);

        var (other, otherPatient) = await app.PatientInCareAsync();
        await app.CourseWithAgreedFormulationAsync(other, otherPatient);
        using var second = await app.BrowserForAsync(other);
        var otherUrl = CoursePages.Course(otherPatient);
        var noContract = await second.PostFormAsync(otherUrl, new Dictionary<string, string>(), CoursePages.Handler(otherUrl, "BeginMiddle"));

        Assert.Equal(HttpStatusCode.BadRequest, noContract.Status);
        Assert.Contains("The treatment contract must be signed by both of you before the middle phase.", noContract.Words, StringComparison.Ordinal);
        Assert.Equal(CoursePhase.Initial, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Phase).SingleAsync()));
        Assert.Equal(CoursePhase.Initial, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.PatientId == otherPatient.Id).Select(c => c.Phase).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CoursePhaseChanged
            && (e.PatientId == patient.Id || e.PatientId == otherPatient.Id))));
    }

    [Fact]
    public async Task WithAgreedFormulationAndSignedContractTheMiddlePhaseBeginsAndItsSessionsListLinksToTheNotes()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        await app.SignByBothAsync(await app.DraftContractAsync(courseId, sessions: 8), therapist, patient);
        var next = await app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patient.Id).Select(a => a.Id).SingleAsync());
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient);

        var begun = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "BeginMiddle"));
        var page = await browser.GetAsync(begun.Location!);

        Assert.Contains("The middle phase has begun.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Working on the focus (middle phase) · Session 1 of 8 · 8 weeks left", page.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}/sessions/{next}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("No decision is waiting for the patient's report.", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceTheContractsEndingWindowIsReachedTheEndingIsRaisedProminentlyAndTerminationBegins()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient, sessions: 4);
        await app.HoldUntilTheEndingAsync(courseId);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient);

        var page = await browser.GetAsync(url);

        Assert.Contains("Time to raise the ending", page.Words, StringComparison.Ordinal);
        Assert.Contains("2 of 4 contracted sessions remain.", page.Words, StringComparison.Ordinal);
        var begun = await browser.PostFormAsync(url, new Dictionary<string, string>(), CoursePages.Handler(url, "BeginTermination"));
        var after = await browser.GetAsync(begun.Location!);
        Assert.Contains("Ending well (termination phase)", after.Words, StringComparison.Ordinal);
        Assert.Contains("To do: Termination review completed with the patient", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Time to raise the ending", after.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndingACourseEarlyNeedsAReasonAndThenNothingMoreChanges()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient);

        var refused = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = " " }, CoursePages.Handler(url, "EndEarly"));
        var ended = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Reason"] = "Moving abroad; referred to a local service" }, CoursePages.Handler(url, "EndEarly"));
        var page = await browser.GetAsync(ended.Location!);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Write why the course is ending early.", refused.Words, StringComparison.Ordinal);
        Assert.Contains("This course has ended (Ended early: Moving abroad; referred to a local service).", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Move the course on", page.Words, StringComparison.Ordinal);
        var inventory = CoursePages.Course(patient, "inventory");
        Assert.DoesNotContain("Add a person", (await browser.GetAsync(inventory)).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTherapistGetsNotFoundOnEveryCoursePage()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = await app.BrowserForAsync(stranger);

        foreach (var part in TherapistParts)
        {
            var page = await browser.GetAsync(CoursePages.Course(patient, part));

            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("the rows with Sam", page.Html, StringComparison.Ordinal);
        }
        Assert.Equal(TherapistParts.Length, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.CourseRead
            && e.UserId == stranger.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task APatientCannotOpenTheTherapistsCoursePages()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(patient);

        foreach (var part in TherapistParts)
        {
            var (page, url) = await browser.GetFollowingAsync(CoursePages.Course(patient, part));

            Assert.Contains("/account/access-denied", url, StringComparison.Ordinal);
            Assert.DoesNotContain("the rows with Sam", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryCoursePageReadWritesAnAuditRowNamingThePatient()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var therapistBrowser = await app.BrowserForAsync(therapist);
        using var patientBrowser = await app.BrowserForAsync(patient);

        foreach (var part in TherapistParts)
        {
            Assert.Equal(HttpStatusCode.OK, (await therapistBrowser.GetAsync(CoursePages.Course(patient, part))).Status);
        }
        foreach (var address in new[] { "/my-plan/people", "/my-plan/formulation", "/my-plan/contract" })
        {
            Assert.Equal(HttpStatusCode.OK, (await patientBrowser.GetAsync(address)).Status);
        }

        var rows = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.CourseRead && e.PatientId == patient.Id
            && e.Outcome == AuditOutcome.Success).Select(e => new { e.UserId, e.Subject }).ToListAsync());
        foreach (var part in TherapistParts)
        {
            Assert.Contains(rows, r => r.UserId == therapist.Id && r.Subject == $"GET {CoursePages.Course(patient, part)}");
        }
        foreach (var address in new[] { "/my-plan/people", "/my-plan/formulation", "/my-plan/contract" })
        {
            Assert.Contains(rows, r => r.UserId == patient.Id && r.Subject == $"GET {address}");
        }
    }

    [Fact]
    public async Task TheTimelineShowsLifeEventsOnsetTriggerAndPhq9InOnePictureAndATable()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CompleteIntakeAsync(patient, "Since the move I feel low.");
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18));
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);

        var page = await browser.GetAsync(CoursePages.Course(patient, "timeline"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Html, "<svg"));
        Assert.Contains("Life events, the start of low mood and the PHQ-9 over time", page.Html, StringComparison.Ordinal);
        Assert.Contains("A move: Moved from Hamburg for work.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Low mood began", page.Words, StringComparison.Ordinal);
        Assert.Contains("Trigger in the formulation: Went back to work in March; the rows with Sam began", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 18 (Moderately severe)", page.Words, StringComparison.Ordinal);
        var table = page.Html[page.Html.IndexOf("id=\"timeline-table\"", StringComparison.Ordinal)..];
        Assert.True(table.IndexOf("A move", StringComparison.Ordinal) < table.IndexOf("Low mood began", StringComparison.Ordinal));
        Assert.True(table.IndexOf("Low mood began", StringComparison.Ordinal) < table.IndexOf("PHQ-9 18", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APatientWithoutACourseIsToldKindlyThatTheirTherapistWillStartIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = await app.BrowserForAsync(patient);

        foreach (var address in new[] { "/my-plan/people", "/my-plan/formulation", "/my-plan/contract" })
        {
            var page = await browser.GetAsync(address);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Your therapist has not started your treatment plan yet.", page.Words, StringComparison.Ordinal);
        }
    }
}

public sealed class CourseOverviewPagesTestsOnSqlite(SqliteApp app) : CourseOverviewPagesTests(app);

public sealed class CourseOverviewPagesTestsOnPostgres(PostgresApp app) : CourseOverviewPagesTests(app);
