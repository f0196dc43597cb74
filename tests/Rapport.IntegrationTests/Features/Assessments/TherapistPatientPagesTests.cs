using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>/therapist/patients and /therapist/patients/{patientId}: the therapist's view of their own patients' records.</summary>
public abstract class TherapistPatientPagesTests(RapportApp app)
{
    [Fact]
    public async Task TheTherapistSeesTheirPatientWithTheIntakeSummaryTheTimelineAndAChartPerInstrument()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var concern = $"Since the move I feel alone ({Guid.NewGuid():N}).";
        await app.CompleteIntakeAsync(patient, concern);
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(21));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(7));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(concern, page.Words, StringComparison.Ordinal);
        Assert.Contains("Kim Example (Sister)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Berlin, Neukölln", page.Words, StringComparison.Ordinal);
        Assert.Contains("Consent to treatment, version 1", page.Words, StringComparison.Ordinal);
        Assert.Contains("Life events and the start of low mood", page.Html, StringComparison.Ordinal);
        Assert.Contains("A move: Moved from Hamburg for work.", page.Words, StringComparison.Ordinal);
        Assert.Contains("low mood began", page.Words, StringComparison.Ordinal);
        Assert.Contains("<svg", page.Html, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 over time", page.Html, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 from 21 (Severe)", page.Words, StringComparison.Ordinal);
        Assert.Contains("to 7 (Mild)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Reliable improvement", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.IntakeRead && e.UserId == therapist.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task ATherapistWhoDoesNotTreatThePatientGetsNotFound()
    {
        var (_, patient) = await app.PatientInCareAsync();
        await app.CompleteIntakeAsync(patient, "Private words.");
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Private words.", page.Html, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.IntakeRead && e.UserId == stranger.Id && e.PatientId == patient.Id && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task AnotherPatientIsRefusedTheTherapistsPatientPage()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var other = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(other);

        var (page, url) = await browser.GetFollowingAsync($"/therapist/patients/{patient.Id}");

        Assert.StartsWith("https://rapport.test/account/access-denied", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task TheListOfPatientsShowsTheLatestPhq9AndAnOpenAlert()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(16));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(12, item9: 1));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/patients");

        var name = await app.DisplayNameAsync(patient);
        Assert.Contains($"{name} Not started 12 (Moderate)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Open alert", page.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapist/patients/{patient.Id}", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingAMeasureMakesItDueForThePatientAndEmailsThemWithoutClinicalWords()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync($"/therapist/patients/{patient.Id}", new Dictionary<string, string> { ["InstrumentId"] = InstrumentCatalog.Gad7 },
            $"/therapist/patients/{patient.Id}?handler=SendMeasure");

        Assert.Contains("GAD-7 sent.", page.Words, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var due = await scope.ServiceProvider.GetRequiredService<DueMeasures>().ForPatientAsync(patient.Id, CancellationToken.None);
            var gad7 = Assert.Single(due, d => d.Instrument.Id == InstrumentCatalog.Gad7);
            Assert.NotNull(gad7.RequestId);
        }
        var mail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Rapport: something is waiting for you");
        Assert.Contains("There is something waiting for you in Rapport. Please sign in to see it:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://rapport.test/patient", mail.TextBody, StringComparison.Ordinal);
        foreach (var word in new[] { "GAD", "anxiety", "depress", "PHQ", "questionnaire", "mood", "risk", "therapist", "check-in", "measure" })
        {
            Assert.DoesNotContain(word, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase);
        }
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.MeasureRequested && e.UserId == therapist.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AMeasureStillWaitingForAnAnswerIsNotSentTwice()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var form = new Dictionary<string, string> { ["InstrumentId"] = InstrumentCatalog.Wsas };
        await browser.PostFormAsync($"/therapist/patients/{patient.Id}", form, $"/therapist/patients/{patient.Id}?handler=SendMeasure");

        var page = await browser.PostFormAsync($"/therapist/patients/{patient.Id}", form, $"/therapist/patients/{patient.Id}?handler=SendMeasure");

        Assert.Contains("WSAS was already sent on", page.Words, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.MeasureRequests.CountAsync(r => r.PatientId == patient.Id)));
    }

    [Fact]
    public async Task TheTherapistChangesTheMeasurementPlanAndItIsAudited()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync($"/therapist/patients/{patient.Id}",
            new Dictionary<string, string> { ["Plan.Phq9Every"] = "2", ["Plan.Gad7Every"] = "3", ["Plan.WsasEvery"] = "6" },
            $"/therapist/patients/{patient.Id}?handler=ChangePlan");

        Assert.Contains("Saved. PHQ-9 before every 2nd session, GAD-7 before every 3rd session and WSAS before every 6th session.", page.Words, StringComparison.Ordinal);
        var plan = await app.QueryAsync(db => db.MeasurementPlans.AsNoTracking().SingleAsync(p => p.PatientId == patient.Id));
        Assert.Equal((2, 3, 6), (plan.Phq9EveryNthSession, plan.Gad7EveryNthSession, plan.WsasEveryNthSession));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.MeasurementPlanChanged && e.UserId == therapist.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AMeasurementPlanOutsideOneToSixteenSessionsIsRefusedAndNotSaved()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync($"/therapist/patients/{patient.Id}",
            new Dictionary<string, string> { ["Plan.Phq9Every"] = "0", ["Plan.Gad7Every"] = "4", ["Plan.WsasEvery"] = "4" },
            $"/therapist/patients/{patient.Id}?handler=ChangePlan");

        Assert.Contains("Choose a number of sessions between 1 (every session) and 16.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.MeasurementPlans.AnyAsync(p => p.PatientId == patient.Id)));
    }

    [Fact]
    public async Task TheTherapistRatesTheHamD17AndTheRatingIsStoredAsTheirs()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var rate = $"/therapist/patients/{patient.Id}/rate/{InstrumentCatalog.RouteKeyOf(InstrumentCatalog.HamD17)}";
        var form = await browser.GetAsync(rate);
        var submissionId = System.Text.RegularExpressions.Regex.Match(form.Html, "name=\"SubmissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        // Items 1–9 at 2 and items 10–17 at 1: 18 + 8 = 26, "Very severe".
        var fields = Enumerable.Range(1, 17).ToDictionary(n => $"Answers[{n}]", n => n <= 9 ? "2" : "1");
        fields["SubmissionId"] = submissionId;

        var page = await browser.PostFormAsync(rate, fields);

        Assert.Contains("Saved", page.Words, StringComparison.Ordinal);
        Assert.Contains("26 out of 52: Very severe", page.Words, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.AssessmentResponses.AsNoTracking().SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal((InstrumentCatalog.HamD17, 26, therapist.Id), (stored.InstrumentId, stored.Total!.Value, stored.SubmittedById));
        // The same form sent again stores nothing more.
        await browser.PostFormAsync(rate, fields);
        Assert.Equal(1, await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ATherapistCannotRateSomeoneElsesPatient()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}/rate/{InstrumentCatalog.RouteKeyOf(InstrumentCatalog.HamD17)}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task TheRatingPageIsNotFoundUnderTheScalesName()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var byName = await browser.GetAsync($"/therapist/patients/{patient.Id}/rate/{InstrumentCatalog.HamD17}");
        var patientPage = await browser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Equal(HttpStatusCode.NotFound, byName.Status);
        Assert.Contains($"/rate/{InstrumentCatalog.RouteKeyOf(InstrumentCatalog.HamD17)}\"", patientPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/rate/ham", patientPage.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APatientRatedInstrumentCannotBeRatedByTheTherapist()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}/rate/{InstrumentCatalog.RouteKeyOf(InstrumentCatalog.Phq9)}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}

public sealed class TherapistPatientPagesTestsOnSqlite(SqliteApp app) : TherapistPatientPagesTests(app);

public sealed class TherapistPatientPagesTestsOnPostgres(PostgresApp app) : TherapistPatientPagesTests(app);
