using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Answering questionnaires through the API as a patient's app or a therapist's tool would.</summary>
public static partial class Questionnaires
{
    /// <summary>A PHQ-9 form: the nine item answers and no answer to the unscored difficulty question.</summary>
    public static int?[] Phq9(params int?[] nineItems) => [.. nineItems, null];

    public static Task<HttpResponseMessage> AnswerAsync(this Visitor api, string instrumentId, int?[]? answers, Guid? patientId = null,
        Guid? submissionId = null) =>
        api.Http.PostAsJsonAsync($"/api/v1/assessments/{instrumentId}/responses", new { answers, patientId, submissionId });

    /// <summary>Opens the PHQ-9 page and fills its form: the submission id it was opened with, and the chosen option per item number.</summary>
    public static async Task<Dictionary<string, string>> OpenPhq9FormAsync(this Visitor browser, params int?[] answers)
    {
        var form = await browser.GetAsync(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9));
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var fields = new Dictionary<string, string> { ["SubmissionId"] = SubmissionIdField().Match(form.Html).Groups[1].Value };
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] is { } value)
            {
                fields[$"Answers[{i + 1}]"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return fields;
    }

    [GeneratedRegex("name=\"SubmissionId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubmissionIdField();

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
