using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>A patient's measures over time, for the patient themself and their therapist, nobody else.</summary>
public abstract class MeasurementsApiTests(RapportApp app)
{
    /// <summary>A patient of the therapist with PHQ-9 at 20 then 10 (a response and a reliable improvement) and one GAD-7.</summary>
    private async Task<TestAccount> PatientWithHistoryAsync(TestAccount therapist)
    {
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(patient);
        foreach (var answers in new[] { Questionnaires.Phq9(3, 3, 3, 3, 2, 2, 2, 2, 0), Questionnaires.Phq9(2, 2, 1, 1, 1, 1, 1, 1, 0) })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.AnswerAsync(InstrumentCatalog.Phq9, answers)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.AnswerAsync(InstrumentCatalog.Gad7, [2, 2, 2, 2, 2, 2, 2, null])).StatusCode);
        return patient;
    }

    private static void AssertTheHistory(JsonElement series)
    {
        var phq9 = series.EnumerateArray().Single(s => s.GetProperty("instrumentId").GetString() == InstrumentCatalog.Phq9);
        Assert.Equal([20, 10], phq9.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("total").GetInt32()));
        Assert.Equal("44261-6", phq9.GetProperty("totalLoinc").GetString());
        var change = phq9.GetProperty("change");
        Assert.Equal((20, 10, -10), (change.GetProperty("baseline").GetInt32(), change.GetProperty("latest").GetInt32(), change.GetProperty("delta").GetInt32()));
        Assert.Equal(["Response", "Reliable improvement"], change.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        var gad7 = series.EnumerateArray().Single(s => s.GetProperty("instrumentId").GetString() == InstrumentCatalog.Gad7);
        Assert.Equal(14, Assert.Single(gad7.GetProperty("points").EnumerateArray()).GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, gad7.GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task APatientSeesTheirOwnMeasuresWithChangeFromBaseline()
    {
        var patient = await PatientWithHistoryAsync(await app.CreateListedTherapistAsync());
        using var api = await app.ApiAsync(patient);

        var series = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patient.Id}/measurements");

        AssertTheHistory(series);
    }

    [Fact]
    public async Task TheirTherapistSeesTheSameMeasures()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await PatientWithHistoryAsync(therapist);
        using var api = await app.ApiAsync(therapist);

        var series = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patient.Id}/measurements");

        AssertTheHistory(series);
    }

    [Fact]
    public async Task ANewCourseAfterTheLastOneEndedComparesWithItsOwnBaseline()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        var now = app.Clock.GetUtcNow();
        await app.QueryAsync(async db =>
        {
            // The first course went from 20 to 6 and ended 100 days ago; the second opened 20 days ago at 12, and it is 13 now.
            var first = TreatmentCourse.Open(patient.Id, therapist.Id, now.AddDays(-200));
            first.EndEarly("Moved away for work", now.AddDays(-100));
            db.TreatmentCourses.AddRange(first, TreatmentCourse.Open(patient.Id, therapist.Id, now.AddDays(-20)));
            foreach (var (total, daysAgo) in new[] { (20, 201), (6, 110), (12, 21), (13, 2) })
            {
                db.AssessmentResponses.Add(AssessmentResponse.Record(patient.Id, patient.Id,
                    InstrumentScoring.Score(InstrumentCatalog.Phq9Instrument, CareRecords.Phq9(total)), Guid.NewGuid(), now.AddDays(-daysAgo)));
            }
            return await db.SaveChangesAsync();
        });
        using var api = await app.ApiAsync(patient);

        var series = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patient.Id}/measurements");

        var phq9 = series.EnumerateArray().Single(s => s.GetProperty("instrumentId").GetString() == InstrumentCatalog.Phq9);
        Assert.Equal([20, 6, 12, 13], phq9.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("total").GetInt32()));
        var change = phq9.GetProperty("change");
        Assert.Equal((12, 13, 1), (change.GetProperty("baseline").GetInt32(), change.GetProperty("latest").GetInt32(), change.GetProperty("delta").GetInt32()));
        Assert.Empty(change.GetProperty("labels").EnumerateArray());
    }

    [Fact]
    public async Task AnotherPatientGetsNotFound()
    {
        var patient = await PatientWithHistoryAsync(await app.CreateListedTherapistAsync());
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var response = await api.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ATherapistWhoDoesNotTreatThePatientGetsNotFound()
    {
        var patient = await PatientWithHistoryAsync(await app.CreateListedTherapistAsync());
        using var api = await app.ApiAsync(await app.CreateListedTherapistAsync());

        var response = await api.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReadingMeasuresIsAuditedWithThePatient()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await PatientWithHistoryAsync(therapist);
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using (var api = await app.ApiAsync(therapist))
        {
            await api.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements");
        }
        using (var api = await app.ApiAsync(stranger))
        {
            await api.Http.GetAsync($"/api/v1/patients/{patient.Id}/measurements");
        }

        var rows = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.MeasurementsRead && e.PatientId == patient.Id).ToListAsync());

        Assert.Contains(rows, r => r.UserId == therapist.Id && r.Outcome == AuditOutcome.Success);
        Assert.Contains(rows, r => r.UserId == stranger.Id && r.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task APatientWithNoMeasuresHasAnEmptyHistory()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var series = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patient.Id}/measurements");

        Assert.Equal(0, series.GetArrayLength());
    }
}

public sealed class MeasurementsApiTestsOnSqlite(SqliteApp app) : MeasurementsApiTests(app);

public sealed class MeasurementsApiTestsOnPostgres(PostgresApp app) : MeasurementsApiTests(app);
