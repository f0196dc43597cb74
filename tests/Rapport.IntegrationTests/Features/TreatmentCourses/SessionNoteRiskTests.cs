using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// Rule 30 of the TreatmentCourses readme and rule 9 of the Safety readme: while risk is raised the note page says what
/// and when, and the note of that session is signed only with its Risk section written.
/// </summary>
public abstract class SessionNoteRiskTests(RapportApp app)
{
    private const string RiskWords = "Asked about question 9. Passive thoughts at night, no plan; sister nearby. Agreed: safety plan on the fridge, call 988 if worse.";

    private async Task<(TestAccount Therapist, TestAccount Patient, Appointment Appointment, string Url)> MiddlePhaseAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        var booked = await app.QueryAsync(db => db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id).OrderBy(a => a.StartUtc).FirstAsync());
        // The session is under way, so its note can be signed (a future session's note is only drafted).
        var appointment = await app.BeganAgoAsync(booked, TimeSpan.FromMinutes(5));
        return (therapist, patient, appointment, $"/therapist/patients/{patient.Id}/course/sessions/{appointment.Id}");
    }

    /// <summary>A PHQ-9 with item 9 answered 2, given <paramref name="ago"/> before now, with no open alert (it was answered long ago and closed).</summary>
    private Task<int> AnsweredRiskAgoAsync(TestAccount patient, TimeSpan ago) =>
        app.QueryAsync(db =>
        {
            var scored = InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, CareRecords.Phq9(12, item9: 2));
            db.AssessmentResponses.Add(AssessmentResponse.Record(patient.Id, patient.Id, scored, Guid.NewGuid(), app.Clock.GetUtcNow() - ago));
            return db.SaveChangesAsync();
        });

    private static Dictionary<string, string> Note(string? risk) => new()
    {
        ["Form.Version"] = "0",
        ["Form.MoodSinceLastTime"] = "Low most of the week",
        ["Form.Risk"] = risk ?? "",
    };

    [Fact]
    public async Task TheNotePageShowsItem9AndTheOpenAlertsBesideThePhq9OfTheWeek()
    {
        var (therapist, patient, _, url) = await MiddlePhaseAsync();
        // Two answers a few minutes apart, each with its alert (the same answers sent again would be the same response).
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(17, item9: 3));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18, item9: 3));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync(url);

        Assert.Contains("PHQ-9 this week: 18", page.Words, StringComparison.Ordinal);
        Assert.Contains("Item 9 answered 3.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Risk raised", page.Words, StringComparison.Ordinal);
        Assert.Contains("2 open safety alerts, the oldest since", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 item 9 answered 3 (\u201cNearly every day\u201d) on", page.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/alerts\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Risk\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileRiskIsRaisedTheNoteIsNotSignedWithoutItsRiskSectionAndKeepsWhatWasTyped()
    {
        var (therapist, patient, appointment, url) = await MiddlePhaseAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14, item9: 1));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var refused = await browser.PostFormAsync(url, Note(risk: null), url + "?handler=Sign");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("id=\"note-risk-error\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Risk was raised at this session: write what you asked, what the patient said and what you agreed before signing.", refused.Words, StringComparison.Ordinal);
        Assert.Contains(">Low most of the week</textarea>", refused.Form, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SessionNotes.AnyAsync(n => n.AppointmentId == appointment.Id && n.SignedAt != null)));
    }

    [Fact]
    public async Task WithItsRiskSectionWrittenTheNoteIsSignedShowsTheSectionAndStoresItEncrypted()
    {
        var (therapist, patient, appointment, url) = await MiddlePhaseAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14, item9: 1));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var signed = await browser.PostFormAsync(url, Note(RiskWords), url + "?handler=Sign");
        var page = await browser.GetAsync(signed.Location!);

        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        Assert.Contains($"Risk {RiskWords}", page.Words, StringComparison.Ordinal);
        var note = await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id));
        Assert.True(note.IsSigned);
        Assert.True(note.RiskRaised);
        Assert.DoesNotContain("Passive thoughts", await app.RawTextAsync("SessionNotes", "RiskSection", "Id", note.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARiskAnswerTwentySevenDaysAgoStillRaisesRisk()
    {
        var (therapist, patient, _, url) = await MiddlePhaseAsync();
        await AnsweredRiskAgoAsync(patient, TimeSpan.FromDays(27));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var refused = await browser.PostFormAsync(url, Note(risk: null), url + "?handler=Sign");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("PHQ-9 item 9 answered 2", refused.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARiskAnswerTwentyNineDaysAgoWithNoOpenAlertNoLongerRaisesRisk()
    {
        var (therapist, patient, appointment, url) = await MiddlePhaseAsync();
        await AnsweredRiskAgoAsync(patient, TimeSpan.FromDays(29));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync(url);
        var signed = await browser.PostFormAsync(url, Note(risk: null), url + "?handler=Sign");

        Assert.DoesNotContain("Risk raised", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Form.Risk\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signed.Status);
        Assert.False((await app.QueryAsync(db => db.SessionNotes.AsNoTracking().SingleAsync(n => n.AppointmentId == appointment.Id))).RiskRaised);
    }
}

public sealed class SessionNoteRiskTestsOnSqlite(SqliteApp app) : SessionNoteRiskTests(app);

public sealed class SessionNoteRiskTestsOnPostgres(PostgresApp app) : SessionNoteRiskTests(app);
