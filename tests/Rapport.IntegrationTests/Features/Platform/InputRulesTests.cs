using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>Odd input is a clear 400 that names the field and the rule, never a 500, and nothing is written.</summary>
public abstract class InputRulesTests(RapportApp app)
{
    private static async Task<JsonElement> ValidationProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-10T00:00:00Z")]
    [InlineData("9999-12-20T00:00:00Z", "9999-12-31T00:00:00Z")]
    public async Task SlotsAtTheEndsOfTheCalendarAreRefusedNamingTheAllowedRange(string from, string to)
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var client = app.NewClient();

        var response = await client.Http.GetAsync($"/api/v1/therapists/{therapist.Id}/slots?from={from}&to={to}");

        var problem = await ValidationProblemAsync(response);
        Assert.Contains("between 1 January 1900 and 31 December 2199", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01T09:00:00Z")]
    [InlineData("9999-12-31T09:00:00Z")]
    public async Task BookingAtTheEndsOfTheCalendarIsRefusedAndBooksNothing(string start)
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start });

        var problem = await ValidationProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("start", out _), problem.ToString());
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ASeriesStartingInYearOneIsRefusedAndBooksNothing()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(clinician, patient);
        using var api = await app.ApiAsync(clinician);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series",
            new { firstStart = "0001-01-01T09:00:00Z", count = 3, patientId = patient.Id });

        var problem = await ValidationProblemAsync(response);
        Assert.Contains("1900", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ANulInAJsonFieldIsAValidationErrorNamingTheField()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        using var api = await app.ApiAsync(clinician);

        var response = await api.Http.PostAsJsonAsync($"/api/v1/care-relationships/{Guid.NewGuid()}/decline", new { message = "Not now\u0000, sorry" });

        var problem = await ValidationProblemAsync(response);
        Assert.Contains("control characters", problem.GetProperty("errors").GetProperty("message")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANulInAnApiQueryIsRefusedBeforeItReachesTheDatabase()
    {
        using var client = app.NewClient();

        var response = await client.Http.GetAsync("/api/v1/therapists?language=en%00");

        await ValidationProblemAsync(response);
    }

    [Theory]
    [InlineData("/account/sign-in", "Input.Email", 0x00, false)]
    [InlineData("/account/sign-in", "Input.Password", 0x00, false)]
    [InlineData("/account/register", "Input.Email", 0x00, false)]
    [InlineData("/account/register", "Input.DisplayName", 0x07, false)]
    [InlineData("/account/forgot-password", "Email", 0x00, false)]
    [InlineData("/account/forgot-password", "Email", 0x1b, false)]
    [InlineData("/therapists/match", "Input.Condition", 0x00, true)]
    [InlineData("/therapists/match", "Input.Condition", 0x08, true)]
    public async Task AControlCharacterInAFormFieldIsRefusedWithAMessageNotAnError(string form, string field, int control, bool signedIn)
    {
        using var browser = app.NewClient();
        if (signedIn)
        {
            await browser.SignInAsync(await app.CreateAccountAsync(Roles.Patient));
        }
        var marker = Guid.NewGuid().ToString("N");
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = $"someone-{marker}@example.com",
            ["Input.Password"] = RapportApp.Password,
            ["Email"] = "someone@example.com",
        };
        fields[field] = $"some{(char)control}one-{marker}@example.com";

        var page = await browser.PostFormAsync(form, fields);

        Assert.True(page.Status == HttpStatusCode.BadRequest, $"{page.Status}: {page.Words}");
        Assert.Contains("control characters", page.Words, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email!.Contains(marker))));
    }

    [Fact]
    public async Task TimeOffInYearOneIsRefusedWithTheAllowedRange()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Change.Kind"] = "TimeOff",
            ["Change.From"] = "0001-01-01T09:00",
            ["Change.To"] = "0001-01-01T17:00",
        }, action: "/therapist/availability?handler=AddChange");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("between 1 January 1900 and 31 December 2199", page.Words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0a/evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task AReturnAddressWithControlCharactersOrABackslashSendsThePersonHomeAfterSigningIn(string returnUrl)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var page = await browser.PostFormAsync("/account/sign-in?ReturnUrl=" + returnUrl, new Dictionary<string, string>
        {
            ["Input.Email"] = patient.Email,
            ["Input.Password"] = patient.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal("/home", page.Location);
    }
}

public sealed class InputRulesTestsOnSqlite(SqliteApp app) : InputRulesTests(app);

public sealed class InputRulesTestsOnPostgres(PostgresApp app) : InputRulesTests(app);
