using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>/therapist/patients/{patientId}/course/sessions/{appointmentId}: the note of one session, a draft until signed, then locked with amendments.</summary>
public abstract class SessionNotePagesTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, Appointment Appointment, string Url)> MiddlePhaseAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id).OrderBy(a => a.StartUtc).FirstAsync());
        // The session is under way, so its note can be signed (a future session's note is only drafted).
        var appointment = await app.BeganAgoAsync(booked, TimeSpan.FromMinutes(5));
        return (therapist, patient, appointment, $"/therapist/patients/{patient.Id}/course/sessions/{appointment.Id}");
    }

    private static Dictionary<string, string> Note(string version, string mood, string task) => new()
    {
        ["Form.Version"] = version,
        ["Form.MoodSinceLastTime"] = mood,
        ["Form.InterpersonalEvents"] = "Row with Sam about bedtime on Tuesday; low on Wednesday",
        ["Form.ProblemAreaWork"] = "Renegotiation: what each expects of the evenings",
        ["Form.BetweenSessionTask"] = task,
        ["Form.WhatWasSaid"] = "You never help with the children",
        ["Form.WhatWasMeant"] = "I am exhausted and need you",
    };

    private static IEnumerable<KeyValuePair<string, string>> WithTechniques(Dictionary<string, string> fields, params Technique[] techniques) =>
        fields.Concat(techniques.Select(t => new KeyValuePair<string, string>("Form.Techniques", t.ToString())));

    [Fact]
    public async Task TheNotePageShowsSessionKOfNThePhaseItsPromptsAndThePhq9OfTheWeek()
    {
        var (therapist, patient, _, url) = await MiddlePhaseAsync();
        await app.AnswerAsync(patient, Rapport.Web.Features.Assessments.InstrumentCatalog.Phq9, CareRecords.Phq9(14));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Session 1 of 16", page.Words, StringComparison.Ordinal);
        Assert.Contains("Working on the focus (middle phase)", page.Words, StringComparison.Ordinal);
        Assert.Contains("This week's mood linked to this week's events", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 this week: 14", page.Words, StringComparison.Ordinal);
        Assert.Contains("Use of the therapeutic relationship", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0 of 4,000 characters", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("maxlength=\"4000\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoteOfASessionWhosePhq9RoseByFiveOrMoreShowsTheRiseAtTheTop()
    {
        var (therapist, patient, _, url) = await MiddlePhaseAsync();
        await app.AnswerAsync(patient, Rapport.Web.Features.Assessments.InstrumentCatalog.Phq9, CareRecords.Phq9(9));
        await app.AnswerAsync(patient, Rapport.Web.Features.Assessments.InstrumentCatalog.Phq9, CareRecords.Phq9(15));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync(url);

        Assert.Contains("PHQ-9 up 6 since the score before it (9 → 15).", page.Words, StringComparison.Ordinal);
        Assert.True(page.Html.IndexOf("note-phq9-rise", StringComparison.Ordinal) < page.Html.IndexOf("note-session", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheProblemAreaWorkedOnIsChosenFromTheFormulationAndAnotherIsRefusedWithNothingSaved()
    {
        var (therapist, patient, _, url) = await MiddlePhaseAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var fields = Note("0", "Low after Tuesday's row", "Ask Sam for Sunday");
        fields["Form.ProblemAreaWorked"] = nameof(ProblemArea.Grief);

        var refused = await browser.PostFormAsync(url, WithTechniques(fields, Technique.Advice), url + "?handler=Save");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("The problem area worked on is one of the formulation's: Role dispute.", refused.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.PatientId == patient.Id)));

        fields["Form.ProblemAreaWorked"] = nameof(ProblemArea.RoleDispute);
        var saved = await browser.PostFormAsync(url, WithTechniques(fields, Technique.Advice, Technique.EducationAboutDepression), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var note = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.PatientId == patient.Id));
        Assert.Equal(ProblemArea.RoleDispute, note.ProblemAreaWorked);
        Assert.Contains(Technique.EducationAboutDepression, note.Techniques);
    }

    [Fact]
    public async Task AnOverLongPartOfADraftIsRefusedByNameAndComesBackWholeWithNothingSaved()
    {
        var (therapist, _, appointment, url) = await MiddlePhaseAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var pasted = string.Concat(Enumerable.Repeat("Sam said the evenings are his ", 334))[..10_000];
        var note = Note("0", "Low most of the week", "Ask Sam for one evening");
        note["Form.ProblemAreaWork"] = pasted;

        var refused = await browser.PostFormAsync(url, note, url + "?handler=Save");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Problem-area work has 10,000 characters. Each part of the note can be at most 4,000 characters. Nothing was saved: shorten it and save again.",
            refused.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Draft saved.", refused.Words, StringComparison.Ordinal);
        Assert.Contains($">{pasted}</textarea>", refused.Form, StringComparison.Ordinal);
        Assert.Contains(">Low most of the week</textarea>", refused.Form, StringComparison.Ordinal);
        Assert.Contains("10,000 of 4,000 characters: 6,000 too many", refused.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == appointment.Id)));
    }

    [Fact]
    public async Task ATherapistWritesSignsAndAmendsANoteAndTheSignedNoteCannotBeEdited()
    {
        var (therapist, patient, appointment, url) = await MiddlePhaseAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var draft = await browser.PostFormAsync(url, WithTechniques(Note("0", "Low most of the week", "Ask Sam for one evening"), Technique.Clarification), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, draft.Status);
        var draftPage = await browser.GetAsync(draft.Location!);
        Assert.Contains("Draft saved.", draftPage.Words, StringComparison.Ordinal);
        Assert.Contains(">Low most of the week</textarea>", draftPage.Form, StringComparison.Ordinal);

        var signed = await browser.PostFormAsync(url, WithTechniques(Note(draftPage.HiddenValue("Form.Version"), "Low most of the week, better on Sunday", "Ask Sam for one evening"),
            Technique.Clarification), url + "?handler=Sign");
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        var signedPage = await browser.GetAsync(signed.Location!);
        Assert.Contains("Note signed.", signedPage.Words, StringComparison.Ordinal);
        Assert.Contains("Low most of the week, better on Sunday", signedPage.Words, StringComparison.Ordinal);
        Assert.Contains("Clarification; Communication analysis", signedPage.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Form.MoodSinceLastTime\"", signedPage.Html, StringComparison.Ordinal);

        var edit = await browser.PostFormAsync(url, Note("2", "Rewritten afterwards", "Something else"), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.Contains("This note is signed and cannot be changed. Add an amendment instead.", edit.Words, StringComparison.Ordinal);

        var amended = await browser.PostFormAsync(url, new Dictionary<string, string> { ["Amendment"] = "Sam's mother was visiting that week" }, url + "?handler=Amend");
        Assert.Equal(HttpStatusCode.Redirect, amended.Status);
        var amendedPage = await browser.GetAsync(amended.Location!);
        Assert.Contains("Sam's mother was visiting that week", amendedPage.Words, StringComparison.Ordinal);
        Assert.Contains(await app.DisplayNameAsync(therapist), amendedPage.Words, StringComparison.Ordinal);

        var note = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id));
        Assert.True(note.IsSigned);
        Assert.Equal("Low most of the week, better on Sunday", note.MoodSinceLastTime);
        Assert.Equal("Ask Sam for one evening", note.BetweenSessionTask);
        Assert.Equal("You never help with the children", note.CommunicationAnalysis!.WhatWasSaid);
        Assert.Equal("Sam's mother was visiting that week", Assert.Single(note.Amendments).Text);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SessionNoteSigned && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ANoteForASessionStillToComeIsKeptAsADraftAndCannotBeSignedYet()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var future = await app.BookAsync(patient, therapist, TimeSpan.FromDays(5));
        var url = $"/therapist/patients/{patient.Id}/course/sessions/{future.Id}";
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var refused = await browser.PostFormAsync(url, Note("0", "Plan: ask about the weekend", "Ask Sam for one evening"), url + "?handler=Sign");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("This session has not started yet. Save the note as a draft now and sign it once the session has begun.", refused.Words, StringComparison.Ordinal);
        Assert.Contains(">Plan: ask about the weekend</textarea>", refused.Form, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == future.Id && n.SignedAt != null)));
        var draft = await browser.PostFormAsync(url, Note("0", "Plan: ask about the weekend", "Ask Sam for one evening"), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, draft.Status);
    }

    [Fact]
    public async Task ASaveBasedOnAnOlderVersionOfTheDraftIsRefusedAndKeepsTheStoredNote()
    {
        var (therapist, _, appointment, url) = await MiddlePhaseAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        await browser.PostFormAsync(url, Note("0", "Written in the first tab", "Task one"), url + "?handler=Save");

        var stale = await browser.PostFormAsync(url, Note("0", "Written in the second tab", "Task two"), url + "?handler=Save");

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("This note was saved by someone else (or in another tab) while you were writing.", stale.Words, StringComparison.Ordinal);
        Assert.Contains(">Written in the second tab</textarea>", stale.Form, StringComparison.Ordinal);
        Assert.Contains("Written in the first tab", stale.Words, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id));
        Assert.Equal("Written in the first tab", stored.MoodSinceLastTime);
    }

    [Fact]
    public async Task AnotherTherapistGetsNotFoundOnTheNoteTheDecisionsAndTheTerminationPages()
    {
        var (_, patient, appointment, url) = await MiddlePhaseAsync();
        var decisionId = await app.WithServiceAsync(async (_, db) =>
        {
            var course = await db.TreatmentCourses.SingleAsync(c => c.PatientId == patient.Id);
            var decision = DecisionAnalysis.Open(course, "Who puts the children to bed", null, app.Clock.GetUtcNow());
            db.DecisionAnalyses.Add(decision);
            await db.SaveChangesAsync();
            return decision.Id;
        });
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);
        var course = $"/therapist/patients/{patient.Id}/course";

        foreach (var address in new[] { url, $"{course}/decisions", $"{course}/decisions/{decisionId}", $"{course}/termination", $"{course}/maintenance" })
        {
            var page = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("Who puts the children to bed", page.Html, StringComparison.Ordinal);
        }
        var post = await browser.PostFormAsync("/therapist/availability", Note("0", "A stranger's words", "None"), url + "?handler=Save");
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == appointment.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.CourseRead && e.UserId == stranger.Id
            && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task AnAppointmentOfAnotherPatientIsNotFoundOnThisPatientsCourse()
    {
        var (therapist, patient, _, _) = await MiddlePhaseAsync();
        var other = await app.CreateAccountAsync(Rapport.Web.Features.Accounts.Roles.Patient);
        var theirs = await app.BookAsync(other, therapist, TimeSpan.FromDays(5));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}/course/sessions/{theirs.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}

public sealed class SessionNotePagesTestsOnSqlite(SqliteApp app) : SessionNotePagesTests(app);

public sealed class SessionNotePagesTestsOnPostgres(PostgresApp app) : SessionNotePagesTests(app);
