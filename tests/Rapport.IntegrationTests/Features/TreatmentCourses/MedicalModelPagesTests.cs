using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>
/// The medical model of the initial phase (TreatmentCourses readme, rule 32): the therapist records the working diagnosis,
/// the sick role and the medication decision; the course page ticks them off with the PHQ-9 severity beside the
/// diagnosis, and the referral summary carries them while the patient's does not.
/// </summary>
public abstract class MedicalModelPagesTests(RapportApp app)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private DateOnly TherapistsToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Berlin).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheTherapistRecordsDiagnosisSickRoleAndMedicationAndSeesThemOnTheCourseAndInTheReferralSummaryOnly()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14));
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = $"/therapist/patients/{patient.Id}/course/diagnosis";

        var before = await browser.GetAsync($"/therapist/patients/{patient.Id}/course");
        var diagnosis = await browser.PostFormAsync(url, new Dictionary<string, string> { ["DiagnosisCode"] = "6A71" }, url + "?handler=Diagnosis");
        var sickRole = await browser.PostFormAsync(url, new Dictionary<string, string> { ["SickRoleGivenOn"] = Day(TherapistsToday) }, url + "?handler=SickRole");
        var medication = await browser.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Medication"] = "ReferredForAssessment",
            ["MedicationNote"] = "Asked her GP to review sertraline",
        }, url + "?handler=Medication");
        var after = await browser.GetAsync($"/therapist/patients/{patient.Id}/course");

        Assert.Contains("To do: Working diagnosis recorded", before.Words, StringComparison.Ordinal);
        Assert.Contains("To do: Sick role given", before.Words, StringComparison.Ordinal);
        Assert.All(new[] { diagnosis, sickRole, medication }, page => Assert.Equal(HttpStatusCode.Redirect, page.Status));
        Assert.Contains("Done: Working diagnosis recorded: 6A71 Recurrent depressive disorder", after.Words, StringComparison.Ordinal);
        Assert.Contains($"Done: Sick role given on {TherapistsToday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", after.Words, StringComparison.Ordinal);
        Assert.Contains("Done: Medication decided: Referred for a medication assessment", after.Words, StringComparison.Ordinal);
        Assert.Contains("Severity: PHQ-9 14, moderate on", after.Words, StringComparison.Ordinal);

        using var api = await app.ApiAsync(therapist);
        var referral = (await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/summary?for=referral")).GetProperty("medicalModel");
        var forPatient = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/summary?for=patient");
        var pdf = await browser.Http.GetAsync($"/courses/{courseId}/summary.pdf?for=referral");

        Assert.Equal("6A71", referral.GetProperty("diagnosisCode").GetString());
        Assert.StartsWith("PHQ-9 14, moderate", referral.GetProperty("severity").GetString(), StringComparison.Ordinal);
        Assert.Equal(Day(TherapistsToday), referral.GetProperty("sickRoleGivenOn").GetString());
        Assert.Equal("Referred for a medication assessment", referral.GetProperty("medication").GetString());
        Assert.Equal(JsonValueKind.Null, forPatient.GetProperty("medicalModel").ValueKind);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.DoesNotContain("sertraline", await app.RawTextAsync("TreatmentCourses", "MedicationNote", "Id", courseId) ?? "", StringComparison.Ordinal);
        Assert.Equal(3, await app.QueryAsync(db => db.AuditEvents.CountAsync(e =>
            e.Action == AuditAction.MedicalModelRecorded && e.UserId == therapist.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ASickRoleDatedTomorrowAndAnOtherDiagnosisWithoutWordsAreRefusedBesideTheirFieldsAndNothingIsSaved()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = $"/therapist/patients/{patient.Id}/course/diagnosis";

        var tomorrow = await browser.PostFormAsync(url, new Dictionary<string, string> { ["SickRoleGivenOn"] = Day(TherapistsToday.AddDays(1)) }, url + "?handler=SickRole");
        var other = await browser.PostFormAsync(url, new Dictionary<string, string> { ["DiagnosisCode"] = "other", ["DiagnosisText"] = " " }, url + "?handler=Diagnosis");

        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.Status);
        Assert.Contains("The sick role is recorded once given: choose today or an earlier day.", tomorrow.Words, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Day(TherapistsToday.AddDays(1))}\"", tomorrow.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Contains("Write the diagnosis when it is not on the list.", other.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.TreatmentCourses.AnyAsync(c => c.Id == courseId && c.SickRoleGivenOn == null && c.DiagnosisCode == null)));
    }

    [Fact]
    public async Task AnotherTherapistGetsNotFoundAndCannotRecordADiagnosis()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var (stranger, _) = await app.PatientInCareAsync();
        using var own = await app.BrowserForAsync(therapist);
        using var other = await app.BrowserForAsync(stranger);
        var url = $"/therapist/patients/{patient.Id}/course/diagnosis";

        var page = await other.GetAsync(url);
        // The stranger posts with a token from a page they may open, to the other patient's address.
        var posted = await other.PostFormAsync("/therapist/supervision", new Dictionary<string, string> { ["DiagnosisCode"] = "6A70" }, url + "?handler=Diagnosis");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.True(await app.QueryAsync(db => db.TreatmentCourses.AnyAsync(c => c.Id == courseId && c.DiagnosisCode == null)));
    }
}

public sealed class MedicalModelPagesTestsOnSqlite(SqliteApp app) : MedicalModelPagesTests(app);

public sealed class MedicalModelPagesTestsOnPostgres(PostgresApp app) : MedicalModelPagesTests(app);
