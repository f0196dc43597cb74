using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

public abstract class PlatformTests(RapportApp app)
{
    [Fact]
    public async Task TheKeysTheAppMadeForCookiesAndClinicalTextAreAes256Gcm()
    {
        // A fresh database: the app made its key at start-up (Data/DataSetup.cs, NewKeyAlgorithms).
        var keys = await app.QueryAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("AES_256_GCM", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthReportsTheDatabaseAsHealthy()
    {
        using var client = app.NewClient();

        var health = await client.Http.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/api/v1/me")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var client = app.NewClient();

        var response = (await client.GetAsync(path)).Response;
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task TheSessionAndAntiforgeryCookiesAreHostPrefixedSecureAndHttpOnly()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();

        var form = await browser.GetAsync("/account/sign-in");
        var signIn = await browser.SignInAsync(patient);
        var cookies = form.Response.Headers.GetValues("Set-Cookie").Concat(signIn.Response.Headers.GetValues("Set-Cookie")).ToArray();

        var session = cookies.Single(c => c.StartsWith("__Host-rapport=", StringComparison.Ordinal)).ToLowerInvariant();
        var antiforgery = cookies.First(c => c.StartsWith("__Host-rapport-af=", StringComparison.Ordinal)).ToLowerInvariant();
        foreach (var cookie in new[] { session, antiforgery })
        {
            Assert.Contains("; secure", cookie, StringComparison.Ordinal);
            Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
            Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
            Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
        }
        Assert.Contains("samesite=lax", session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPageShowsAFriendly404()
    {
        using var browser = app.NewClient();

        var page = await browser.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedFormIsRefusedWithAFriendlyPage()
    {
        using var browser = app.NewClient();

        var response = await browser.Http.PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = new string('a', 300_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApiAndItsBearerScheme()
    {
        using var client = app.NewClient();

        var doc = await client.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/me", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task TheDevelopmentMailboxDoesNotExistOutsideDevelopment()
    {
        using var browser = app.NewClient();

        var page = await browser.GetAsync("/dev/mailbox");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}

public sealed class PlatformTestsOnSqlite(SqliteApp app) : PlatformTests(app);

public sealed class PlatformTestsOnPostgres(PostgresApp app) : PlatformTests(app);
