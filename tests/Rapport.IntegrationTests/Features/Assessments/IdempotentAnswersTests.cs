using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>
/// Nothing lost, nothing doubled (Assessments readme, rule 9): a form or API call sent again with its key answers with
/// the first result; the same key with other answers is refused, and a risk answer in them still raises its alert.
/// </summary>
public abstract class IdempotentAnswersTests(RapportApp app)
{
    private static readonly int?[] NoRisk = Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 0);
    private static readonly int?[] SameButItem9 = Questionnaires.Phq9(1, 1, 1, 1, 1, 1, 1, 1, 3);

    private static Task<HttpResponseMessage> AnswerWithKeyAsync(Visitor api, string key, int?[] answers, Guid? submissionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/assessments/{InstrumentCatalog.Phq9}/responses")
        {
            Content = JsonContent.Create(new { answers, submissionId }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return api.Http.SendAsync(request);
    }

    private async Task<(TestAccount Patient, Visitor Browser)> SignedInPatientInGbAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.SetCountryAsync(patient.Id, "GB");
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    [Fact]
    public async Task TheIdempotencyKeyHeaderBecomesTheSubmissionOfTheStoredResponse()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);
        var key = Guid.NewGuid();

        var response = await AnswerWithKeyAsync(api, key.ToString(), NoRisk);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await app.QueryAsync(db => db.AssessmentResponses.SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal(key, stored.SubmissionId);
        Assert.Equal(AssessmentResponse.Fingerprint(InstrumentCatalog.Phq9, NoRisk), stored.AnswersFingerprint);
    }

    [Fact]
    public async Task TheSameAnswersSentAgainWithAnOpaqueKeyGetTheFirstResultAndStoreOneResponse()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var first = await AnswerWithKeyAsync(api, "phone-app:form-42", NoRisk);
        var again = await AnswerWithKeyAsync(api, "phone-app:form-42", NoRisk);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var firstResult = await first.Content.ReadFromJsonAsync<JsonElement>();
        var againResult = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstResult.GetProperty("id").GetGuid(), againResult.GetProperty("id").GetGuid());
        Assert.Equal(8, againResult.GetProperty("total").GetInt32());
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task TheSameKeyWithARiskAnswerAddedIsRefusedButRaisesTheAlertAndCarriesTheCrisisLines()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        await app.SetCountryAsync(patient.Id, "GB");
        using var api = await app.ApiAsync(patient);
        await AnswerWithKeyAsync(api, "form-7", NoRisk);

        var changed = await AnswerWithKeyAsync(api, "form-7", SameButItem9);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
        var problem = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AssessmentRules.IdempotencyKeyReused, problem.GetProperty("rule").GetString());
        var safety = problem.GetProperty("safety");
        Assert.Equal("High", safety.GetProperty("riskLevel").GetString());
        Assert.True(safety.GetProperty("alertRaised").GetBoolean());
        Assert.Equal(SafetyWords.AfterRiskAnswer, safety.GetProperty("message").GetString());
        Assert.Contains(safety.GetProperty("crisisResources").EnumerateArray(), l => l.GetProperty("phone").GetString() == "116 123");
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        Assert.Equal((null, InstrumentCatalog.Phq9, 9, 3, RiskLevel.High, therapist.Id),
            (alert.ResponseId, alert.InstrumentId, alert.ItemNumber, alert.ItemScore, alert.Level, alert.AssignedTherapistId));
        var stored = await app.QueryAsync(db => db.AssessmentResponses.SingleAsync(r => r.PatientId == patient.Id));
        Assert.Equal(RiskLevel.None, stored.Risk);
    }

    [Fact]
    public async Task TheSameKeyWithOtherAnswersWithoutRiskIsRefusedAndRaisesNoAlert()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);
        await AnswerWithKeyAsync(api, "form-8", NoRisk);

        var changed = await AnswerWithKeyAsync(api, "form-8", Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, 0));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        var problem = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AssessmentRules.IdempotencyKeyReused, problem.GetProperty("rule").GetString());
        Assert.Equal(0, problem.GetProperty("safety").GetProperty("crisisResources").GetArrayLength());
        Assert.False(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.PatientId == patient.Id)));
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AHeaderAndABodySubmissionIdThatDisagreeAreRefusedAndNothingIsStored()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await AnswerWithKeyAsync(api, Guid.NewGuid().ToString(), NoRisk, submissionId: Guid.NewGuid());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AssessmentRules.IdempotencyKeyMismatch, problem.GetProperty("rule").GetString());
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AnIdempotencyKeyLongerThanAHundredCharactersIsABadRequest()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await AnswerWithKeyAsync(api, new string('k', 101), NoRisk);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 100 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AnEmptyFormThroughTheApiIsRefusedWithANamedRuleAndNothingIsStored()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(null, null, null, null, null, null, null, null, null));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AssessmentRules.NothingAnswered, problem.GetProperty("rule").GetString());
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task AnEmptyPageFormIsShownAgainWithAMessageAndNothingIsStored()
    {
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync();

        var page = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Choose an answer to at least one question, then send the form.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("not in a correct format", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("field is required", page.Words, StringComparison.Ordinal);
        Assert.Equal(0, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task APageFormWithOnlyItem9AnsweredIsKeptAsIncompleteAndShowsTheCrisisLines()
    {
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(null, null, null, null, null, null, null, null, 1);

        var sent = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var result = await browser.GetAsync(sent.Location!);

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Contains("Samaritans", result.Text, StringComparison.Ordinal);
        // The crisis screen shows help only: no total, no range, no next questionnaire (Safety readme, rule 1).
        Assert.DoesNotContain("Next:", result.Text, StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.AssessmentResponses.SingleAsync(r => r.PatientId == patient.Id));
        Assert.False(stored.IsComplete);
        Assert.True(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.ResponseId == stored.Id && a.ItemNumber == 9 && a.ItemScore == 1)));
    }

    [Fact]
    public async Task ThePageFormSentAgainAfterGoingBackShowsTheSameResultAndStoresOneResponse()
    {
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(1, 1, 1, 1, 1, 1, 1, 1, 0);
        var first = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        await browser.GetAsync(first.Location!);

        var again = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);
        var result = await browser.GetAsync(again.Location!);

        Assert.Equal(first.Location, again.Location);
        Assert.Contains("Your total: 8 out of 27", result.Words, StringComparison.Ordinal);
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
    }

    [Fact]
    public async Task APageFormChangedAfterGoingBackToAddARiskAnswerIsRefusedButShowsTheCrisisLinesAndRaisesTheAlert()
    {
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _b = browser;
        var fields = await browser.OpenPhq9FormAsync(1, 1, 1, 1, 1, 1, 1, 1, 0);
        await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        fields["Answers[9]"] = "2";
        var refused = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("were not stored. The first answers are kept.", refused.Text, StringComparison.Ordinal);
        Assert.Contains(SafetyWords.Opening, refused.Words, StringComparison.Ordinal);
        Assert.Contains("You do not have a therapist with us yet", refused.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:116123\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" id=\"q9-2\" name=\"Answers[9]\" value=\"2\" checked=\"checked\">", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{fields["SubmissionId"]}\"", refused.Html, StringComparison.Ordinal);
        var alert = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patient.Id));
        Assert.Equal((null, 9, 2), (alert.ResponseId, alert.ItemNumber, alert.ItemScore));
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
    }


    [Fact]
    public async Task TheSameRiskAnswersSentAgainFromAFormOpenedAgainAreOneResponseWithOneAlert()
    {
        // Back after sending reloads the form with a new submission id, and the browser fills the answers back in.
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _ = browser;
        var answers = Questionnaires.Phq9(2, 2, 2, 2, 2, 2, 2, 2, 1);

        var first = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await browser.OpenPhq9FormAsync(answers));
        var again = await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await browser.OpenPhq9FormAsync(answers));

        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(first.Location, again.Location);
        Assert.Equal(1, await app.ResponsesOfAsync(patient.Id));
        Assert.Equal(1, await app.QueryAsync(db => db.SafetyAlerts.CountAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task OtherAnswersSentSoonAfterAreANewResponse()
    {
        var (patient, browser) = await SignedInPatientInGbAsync();
        using var _ = browser;

        await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await browser.OpenPhq9FormAsync(Questionnaires.Phq9(2, 2, 2, 2, 2, 2, 2, 2, 0)));
        await browser.PostFormAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), await browser.OpenPhq9FormAsync(Questionnaires.Phq9(2, 2, 2, 2, 2, 2, 2, 1, 0)));

        Assert.Equal(2, await app.ResponsesOfAsync(patient.Id));
    }
}

public sealed class IdempotentAnswersTestsOnSqlite(SqliteApp app) : IdempotentAnswersTests(app);

public sealed class IdempotentAnswersTestsOnPostgres(PostgresApp app) : IdempotentAnswersTests(app);
