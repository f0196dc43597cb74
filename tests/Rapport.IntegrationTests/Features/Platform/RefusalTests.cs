using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>Refusals answer with the status that says why (404, 405, 415), as ProblemDetails under /api, and are logged as answers, not faults.</summary>
public abstract class RefusalTests(RapportApp app)
{
    [Fact]
    public async Task AKnownApiAddressAskedWithTheWrongMethodAnswers405WithTheAllowedMethods()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PutAsJsonAsync("/api/v1/me", new { });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AJsonEndpointSentAnotherContentTypeAnswers415()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PostAsync("/api/v1/appointments",
            new StringContent($"therapistId={Guid.NewGuid()}&start=2030-01-01T09:00:00Z", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/auth/token", "{ \"email\": ")]
    [InlineData("/api/v1/assessments/PHQ9/responses", "{ \"answers\": [1, 2, 3] }")]
    [InlineData("/api/v1/assessments/phq-9/responses", "{ \"answers\": [1, 2, 3] }")]
    public async Task AnApiProblemNamesTheAddressTheCallerAskedForNotTheErrorPage(string path, string body)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task AnUnknownApiAddressIsA404ProblemEvenForAStranger()
    {
        using var client = app.NewClient();

        var response = await client.Http.DeleteAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ProbingSomeoneElsesSummaryPdfIsAFriendly404LoggedAsAnAnswerWithoutAStackTrace()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var probed = $"/courses/{Guid.NewGuid()}/summary.pdf";

        var page = await browser.GetAsync(probed);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Text, StringComparison.Ordinal);
        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains(probed, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("NotFoundException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOpenApiDocumentNamesTheConfiguredAddressWhateverHostTheRequestClaims()
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var doc = JsonDocument.Parse(await (await client.Http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        var servers = doc.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToArray();
        Assert.Equal(["https://rapport.test"], servers);
    }
}

public sealed class RefusalTestsOnSqlite(SqliteApp app) : RefusalTests(app);

public sealed class RefusalTestsOnPostgres(PostgresApp app) : RefusalTests(app);
