using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>/progress: the patient's own measures over time.</summary>
public abstract class ProgressPageTests(RapportApp app)
{
    [Fact]
    public async Task APatientSeesTheirChartTheTableAndWhatChangedInPlainWords()
    {
        var (_, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(21));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(7));
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/progress");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Your PHQ-9 score went from 21 to 7", page.Words, StringComparison.Ordinal);
        Assert.Contains("That is from the severe range to the mild range.", page.Words, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 over time", page.Html, StringComparison.Ordinal);
        Assert.Contains("Baseline", page.Words, StringComparison.Ordinal);
        Assert.Contains("\u221214 Response, Reliable improvement", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.MeasurementsRead && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task AnIncompleteAnswerIsShownWithoutAScore()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var answers = CareRecords.Phq9(12);
        answers[2] = null;
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, answers);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/progress");

        Assert.Contains("Your PHQ-9 answers so far were not complete, so there is no score yet.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Incomplete: not every question was answered, so there is no score.", page.Words, StringComparison.Ordinal);
        Assert.Contains("class=\"incomplete\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWithNoAnswersIsToldWhereToStart()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/progress");

        Assert.Contains("You have not answered any questionnaires yet.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistIsRefusedThePatientsProgressPage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (page, _) = await browser.GetFollowingAsync("/progress");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }
}

public sealed class ProgressPageTestsOnSqlite(SqliteApp app) : ProgressPageTests(app);

public sealed class ProgressPageTestsOnPostgres(PostgresApp app) : ProgressPageTests(app);
