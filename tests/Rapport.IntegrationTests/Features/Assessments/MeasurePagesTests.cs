using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>Answering a questionnaire through the pages: the result, the safety path at once, and what is due.</summary>
public abstract partial class MeasurePagesTests(RapportApp app)
{
    private async Task<(TestAccount Patient, Visitor Browser)> SignedInPatientAsync(string country = "DE")
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        if (country != "DE")
        {
            await app.QueryAsync(async db =>
            {
                (await db.Users.SingleAsync(u => u.Id == patient.Id)).CountryCode = country;
                return await db.SaveChangesAsync();
            });
        }
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    [Fact]
    public async Task TheQuestionnaireShowsEachQuestionAsAGroupOfChoicesWithTheAttribution()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(10, Regex.Count(page.Html, "<fieldset class=\"question\">"));
        Assert.Contains("About the last 2 weeks.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Thoughts that you would be better off dead, or of hurting yourself in some way", page.Text, StringComparison.Ordinal);
        Assert.Contains("<label for=\"q9-3\" class=\"inline-label\">Nearly every day</label>", page.Html, StringComparison.Ordinal);
        Assert.Contains(InstrumentCatalog.Phq9Instrument.Attribution, page.Text, StringComparison.Ordinal);
        Assert.Matches(SubmissionId(), page.Html);
    }

    [Fact]
    public async Task ARiskAnswerShowsTheCrisisLinesOfTheCountryFirstOnTheResultPage()
    {
        var (patient, browser) = await SignedInPatientAsync(country: "GB");
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(1, 1, 0, 1, 0, 0, 0, 0, 1, 1);

        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var responseId = Guid.Parse(ResultLink().Match(sent.Location!).Groups[1].Value);
        Assert.True(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.ResponseId == responseId && a.PatientId == patient.Id && a.ItemNumber == 9)));
        var result = await browser.GetAsync(sent.Location!);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains(SafetyWords.Opening, result.Words, StringComparison.Ordinal);
        Assert.Contains("Samaritans", result.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:116123\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"sms:85258\"", result.Html, StringComparison.Ordinal);
        Assert.True(result.Html.IndexOf("href=\"tel:999\"", StringComparison.Ordinal) < result.Html.IndexOf("href=\"tel:116123\"", StringComparison.Ordinal),
            "The country's emergency number comes first.");
        Assert.Contains("You do not have a safety plan yet", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Your total", result.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARiskAnswerShowsThePatientsOwnSafetyPlanOnTheResultPage()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null,
                new("Staying in bed all day", "Walk round the park", null, "Call Sam: 0170 1234567", null, null, "My daughter"), patient.Id, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        var fields = await browser.OpenPhq9FormAsync(0, 0, 0, 0, 0, 0, 0, 0, 2, null);

        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var result = await browser.GetAsync(sent.Location!);

        Assert.Contains("TelefonSeelsorge", result.Text, StringComparison.Ordinal);
        Assert.Contains("Walk round the park", result.Text, StringComparison.Ordinal);
        Assert.Contains("My daughter", result.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/safety-plan\">Open my safety plan", result.Html, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnAnswerWithoutRiskShowsTheTotalAndBandInPlainWordsAndTheNextMeasure()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(2, 2, 2, 2, 2, 0, 0, 0, 0, 1);

        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var result = await browser.GetAsync(sent.Location!);

        Assert.Contains("Thank you: your answers are saved", result.Text, StringComparison.Ordinal);
        Assert.Contains("Your total: 10 out of 27", result.Words, StringComparison.Ordinal);
        Assert.Contains("Totals from 10 to 14 are in the range usually called “moderate”", result.Words, StringComparison.Ordinal);
        Assert.Contains("The pattern of your answers suggests major depressive syndrome (a screening pattern, not a diagnosis).", result.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Samaritans", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(SafetyWords.AfterRiskAnswer, result.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APartlyAnsweredFormIsKeptWithoutATotalAndSaysSo()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(1, null, 1, 1, null, 1, 1, 1, 0, null);

        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var result = await browser.GetAsync(sent.Location!);

        Assert.Contains("You left 2 questions unanswered, so there is no total.", result.Words, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.AssessmentResponses.AsNoTracking().SingleAsync(r => r.PatientId == patient.Id));
        Assert.False(stored.IsComplete);
        Assert.Null(stored.Total);
    }

    [Fact]
    public async Task AnAnswerOutOfRangeIsShownAgainWithTheOtherChoicesKeptAndNothingStored()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(7, 2, 1, 1, 1, 1, 1, 1, 0, 0);

        var page = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Item 1 accepts 0, 1, 2, 3; 7 is not one of them.", page.Text, StringComparison.Ordinal);
        Assert.Matches("id=\"q2-2\"[^>]*checked", page.Html);
        Assert.Contains($"value=\"{fields["SubmissionId"]}\"", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AssessmentResponses.AnyAsync(r => r.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnAnswerOutOfRangeIsRecordedAsARefusedSubmission()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(7, 2, 1, 1, 1, 1, 1, 1, 0, 0);

        await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        var entry = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.AssessmentSubmitFailed && e.PatientId == patient.Id));
        Assert.Equal((patient.Id, AuditOutcome.Failure, InstrumentCatalog.Phq9), (entry.UserId, entry.Outcome, entry.Subject));
    }

    [Fact]
    public async Task TheResultPageRecordsWhichResponseThePatientRead()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await browser.OpenPhq9FormAsync(1, 1, 1, 1, 1, 1, 1, 1, 0, 0));
        var responseId = await app.QueryAsync(db => db.AssessmentResponses.Where(r => r.PatientId == patient.Id).Select(r => r.Id).SingleAsync());

        var result = await browser.GetAsync(sent.Location!);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var read = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.MeasurementsRead && e.PatientId == patient.Id));
        Assert.Equal((patient.Id, responseId.ToString(), InstrumentCatalog.Phq9), (read.UserId, read.Subject, read.Detail));
    }

    [Fact]
    public async Task SendingTheSameFormTwiceStoresOneResponse()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);

        var first = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var second = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(1, await app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnotherPatientsResultIsNotFound()
    {
        var (_, owner) = await SignedInPatientAsync();
        using var _o = owner;
        var sent = await owner.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await owner.OpenPhq9FormAsync(3, 3, 3, 3, 3, 3, 3, 3, 0, 3));
        var (_, other) = await SignedInPatientAsync();
        using var _p = other;

        var page = await other.GetAsync(sent.Location!);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("out of 27", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClinicianRatedScaleDoesNotExistForAPatient()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.HamD17))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/measures/no-such-scale")).Status);
    }

    [Fact]
    public async Task AQuestionnairesNameInTheAddressIsNotFoundAndItsPageAddressDoesNotNameIt()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var byName = await browser.GetAsync("/measures/phq-9");
        var byKey = await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));

        Assert.Equal(HttpStatusCode.NotFound, byName.Status);
        Assert.Equal(HttpStatusCode.OK, byKey.Status);
        Assert.Contains("Patient Health Questionnaire", byKey.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("phq", InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARestrictedInstrumentWithoutALicenceIsRefusedCalmly()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Epds));

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("This questionnaire cannot be answered here at the moment.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" class=\"stack questionnaire\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingIsDueForANewPatientWithoutSessions()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.GetAsync("/measures");

        Assert.Contains("Nothing to answer right now.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePhq9IsDueInTheTwoDaysBeforeABookedSessionAndListedWithItsReason()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await app.BookAsync(patient, therapist, TimeSpan.FromHours(3));

        var page = await browser.GetAsync("/measures");

        Assert.Contains("Patient Health Questionnaire (PHQ-9)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Before your next session.", page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9)}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("GAD-7", page.Text, StringComparison.Ordinal);
        var home = await browser.GetAsync("/patient");
        Assert.Contains("Questionnaires due", home.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9)}\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGad7IsDueBeforeTheFourthSessionWithTheTherapistCountingTheThreeBeforeIt()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        foreach (var weeksAgo in new[] { 3, 2, 1 })
        {
            await app.BeganAgoAsync(await app.BookAsync(patient, therapist), TimeSpan.FromDays(7 * weeksAgo));
        }
        await app.BookAsync(patient, therapist, TimeSpan.FromHours(3));

        var home = await browser.GetAsync("/patient");

        // The default plan asks for the GAD-7 before every fourth session (MeasurementPlan).
        Assert.Contains($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Gad7)}\"", home.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9)}\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReminderBeforeASessionLinksToTheHomePageWithoutNamingAnyMeasure()
    {
        var therapist = await app.CreateListedTherapistAsync(sessionMinutes: 20, bufferMinutes: 0);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.BookAsync(patient, therapist, TimeSpan.FromMinutes(1));

        var reminder = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Reminder: your appointment");

        Assert.Contains("Before you join, you can see whether anything is waiting for you: https://rapport.test/patient", reminder.TextBody, StringComparison.Ordinal);
        foreach (var clinical in new[] { "PHQ", "depress", "mood", "therapy", "check-in", "measure" })
        {
            Assert.DoesNotContain(clinical, reminder.TextBody!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubmissionId();

    [GeneratedRegex(@"^/measures/result/([0-9a-f-]{36})$")]
    private static partial Regex ResultLink();
}

public sealed class MeasurePagesTestsOnSqlite(SqliteApp app) : MeasurePagesTests(app);

public sealed class MeasurePagesTestsOnPostgres(PostgresApp app) : MeasurePagesTests(app);
