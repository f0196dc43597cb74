using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;
using Task = System.Threading.Tasks.Task;

namespace Rapport.IntegrationTests.Features.Interoperability;

/// <summary>The patient's own copy of their records (GDPR articles 15 and 20): one FHIR Bundle, from the API and as a download.</summary>
public abstract class PatientExportTests(RapportApp app)
{
    [Fact]
    public async Task APatientTakesEverythingHeldAboutThemAsOneValidBundle()
    {
        var clinic = await FhirApiTests.ClinicOf(app);
        using var api = await app.ApiAsync(clinic.Patient);
        var since = await app.QueryAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));

        var bundle = await api.FhirAsync<Bundle>("/api/v1/me/export");

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Equal(["Appointment 1", "CarePlan 1", "Communication 1", "Composition 1", "Consent 2", "Goal 3", "Observation 4", "Patient 1", "Practitioner 1",
            "Questionnaire 3", "QuestionnaireResponse 4"],
            bundle.Entry.GroupBy(e => e.Resource!.TypeName).Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal));
        Assert.Equal(clinic.Patient.Id.ToString(), bundle.All<Patient>().Single().Id);
        Assert.Equal(clinic.Therapist.Id.ToString(), bundle.All<Practitioner>().Single().Id);
        Assert.Equal("The evening went better this week.", ((FhirString)bundle.All<Communication>().Single().Payload.Single().Content).Value);
        var plan = bundle.All<Composition>().Single();
        // What the patient typed is text in the document, never markup.
        Assert.Contains("staying in bed &lt;all day&gt; &amp; not eating", plan.Section.Single(s => s.Title == "Warning signs").Text?.Div);
        Assert.DoesNotContain(bundle.Entry, e => e.Resource is Flag);
        FhirChecks.AssertValid(bundle);
        // Other classes' patients may export at the same time (the API fuzzing): only this patient's rows count.
        var row = Assert.Single(await app.QueryAsync(db => db.AuditEvents
            .Where(e => e.Sequence > since && e.Action == AuditAction.RecordExported && e.PatientId == clinic.Patient.Id).ToListAsync()));
        Assert.Equal((clinic.Patient.Id, clinic.Patient.Id, "api"), (row.UserId!.Value, row.PatientId!.Value, row.Subject));
        Assert.Contains("Observation 4", row.Detail);
    }

    [Fact]
    public async Task ThePatientDownloadsTheSameBundleAsADatedFileFromTheirAccount()
    {
        var clinic = await FhirApiTests.ClinicOf(app);
        using var browser = app.NewClient();
        await browser.SignInAsync(clinic.Patient);

        var response = await browser.Http.GetAsync("/account/data/export");
        var bundle = await response.FhirAsync<Bundle>();

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"rapport-records-{app.Clock.GetUtcNow():yyyy-MM-dd}.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.Contains(bundle.Entry, e => e.Resource is CarePlan);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.RecordExported && e.Subject == "download"
            && e.PatientId == clinic.Patient.Id)));
    }

    [Fact]
    public async Task OnlyAPatientCanTakeTheirCopy()
    {
        // Not the shared clinic's therapist: the other class signs them in at the same time.
        using var therapist = await app.ApiAsync(await app.CreatePracticeTherapistAsync());

        var response = await therapist.Http.GetAsync("/api/v1/me/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class PatientExportTestsOnSqlite(SqliteApp app) : PatientExportTests(app);

public sealed class PatientExportTestsOnPostgres(PostgresApp app) : PatientExportTests(app);
