using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// An app whose requests arrive from the TCP peer a test names (the test server has no sockets), with the
/// production-like limit on account posts and one configured proxy.
/// </summary>
public sealed class PeerAddressSqliteApp : SqliteApp
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Proxy = "10.9.8.7";
    public const int PostsPerMinute = 5;
    protected override int RateLimit => PostsPerMinute;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", Proxy);
        builder.ConfigureTestServices(s => s.AddTransient<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? "127.0.0.1");
                return inner(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Which address the limits count: the TCP peer's, a configured proxy's word for it, and the signed-in person whatever
/// their address. Runs on SQLite only: the limiter keeps its counts in the app's memory.
/// </summary>
public sealed class ClientAddressTests(PeerAddressSqliteApp app) : IClassFixture<PeerAddressSqliteApp>
{
    private async Task<HttpStatusCode> TokenAttemptAsync(string peer, string? forwardedFor)
    {
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = JsonContent.Create(new { email = $"spray-{Guid.NewGuid():N}@example.com", password = "guess number one" }),
        };
        request.Headers.Add(PeerAddressSqliteApp.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await client.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task ALoopbackPeerCannotEscapeTheLimitByMakingUpForwardedAddresses()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PeerAddressSqliteApp.PostsPerMinute; i++)
        {
            statuses.Add(await TokenAttemptAsync("127.0.0.23", $"203.0.113.{i + 1}"));
        }

        Assert.All(statuses.Take(PeerAddressSqliteApp.PostsPerMinute), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheConfiguredProxyIsBelievedAboutTheClientsAddress()
    {
        var distinctClients = new List<HttpStatusCode>();
        for (var i = 0; i <= PeerAddressSqliteApp.PostsPerMinute; i++)
        {
            distinctClients.Add(await TokenAttemptAsync(PeerAddressSqliteApp.Proxy, $"198.51.100.{i + 1}"));
        }
        var oneClient = new List<HttpStatusCode>();
        for (var i = 0; i <= PeerAddressSqliteApp.PostsPerMinute; i++)
        {
            oneClient.Add(await TokenAttemptAsync(PeerAddressSqliteApp.Proxy, "198.51.100.200"));
        }

        Assert.All(distinctClients, s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, oneClient[^1]);
    }

    [Fact]
    public async Task ASignedInPersonIsLimitedWhateverAddressTheyPostFrom()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        browser.Http.DefaultRequestHeaders.Add(PeerAddressSqliteApp.PeerHeader, "192.0.2.200");
        await browser.SignInAsync(patient);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PeerAddressSqliteApp.PostsPerMinute; i++)
        {
            browser.Http.DefaultRequestHeaders.Remove(PeerAddressSqliteApp.PeerHeader);
            browser.Http.DefaultRequestHeaders.Add(PeerAddressSqliteApp.PeerHeader, $"192.0.2.{i + 1}");
            statuses.Add((await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = RapportApp.PatientPhone })).Status);
        }

        Assert.All(statuses.Take(PeerAddressSqliteApp.PostsPerMinute), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
