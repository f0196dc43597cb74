using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>API tokens end when they should: refresh tokens work once, a replay ends the family, sign-out and account changes end access at once.</summary>
public abstract class TokenRevocationTests(RapportApp app)
{
    private sealed record Tokens(string Access, string Refresh);

    private static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(json.GetProperty("accessToken").GetString()!, json.GetProperty("refreshToken").GetString()!);
    }

    private static async Task<Tokens> SignInAsync(Visitor api, TestAccount account) =>
        await ReadTokensAsync(await api.Http.PostAsJsonAsync("/api/v1/auth/token", new
        {
            email = account.Email,
            password = account.Password,
            twoFactorCode = account.AuthenticatorKey is null ? null : account.CurrentCode(),
        }));

    private static Task<HttpResponseMessage> RefreshAsync(Visitor api, string refreshToken) =>
        api.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private static async Task<HttpStatusCode> MeAsync(Visitor api, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await api.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task AssertRefusedWithProblemDetailsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ARefreshTokenWorksOnceAndGivesANewPairThatWorks()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var first = await SignInAsync(api, patient);

        var second = await ReadTokensAsync(await RefreshAsync(api, first.Refresh));

        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, second.Access));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, second.Refresh)).StatusCode);
    }

    [Fact]
    public async Task AReplayedRefreshTokenIsRefusedAndEndsEveryTokenOfItsFamily()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var first = await SignInAsync(api, patient);
        var second = await ReadTokensAsync(await RefreshAsync(api, first.Refresh));

        var replay = await RefreshAsync(api, first.Refresh);

        await AssertRefusedWithProblemDetailsAsync(replay);
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, second.Refresh));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, second.Access));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == patient.Id && e.Action == AuditAction.TokenReplayed)));
    }

    [Fact]
    public async Task AnotherSignInsTokensSurviveTheRevocationOfOneFamily()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var phone = await SignInAsync(api, patient);
        var laptop = await SignInAsync(api, patient);
        await RefreshAsync(api, phone.Refresh);

        await RefreshAsync(api, phone.Refresh);

        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, laptop.Access));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, laptop.Refresh)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0123456789abcdef0123456789abcdef.forged")]
    public async Task AForgedRefreshTokenGets401ProblemDetailsNotTheSignInPage(string token)
    {
        using var api = app.NewClient();

        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, token));
    }

    [Fact]
    public async Task OnlyTheHashOfARefreshTokenIsStored()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();

        var tokens = await SignInAsync(api, patient);

        var stored = await app.QueryAsync(db => db.TokenFamilies.Where(f => f.UserId == patient.Id).Select(f => f.RefreshTokenHash).SingleAsync());
        Assert.DoesNotContain(tokens.Refresh.Split('.')[1], stored, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokens.Refresh))), stored);
        Assert.True(tokens.Refresh.Split('.')[1].Length >= 43, "at least 256 random bits, base64url");
    }

    [Fact]
    public async Task SigningOutThroughTheApiEndsTheAccessAndRefreshTokenAtOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, patient);
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Access);

        var signedOut = await api.Http.PostAsync("/api/v1/auth/sign-out", null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, tokens.Refresh));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == patient.Id && e.Action == AuditAction.SignOut && e.Detail == "api token")));
    }

    [Fact]
    public async Task SigningOutOnTheWebEndsTheApiTokensAtOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, patient);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, tokens.Access));
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        await browser.PostFormAsync("/patient", new Dictionary<string, string>(), "/account/sign-out");

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, tokens.Refresh));
    }

    [Fact]
    public async Task APasswordResetEndsTheApiTokensAtOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, patient);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, tokens.Access));
        using var browser = app.NewClient();
        await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = patient.Email });
        var link = (await app.Mail.WaitForAsync(patient.Email)).PathOfLink("/account/reset-password");

        var reset = await browser.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "a brand new lantern" });

        Assert.Contains("Your password is changed", reset.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, tokens.Refresh));
    }

    [Fact]
    public async Task TurningTheSecondFactorOffEndsTheApiTokensAtOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, twoFactor: true);
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, patient);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, tokens.Access));
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var off = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string>(), "/account/two-factor?handler=Disable");

        Assert.Contains("The second factor is turned off", off.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, tokens.Refresh));
    }

    [Fact]
    public async Task LockingTheAccountEndsItsApiTokensAtOnce()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, patient);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, tokens.Access));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            var user = (await users.FindByIdAsync(patient.Id.ToString()))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue); // what locking an account does
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
        await AssertRefusedWithProblemDetailsAsync(await RefreshAsync(api, tokens.Refresh));
    }

    [Fact]
    public async Task WithdrawingAnAdminsRoleEndsTheirApiTokensAtOnce()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(therapist.Id.ToString()))!, Roles.Admin);
        }
        using var api = app.NewClient();
        var tokens = await SignInAsync(api, therapist);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(api, tokens.Access));
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        await browser.PostFormAsync("/admin/users", new Dictionary<string, string>(), $"/admin/users?handler=AdminRole&id={therapist.Id}&grant=false");

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(api, tokens.Access));
    }

    [Fact]
    public async Task InvitedStaffWithoutASecondFactorGetNoTokenOfAnyKind()
    {
        var email = $"therapist-{Guid.NewGuid():N}@example.com";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
            var user = new RapportUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Dr Not Enrolled", CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, RapportApp.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Therapist)).Succeeded);
        }
        using var api = app.NewClient();

        var response = await api.Http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = RapportApp.Password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        await AssertRefusedWithProblemDetailsAsync(response);
        Assert.False(body.TryGetProperty("accessToken", out _));
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Contains("/account/two-factor", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffTokenKeepsItsSecondFactorWhenRefreshed()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var api = app.NewClient();
        var first = await SignInAsync(api, therapist);

        var second = await ReadTokensAsync(await RefreshAsync(api, first.Refresh));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/care-relationships");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second.Access);
        using var caseload = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, caseload.StatusCode);
    }
}

public sealed class TokenRevocationTestsOnSqlite(SqliteApp app) : TokenRevocationTests(app);

public sealed class TokenRevocationTestsOnPostgres(PostgresApp app) : TokenRevocationTests(app);
