using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// The patient's own pages speak in plain words, never in the clinician's IPT vocabulary (TreatmentCourses readme,
/// rule 31): the list of terms is the readme's.
/// </summary>
public abstract class PatientWordsTests(RapportApp app)
{
    /// <summary>Clinician terms a patient's page never shows (TreatmentCourses readme, rule 31).</summary>
    public static readonly string[] ClinicianTerms =
    [
        "renegotiation", "impasse", "dissolution", "sick role", "role dispute", "role transition", "interpersonal deficits",
        "interpersonal sensitivity", "interpersonal inventory", "problem area", "formulation", "termination", "IPT-M",
        "communication analysis", "decision analysis", "caseness", "working diagnosis", "ICD",
        .. DiagnosisList.All.Where(d => d.Code != DiagnosisList.Other).SelectMany(d => new[] { d.Code, d.Title }),
    ];

    private static readonly string[] PatientPages =
        ["/patient", "/my-plan", "/my-plan/people", "/my-plan/formulation", "/my-plan/contract", "/my-plan/review", "/progress", "/measures", "/safety-plan", "/account/data"];

    private async Task AssertPlainWordsAsync(TestAccount patient)
    {
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var shown = new List<string>();
        foreach (var url in PatientPages)
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {page.Status}");
            shown.AddRange(ClinicianTerms.Where(t => page.Words.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{url}: {t}"));
            // A band's name is shown only with what it means: the range of scores it covers.
            shown.AddRange(InstrumentCatalog.All.SelectMany(i => i.Bands)
                .Where(b => page.Words.Contains(b.Label, StringComparison.OrdinalIgnoreCase)
                    && !InstrumentCatalog.All.SelectMany(i => i.Bands).Any(e => e.Label == b.Label && page.Words.Contains($"{e.Label} {e.Min}–{e.Max}", StringComparison.Ordinal)))
                .Select(b => $"{url}: {b.Label} without its range").Distinct());
        }
        Assert.Empty(shown);
    }

    [Fact]
    public async Task APatientInTheMiddlePhaseOfARoleDisputeWithADiagnosisRecordedReadsNoClinicianTermsOnTheirPages()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(17));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(3));
        await app.CourseInMiddlePhaseAsync(therapist, patient);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<InitialPhaseTasks>();
            await tasks.RecordDiagnosisAsync(therapist.Id, patient.Id, "6A71", null, CancellationToken.None);
            // Test accounts keep Berlin time: the day is the therapist's.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
            await tasks.GiveSickRoleAsync(therapist.Id, patient.Id, today, CancellationToken.None);
        }

        await AssertPlainWordsAsync(patient);
    }

    [Fact]
    public async Task APatientInMaintenanceReadsNoClinicianTermsOnTheirPages()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInMaintenanceAsync(therapist, patient);

        await AssertPlainWordsAsync(patient);
    }
}

public sealed class PatientWordsTestsOnSqlite(SqliteApp app) : PatientWordsTests(app);

public sealed class PatientWordsTestsOnPostgres(PostgresApp app) : PatientWordsTests(app);
