using System.Net;
using System.Net.Http.Json;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>
/// The per-address limit on account attempts. Runs on SQLite only: the limiter keeps its counts in
/// the app's memory, so the database plays no part.
/// </summary>
public sealed class RateLimitTests(RateLimitedSqliteApp app) : IClassFixture<RateLimitedSqliteApp>
{
    [Fact]
    public async Task TooManySignInAttemptsFromOneAddressAreSlowedDownWithAFriendlyPage()
    {
        using var browser = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = $"spray{i}@example.com",
                ["Input.Password"] = "guess number one",
            })).Status);
        }

        var sixth = await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "spray6@example.com",
            ["Input.Password"] = "guess number one",
        });
        var api = await browser.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = "spray7@example.com", password = "guess number one" });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.Status);
        Assert.Contains("Wait a minute and try again", sixth.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
