using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>Deny by default: each role reaches its own pages and no one else's.</summary>
public abstract class AccessControlTests(RapportApp app)
{
    [Theory]
    [InlineData("/therapist")]
    [InlineData("/admin")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/invitations")]
    [InlineData("/admin/users")]
    public async Task APatientIsRefusedTherapistAndAdminPages(string path)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var (page, url) = await browser.GetFollowingAsync(path);

        Assert.StartsWith("https://rapport.test/account/access-denied", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("This page is not available to you", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/audit")]
    [InlineData("/patient")]
    public async Task ATherapistIsRefusedAdminAndPatientPages(string path)
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (page, _) = await browser.GetFollowingAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Theory]
    [InlineData("/patient")]
    [InlineData("/therapist")]
    [InlineData("/admin/audit")]
    [InlineData("/account/two-factor")]
    public async Task AnonymousVisitorsAreSentToSignIn(string path)
    {
        using var browser = app.NewClient();

        var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://rapport.test/account/sign-in", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientsRefusedLookAtTheAuditLogIsItselfAudited()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        await browser.GetAsync("/admin/audit");

        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.UserId == patient.Id && e.Action == AuditAction.ReadAuditLog && e.Outcome == AuditOutcome.Denied)));
    }

    [Fact]
    public async Task APatientsBearerTokenIsRefusedByTheAdminApiWithProblemDetails()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(patient);

        var response = await api.Http.GetAsync("/api/v1/admin/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnApiCallWithoutATokenGets401ProblemDetails()
    {
        using var api = app.NewClient();

        var response = await api.Http.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSessionCookieDoesNotAuthenticateTheApi()
    {
        // The API takes bearer tokens only, so a page the person visits cannot make their browser call it (CSRF).
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var response = await browser.Http.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AForgedBearerTokenIsRefused()
    {
        using var api = app.NewClient();
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token-value");

        var response = await api.Http.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class AccessControlTestsOnSqlite(SqliteApp app) : AccessControlTests(app);

public sealed class AccessControlTestsOnPostgres(PostgresApp app) : AccessControlTests(app);
