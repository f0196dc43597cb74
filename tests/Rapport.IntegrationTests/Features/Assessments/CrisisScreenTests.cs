using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>
/// The result page after a risk answer is the crisis screen and nothing else: the lines, the plan, who was told. The
/// same answers without the risk answer show the score, the pattern and the next questionnaire, so each test can fail.
/// </summary>
public abstract partial class CrisisScreenTests(RapportApp app)
{
    // Five items at "more than half the days" including low mood: a pattern the result page calls "suggests ...".
    private static readonly int?[] Depressed = [2, 2, 2, 2, 2, 0, 0, 0, 0, 1];

    private static int?[] WithItem9(int item9) => [.. Depressed[..8], item9, Depressed[9]];

    /// <summary>A patient whose intake is done, so PHQ-9, GAD-7 and WSAS are due: after the PHQ-9, GAD-7 would come next.</summary>
    private async Task<(TestAccount Patient, Visitor Browser)> PatientWithMeasuresDueAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.CompleteIntakeAsync(patient, "Low since the move");
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    private static async Task<Visitor.Page> AnswerPhq9Async(Visitor browser, int?[] answers)
    {
        var form = await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));
        var fields = new Dictionary<string, string> { ["SubmissionId"] = SubmissionId().Match(form.Html).Groups[1].Value };
        for (var i = 0; i < answers.Length; i++)
        {
            fields[$"Answers[{i + 1}]"] = answers[i]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        return await browser.GetAsync(sent.Location!);
    }

    [Fact]
    public async Task ARiskAnswerShowsTheCrisisLinesAndNoSuggestsSentenceNoScoreAndNoNextQuestionnaire()
    {
        var (_, browser) = await PatientWithMeasuresDueAsync();
        using var _b = browser;

        var screen = await AnswerPhq9Async(browser, WithItem9(1));

        Assert.Equal(HttpStatusCode.OK, screen.Status);
        Assert.Contains("Help is here if you need it", screen.Words, StringComparison.Ordinal);
        Assert.Contains(SafetyWords.Opening, screen.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:112\"", screen.Html, StringComparison.Ordinal);
        Assert.Contains("TelefonSeelsorge", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("suggests", screen.Words, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Your total", screen.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Next:", screen.Words, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Gad7)}\"", screen.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameAnswersWithoutARiskAnswerStillShowTheScoreThePatternAndTheNextQuestionnaire()
    {
        var (_, browser) = await PatientWithMeasuresDueAsync();
        using var _b = browser;

        var result = await AnswerPhq9Async(browser, WithItem9(0));

        Assert.Contains("Your total: 10 out of 27", result.Words, StringComparison.Ordinal);
        Assert.Contains("The pattern of your answers suggests major depressive syndrome", result.Words, StringComparison.Ordinal);
        Assert.Contains("Next: Generalised Anxiety Disorder scale", result.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"{InstrumentCatalog.MeasurePath(InstrumentCatalog.Gad7)}\"", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Help is here", result.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientInCareIsToldTheirCareTeamWasTold()
    {
        var (_, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var screen = await AnswerPhq9Async(browser, WithItem9(2));

        Assert.Contains("Your care team has been told and will contact you.", screen.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("You do not have a therapist", screen.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWithoutATherapistIsNotPromisedOneButToldWhoAtTheClinicWasTold()
    {
        var (_, browser) = await PatientWithMeasuresDueAsync();
        using var _b = browser;

        var screen = await AnswerPhq9Async(browser, WithItem9(2));

        // The clinical lead on duty, or the clinic's team when nobody is on duty: which one depends on the rota of the shared app.
        Assert.Contains("You do not have a therapist with us yet, so the", screen.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Your care team has been told", screen.Words, StringComparison.Ordinal);
        Assert.Contains("start writing it now", screen.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWithASafetyPlanSeesItsStepsOnTheCrisisScreenAndThatReadIsRecordedWithThePlan()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var plan = await app.QueryAsync(async db =>
        {
            var written = SafetyPlanVersion.Write(patient.Id, null,
                new("Not answering my phone", "Music, a hot shower", "The library", "My sister Ana", "My therapist; Samaritans", "Keep the tablets at Ana's",
                    "Seeing my niece grow up"), therapist.Id, app.Clock.GetUtcNow());
            db.SafetyPlanVersions.Add(written);
            await db.SaveChangesAsync();
            return written;
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var screen = await AnswerPhq9Async(browser, WithItem9(1));

        Assert.Contains("These are the steps you wrote down for a moment like this.", screen.Words, StringComparison.Ordinal);
        Assert.Contains("What matters most to me Seeing my niece grow up", screen.Words, StringComparison.Ordinal);
        Assert.Contains("Step 4. People I can ask for help My sister Ana", screen.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("start writing it now", screen.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id
            && e.UserId == patient.Id && e.Subject == plan.Id.ToString() && e.Detail == "shown after a risk answer")));
    }

    [Fact]
    public async Task AnAnswerWithoutRiskReadsNoSafetyPlan()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.QueryAsync(async db =>
        {
            db.SafetyPlanVersions.Add(SafetyPlanVersion.Write(patient.Id, null, new("Not answering my phone", null, null, null, null, null, null),
                therapist.Id, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var result = await AnswerPhq9Async(browser, WithItem9(0));

        Assert.DoesNotContain("Your safety plan", result.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id)));
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubmissionId();
}

public sealed class CrisisScreenTestsOnSqlite(SqliteApp app) : CrisisScreenTests(app);

public sealed class CrisisScreenTestsOnPostgres(PostgresApp app) : CrisisScreenTests(app);
