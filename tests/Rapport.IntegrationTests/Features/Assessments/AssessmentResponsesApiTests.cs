using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Assessments;

public abstract class AssessmentResponsesApiTests(RapportApp app)
{
    private static readonly int?[] HamDModerate = [2, 1, 0, 2, 1, 1, 2, 1, 1, 2, 1, 1, 1, 0, 0, 0, 0];

    [Fact]
    public async Task APatientsPhq9IsScoredAndStored()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, [2, 2, 1, 2, 2, 2, 1, 0, 0, 2]);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/patients/{patient.Id}/measurements", response.Headers.Location?.OriginalString);
        Assert.True(result.GetProperty("complete").GetBoolean());
        Assert.Equal(12, result.GetProperty("total").GetInt32());
        Assert.Equal(27, result.GetProperty("maxTotal").GetInt32());
        Assert.Equal("Moderate", result.GetProperty("band").GetString());
        Assert.Equal(0, result.GetProperty("flags").GetArrayLength());
        Assert.StartsWith("Suggests major depressive syndrome", result.GetProperty("suggestion").GetString(), StringComparison.Ordinal);
        Assert.Equal("None", result.GetProperty("safety").GetProperty("riskLevel").GetString());
        Assert.False(result.GetProperty("safety").GetProperty("alertRaised").GetBoolean());
        Assert.Equal(0, result.GetProperty("safety").GetProperty("crisisResources").GetArrayLength());
        var stored = await app.QueryAsync(db => db.AssessmentResponses.SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal((12, "Moderate", "2,2,1,2,2,2,1,0,0,2"), (stored.Total, stored.Band, stored.Answers));
        Assert.Equal(result.GetProperty("id").GetGuid(), stored.Id);
    }

    [Fact]
    public async Task AnIncompleteFormIsStoredWithoutATotal()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Gad7, [3, 3, null, 3, 3, 3, 3, null]);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(result.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("band").ValueKind);
        Assert.Equal([3], result.GetProperty("missingItems").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Contains("no total", result.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WsasWithoutAJobIsScoredOutOfThirtyTwo()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Wsas, [9, 4, 4, 4, 4])).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(16, result.GetProperty("total").GetInt32());
        Assert.Equal(32, result.GetProperty("maxTotal").GetInt32());
        Assert.Equal("Significant impairment", result.GetProperty("band").GetString());
    }

    public static TheoryData<int?[], string> WrongAnswers => new()
    {
        { [0, 0, 4, 0, 0, 0, 0, 0, 0, 0], "answers[2]" },
        { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "answers" },
        { [0, 0, 0, 0, 0, 0, 0, 0, 0], "answers" },
    };

    [Theory]
    [MemberData(nameof(WrongAnswers))]
    public async Task AnswersThatDoNotFitAreRefusedAndNothingIsStored(int?[] answers, string field)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, answers);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AnAnswerOutOfRangeThroughTheApiIsRecordedAsARefusedSubmissionAsOnThePage()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        using var response = await api.AnswerAsync(InstrumentCatalog.Phq9, [0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var entry = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.AssessmentSubmitFailed && e.PatientId == patient.Id));
        Assert.Equal((patient.Id, AuditOutcome.Failure, InstrumentCatalog.Phq9), (entry.UserId, entry.Outcome, entry.Subject));
    }

    [Theory]
    [InlineData("""{"answers":["often",0,0,0,0,0,0,0,0,null]}""")]
    [InlineData("""{"answers":[1.5,0,0,0,0,0,0,0,0,null]}""")]
    [InlineData("""{"answers":3}""")]
    public async Task AnswersThatAreNotWholeNumbersAreRefused(string body)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PostAsync("/api/v1/assessments/phq-9/responses",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AFormWithNoAnswersIsRefused()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AnswersToAnUnknownInstrumentAreNotFound()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync("phq-99", Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 0));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task APatientCannotAnswerForAnotherPatient()
    {
        var other = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Patient));

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(3, 3, 3, 3, 3, 3, 3, 3, 3), patientId: other.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.ResponsesOfAsync(other.Id));
        Assert.False(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.PatientId == other.Id)));
    }

    [Fact]
    public async Task APatientCannotRateTheClinicianScale()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.HamD17, HamDModerate);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(AssessmentRules.WrongRater, problem.GetProperty("rule").GetString());
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task ATherapistRatesHamDForTheirOwnPatient()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(therapist);

        var response = await api.AnswerAsync(InstrumentCatalog.HamD17, HamDModerate, patientId: patient.Id);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(16, result.GetProperty("total").GetInt32());
        Assert.Equal("Moderate", result.GetProperty("band").GetString());
        var stored = await app.QueryAsync(db => db.AssessmentResponses.SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal(therapist.Id, stored.SubmittedById);
    }

    [Fact]
    public async Task ATherapistsOwnRatingOfSuicideDoesNotAlertThemselves()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(therapist);
        var rating = (int?[])HamDModerate.Clone();
        rating[2] = 3;

        var result = await (await api.AnswerAsync(InstrumentCatalog.HamD17, rating, patientId: patient.Id)).Content.ReadFromJsonAsync<JsonElement>();

        var flag = Assert.Single(result.GetProperty("flags").EnumerateArray());
        Assert.Equal((3, "High"), (flag.GetProperty("item").GetInt32(), flag.GetProperty("level").GetString()));
        Assert.False(result.GetProperty("safety").GetProperty("alertRaised").GetBoolean());
        Assert.False(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ATherapistCannotRateSomeoneElsesPatient()
    {
        var patient = await app.PatientOfAsync(await app.CreateListedTherapistAsync());
        using var api = await app.ApiAsync(await app.CreateAccountAsync(Roles.Therapist));

        var response = await api.AnswerAsync(InstrumentCatalog.HamD17, HamDModerate, patientId: patient.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task ATherapistCannotFillInAPatientsSelfReport()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        using var api = await app.ApiAsync(therapist);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), patientId: patient.Id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task TheSameFormSentTwiceIsStoredOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);
        var submission = Guid.NewGuid();

        var first = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 0), submissionId: submission);
        var again = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 0), submissionId: submission);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var firstResult = await first.Content.ReadFromJsonAsync<JsonElement>();
        var againResult = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstResult.GetProperty("id").GetGuid(), againResult.GetProperty("id").GetGuid());
        Assert.Equal(8, againResult.GetProperty("total").GetInt32());
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task TheSameFormSentTwiceAtOnceIsStoredOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);
        var submission = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 2), submissionId: submission)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
        Assert.Equal(1, await app.QueryAsync(db => db.SafetyAlerts.CountAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ASubmittedAnswerIsAudited()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var result = await (await api.AnswerAsync(InstrumentCatalog.Gad7, [1, 1, 1, 1, 1, 1, 1, null])).Content.ReadFromJsonAsync<JsonElement>();
        var id = result.GetProperty("id").GetGuid().ToString();

        var row = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.AssessmentSubmitted && e.Subject == id));
        Assert.Equal((patient.Id, patient.Id, InstrumentCatalog.Gad7), (row.UserId, row.PatientId, row.Detail));
    }
}

public sealed class AssessmentResponsesApiTestsOnSqlite(SqliteApp app) : AssessmentResponsesApiTests(app);

public sealed class AssessmentResponsesApiTestsOnPostgres(PostgresApp app) : AssessmentResponsesApiTests(app);
