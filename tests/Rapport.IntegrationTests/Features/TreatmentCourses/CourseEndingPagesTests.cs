using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>The termination review, the maintenance plan, the relapse alert, and the patient's copy and plan.</summary>
public abstract class CourseEndingPagesTests(RapportApp app)
{
    private static Dictionary<string, string> Review(string version, string? sign, string? whatToDo) => new()
    {
        ["Form.Version"] = version,
        ["Form.GainsInOwnWords"] = "I can say what I need without a row",
        ["Form.WarningSigns[0].Text"] = sign ?? "",
        ["Form.WarningSigns[0].Plan"] = whatToDo ?? "",
        ["Form.WarningSigns[1].Text"] = "",
        ["Form.WarningSigns[1].Plan"] = "",
        ["Form.AnticipatedProblems[0].Text"] = "Sam's new job",
        ["Form.AnticipatedProblems[0].Plan"] = "Agree the evenings again",
        ["Form.EmergencyContact"] = "My sister Ana, 0171 555 0101",
        ["Form.Decision"] = nameof(MaintenanceDecision.Maintenance),
        ["Form.DecisionNote"] = "Monthly for a year",
    };

    [Fact]
    public async Task TheTerminationPhaseBeginsFromThePageAndTheReviewCannotCompleteWithoutWarningSigns()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInMiddlePhaseAsync(therapist, patient, sessions: 4);
        await app.HoldUntilTheEndingAsync(courseId);
        var url = $"/therapist/patients/{patient.Id}/course/termination";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var begun = await browser.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Begin");
        Assert.Equal(HttpStatusCode.Redirect, begun.Status);

        var page = await browser.PostFormAsync(url, Review("0", null, null), url + "?handler=Complete");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("List at least one personal warning sign, each with what to do about it.", page.Words, StringComparison.Ordinal);
        Assert.Contains("value=\"Sam's new job\"", System.Net.WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.TerminationReviews.AnyAsync(r => r.PatientId == patient.Id)));
        Assert.Equal(CoursePhase.Termination, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.PatientId == patient.Id).Select(c => c.Phase).SingleAsync()));

        var halfSign = await browser.PostFormAsync(url, Review("0", "Staying in bed at weekends", null), url + "?handler=Complete");
        Assert.Equal(HttpStatusCode.BadRequest, halfSign.Status);
        Assert.Contains("each with what to do about it", halfSign.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACompletedReviewComparesTheScoresIsLockedAndThePatientKeepsTheirCopy()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(19));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(6));
        await app.CourseInTerminationAsync(therapist, patient);
        var url = $"/therapist/patients/{patient.Id}/course/termination";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var form = await browser.GetAsync(url);
        Assert.Contains("PHQ-9 19 6 −13", form.Words, StringComparison.Ordinal);
        Assert.Contains("<svg", form.Html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(form.Html, "name=\"Form.WarningSigns\\[\\d\\].Text\"").Count);
        var done = await browser.PostFormAsync(url, Review("0", "Staying in bed at weekends", "Phone my sister and plan a walk"), url + "?handler=Complete");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Contains("Review complete.", (await browser.GetAsync(done.Location!)).Words, StringComparison.Ordinal);

        var edit = await browser.PostFormAsync(url, Review("2", "Something else", "Anything"), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.Contains("This review is complete and the patient has their copy; it can no longer change.", edit.Words, StringComparison.Ordinal);
        var review = await app.QueryAsync(db => db.TerminationReviews.AsNoTracking().SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal("Staying in bed at weekends", Assert.Single(review.WarningSigns).Sign);
        Assert.Equal([new ScoreComparison("PHQ-9", 19, 6)], review.Scores);
        Assert.Equal(6, review.EndOfAcutePhq9);

        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        var copy = await patientBrowser.GetAsync("/my-plan/review");
        Assert.Equal(HttpStatusCode.OK, copy.Status);
        Assert.Contains("Staying in bed at weekends What I will do: Phone my sister and plan a walk", copy.Words, StringComparison.Ordinal);
        Assert.Contains("My sister Ana, 0171 555 0101", copy.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", copy.Html.Replace("sign-out", "", StringComparison.Ordinal)[copy.Html.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("My sister Ana, 0171 555 0101", (await patientBrowser.GetAsync("/my-plan")).Words, StringComparison.Ordinal);

        var closed = await browser.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.Equal(CoursePhase.Closed, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.PatientId == patient.Id).Select(c => c.Phase).SingleAsync()));
        var afterClose = await patientBrowser.GetAsync("/my-plan");
        Assert.Contains("Completed", afterClose.Words, StringComparison.Ordinal);
        Assert.Contains("My sister Ana, 0171 555 0101", afterClose.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCourseCannotCloseFromTerminationBeforeTheReviewIsComplete()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInTerminationAsync(therapist, patient);
        var url = $"/therapist/patients/{patient.Id}/course/termination";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync(url, new Dictionary<string, string>(), url + "?handler=Close");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Complete the termination review with the patient before closing the course.", page.Words, StringComparison.Ordinal);
        Assert.Equal(CoursePhase.Termination, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.PatientId == patient.Id).Select(c => c.Phase).SingleAsync()));
    }

    [Fact]
    public async Task AMaintenancePlanWithoutMaintenanceChosenIsRefused()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInTerminationAsync(therapist, patient);
        await app.CompleteReviewAsync(courseId, therapist, MaintenanceDecision.NoMaintenance);
        var url = $"/therapist/patients/{patient.Id}/course/maintenance";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Form.Frequency"] = nameof(MaintenanceFrequency.Monthly),
            ["Form.LengthMonths"] = "12",
            ["Form.StartDate"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddMonths(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Form.SessionTime"] = "10:00",
        }, url + "?handler=Create");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("A maintenance plan follows a completed termination review in which maintenance was chosen.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.MaintenancePlans.AnyAsync(p => p.CourseId == courseId)));
        Assert.Equal(CoursePhase.Termination, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Phase).SingleAsync()));
    }

    [Fact]
    public async Task AMaintenancePlanWithoutTheFirstDateOrTheTimeIsRefusedAndNothingIsBooked()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInTerminationAsync(therapist, patient);
        await app.CompleteReviewAsync(courseId, therapist, MaintenanceDecision.Maintenance);
        var url = $"/therapist/patients/{patient.Id}/course/maintenance";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var plan = new Dictionary<string, string>
        {
            ["Form.Frequency"] = nameof(MaintenanceFrequency.Monthly),
            ["Form.LengthMonths"] = "12",
            ["Form.SessionTime"] = "10:00",
        };

        var noDate = await browser.PostFormAsync(url, plan, url + "?handler=Create");
        plan.Remove("Form.SessionTime");
        plan["Form.StartDate"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddMonths(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var noTime = await browser.PostFormAsync(url, plan, url + "?handler=Create");

        Assert.Equal(HttpStatusCode.BadRequest, noDate.Status);
        Assert.Contains("Choose the date of the first maintenance session.", noDate.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noTime.Status);
        Assert.Contains("Choose the time of the maintenance sessions.", noTime.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.MaintenancePlans.AnyAsync(p => p.CourseId == courseId)));
        Assert.Equal(CoursePhase.Termination, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Phase).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == patient.Id && a.StartUtc > app.Clock.GetUtcNow().AddDays(20))));
    }

    [Fact]
    public async Task MonthlyMaintenanceAfterAnUnremittedEndingAsksForTheReasonAndKeepsIt()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInTerminationAsync(therapist, patient);
        await app.CompleteReviewAsync(courseId, therapist, MaintenanceDecision.Maintenance, endOfAcutePhq9: 8);
        var url = $"/therapist/patients/{patient.Id}/course/maintenance";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var plan = new Dictionary<string, string>
        {
            ["Form.Frequency"] = nameof(MaintenanceFrequency.Monthly),
            ["Form.LengthMonths"] = "12",
            ["Form.StartDate"] = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddMonths(1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Form.SessionTime"] = "10:00",
        };

        var form = await browser.GetAsync(url);
        var refused = await browser.PostFormAsync(url, plan, url + "?handler=Create");

        Assert.Contains("The last PHQ-9 is 8: not in remission (below 5).", form.Words, StringComparison.Ordinal);
        Assert.Contains("amend the contract to add sessions", form.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("write why monthly maintenance is right", refused.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.MaintenancePlans.AnyAsync(p => p.CourseId == courseId)));

        plan["Form.NotRemittedReason"] = "Improving every week; monthly through the anniversary, fortnightly if not below 5 by the third.";
        var created = await browser.PostFormAsync(url, plan, url + "?handler=Create");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("Monthly although the last PHQ-9 (8) was not in remission, because: Improving every week;", created.Words, StringComparison.Ordinal);
        Assert.Equal(CoursePhase.Maintenance, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Phase).SingleAsync()));
    }

    [Fact]
    public async Task CreatingTheMaintenancePlanBeginsMaintenanceAndBooksTheMonthlySessionsWithinTheBookingHorizon()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseInTerminationAsync(therapist, patient);
        await app.CompleteReviewAsync(courseId, therapist, MaintenanceDecision.Maintenance);
        var url = $"/therapist/patients/{patient.Id}/course/maintenance";
        var start = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddMonths(1));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Form.Frequency"] = nameof(MaintenanceFrequency.Monthly),
            ["Form.LengthMonths"] = "12",
            ["Form.StartDate"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Form.SessionTime"] = "10:00",
        }, url + "?handler=Create");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("sessions are booked", page.Words, StringComparison.Ordinal);
        Assert.Contains("beyond your booking horizon of 120 days", page.Words, StringComparison.Ordinal);
        Assert.Contains("Monthly for 12 months", page.Words, StringComparison.Ordinal);
        Assert.Equal(CoursePhase.Maintenance, await app.QueryAsync(db => db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Phase).SingleAsync()));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id && a.TherapistId == therapist.Id)
            .OrderBy(a => a.StartUtc).ToListAsync());
        var maintenance = booked.Where(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.StartUtc, berlin).DateTime) >= start).ToList();
        Assert.InRange(maintenance.Count, 3, 4);
        Assert.All(maintenance, a => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.StartUtc, berlin).DateTime)));
        Assert.Equal(start, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenance[0].StartUtc, berlin).DateTime));
        Assert.Equal(start.AddMonths(1), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenance[1].StartUtc, berlin).DateTime));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.MaintenancePlanned && e.PatientId == patient.Id)));

        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        var plan = await patientBrowser.GetAsync("/my-plan");
        Assert.Contains("Staying well (maintenance)", plan.Words, StringComparison.Ordinal);
        Assert.Contains("Your next check-in", plan.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APhq9RisingByFiveInMaintenanceAlertsTheTherapistPlainlyOffersAnEarlierSessionAndIsAcknowledged()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMaintenanceAsync(therapist, patient, endOfAcutePhq9: 3);

        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(8));

        var alert = await app.QueryAsync(db => db.RelapseAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        Assert.Equal((8, 3, true, false), (alert.Phq9, alert.EndOfAcutePhq9!.Value, alert.RoseByFiveOrMore, alert.ReachedTen));
        var mail = await app.Mail.WaitForAsync(therapist.Email, m => m.TextBody?.Contains("earlier session", StringComparison.Ordinal) == true);
        await app.AssertSaysNothingClinicalAsync(mail, patient);

        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        var plan = await patientBrowser.GetAsync("/my-plan");
        Assert.Contains("Would an earlier session help?", plan.Words, StringComparison.Ordinal);
        Assert.Contains("Your therapist has been told", plan.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/therapists/{therapist.Id}\"", plan.Html, StringComparison.Ordinal);

        var url = $"/therapist/patients/{patient.Id}/course/maintenance";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var patients = await browser.GetAsync("/therapist/patients");
        Assert.Contains($"href=\"{url}\">Relapse alert</a>", patients.Html, StringComparison.Ordinal);
        var page = await browser.GetAsync(url);
        Assert.Contains("PHQ-9 is 8: up 5 from 3 at the end of acute treatment.", page.Words, StringComparison.Ordinal);
        var acknowledged = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["AlertId"] = alert.Id.ToString(),
            ["ActionTaken"] = "Phoned; earlier session booked for Thursday",
        }, url + "?handler=Acknowledge");
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.Status);
        var after = await browser.GetAsync(acknowledged.Location!);
        Assert.Contains("What was done: Phoned; earlier session booked for Thursday", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Close the alert", after.Words, StringComparison.Ordinal);
        var closed = await app.QueryAsync(db => db.RelapseAlerts.AsNoTracking().SingleAsync(a => a.Id == alert.Id));
        Assert.False(closed.IsOpen);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.RelapseAlertAcknowledged && e.UserId == therapist.Id
            && e.PatientId == patient.Id)));
        Assert.DoesNotContain("Would an earlier session help?", (await patientBrowser.GetAsync("/my-plan")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APhq9RisingByFourAndStayingBelowTenRaisesNothing()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMaintenanceAsync(therapist, patient, endOfAcutePhq9: 3);

        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(7));

        Assert.False(await app.QueryAsync(db => db.RelapseAlerts.AnyAsync(a => a.PatientId == patient.Id)));
        using var patientBrowser = app.NewClient();
        await patientBrowser.SignInAsync(patient);
        Assert.DoesNotContain("Would an earlier session help?", (await patientBrowser.GetAsync("/my-plan")).Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyPlanShowsThePhaseTheSessionsLeftTheFocusOnceWordedTheGoalsAndTheSafetyLinks()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/my-plan");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Working on the focus (middle phase) · Session 1 of 16 · 16 weeks left", page.Words, StringComparison.Ordinal);
        Assert.Contains("A conflict with someone important", page.Words, StringComparison.Ordinal);
        Assert.Contains("Your low mood began when the rows with Sam started after you went back to work.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Talk with Sam about the evenings without a row", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Role dispute", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Renegotiation", page.Words, StringComparison.Ordinal);
        foreach (var link in new[] { "/my-plan/contract", "/my-plan/people", "/my-plan/formulation", "/safety-plan" })
        {
            Assert.Contains($"href=\"{link}\"", page.Html, StringComparison.Ordinal);
        }
        Assert.Contains("href=\"tel:", page.Html, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CourseRead && e.UserId == patient.Id && e.PatientId == patient.Id)));
    }
}

public sealed class CourseEndingPagesTestsOnSqlite(SqliteApp app) : CourseEndingPagesTests(app);

public sealed class CourseEndingPagesTestsOnPostgres(PostgresApp app) : CourseEndingPagesTests(app);
