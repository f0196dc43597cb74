using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Accounts;

public abstract class AccountsApiTests(RapportApp app)
{
    [Fact]
    public async Task APatientGetsATokenAndReadsTheirOwnProfile()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(patient);

        var me = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(patient.Email, me.GetProperty("email").GetString());
        Assert.Equal("Europe/Berlin", me.GetProperty("timeZoneId").GetString());
        Assert.Equal([Roles.Patient], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task StaffNeedTheirSecondFactorForAToken()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var api = app.NewClient();

        var response = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = therapist.Email, password = therapist.Password });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Second factor required", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ARefreshTokenGivesANewAccessToken()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var first = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = patient.Email, password = patient.Password });
        var refresh = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();

        var second = await api.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(string.IsNullOrEmpty((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task MalformedJsonGetsA400ProblemDetails()
    {
        using var api = app.NewClient();

        var response = await api.Http.PostAsync("/api/v1/auth/token", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOrMalformedFieldGetsA400ValidationProblemNamingTheField()
    {
        using var api = app.NewClient();

        var response = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = "not-an-email", password = "" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name.ToLowerInvariant()).ToArray();
        Assert.Contains("email", fields);
        Assert.Contains("password", fields);
    }

    [Fact]
    public async Task AnOversizedBodyGetsA413ProblemDetails()
    {
        using var api = app.NewClient();

        var response = await api.Http.PostAsync("/api/v1/auth/token",
            new StringContent("{\"email\":\"" + new string('a', 400_000) + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownApiRouteGetsA404ProblemDetails()
    {
        using var api = app.NewClient();

        var response = await api.Http.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class AccountsApiTestsOnSqlite(SqliteApp app) : AccountsApiTests(app);

public sealed class AccountsApiTestsOnPostgres(PostgresApp app) : AccountsApiTests(app);
