using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Answering questionnaires through the API as a patient's app or a therapist's tool would.</summary>
public static class Questionnaires
{
    /// <summary>A PHQ-9 form: the nine item answers and no answer to the unscored difficulty question.</summary>
    public static int?[] Phq9(params int?[] nineItems) => [.. nineItems, null];

    public static Task<HttpResponseMessage> AnswerAsync(this Visitor api, string instrumentId, int?[]? answers, Guid? patientId = null,
        Guid? submissionId = null) =>
        api.Http.PostAsJsonAsync($"/api/v1/assessments/{instrumentId}/responses", new { answers, patientId, submissionId });

    /// <summary>An API client holding the account's bearer token.</summary>
    public static async Task<Visitor> ApiAsync(this RapportApp app, TestAccount account)
    {
        var api = app.NewClient();
        await api.ApiTokenAsync(account);
        return api;
    }

    /// <summary>A patient with a booked session with the therapist, which makes the therapist theirs (CareTeam).</summary>
    public static async Task<TestAccount> PatientOfAsync(this RapportApp app, TestAccount therapist)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        await app.BookAsync(patient, therapist);
        return patient;
    }

    public static Task<int> ResponsesOfAsync(this RapportApp app, Guid patientId) =>
        app.QueryAsync(db => db.AssessmentResponses.CountAsync(r => r.PatientId == patientId));

    public static Task<int> SetCountryAsync(this RapportApp app, Guid userId, string countryCode) =>
        app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == userId)).CountryCode = countryCode;
            return await db.SaveChangesAsync();
        });
}
