using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// Deny by default: a page or endpoint is public only if it says so, and the list of public ones is
/// reviewed here. Adding a public address means adding it to this list, in the same change.
/// </summary>
public sealed class DenyByDefaultTests(SqliteApp app)
{
    private static readonly string[] Public =
    [
        "/", "/privacy", "/error/{code:int?}", "/dev/mailbox", "/health", "/health/live", "/openapi/{documentName}.json",
        "/account/register", "/account/confirm-email", "/account/resend-confirmation", "/account/sign-in", "/account/sign-in/two-factor",
        "/account/sign-out", "/account/signed-out", "/account/access-denied", "/account/forgot-password", "/account/reset-password",
        "/account/invitation", "/api/v1/auth/token", "/api/v1/auth/refresh",
        "/therapists", "/therapists/match", "/therapists/{id:guid}", "/api/v1/therapists/", "/api/v1/therapists/{id:guid}/slots",
        "/calendar/{token}.ics", "/fhir/metadata",
    ];

    [Fact]
    public void OnlyTheReviewedAddressesArePublic()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(path => !IsStaticFile(path))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Public.Order(StringComparer.Ordinal), anonymous);
    }

    [Fact]
    public void TheStylesheetAndScriptsArePublicAndNothingElseUnderTheirFolders()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var files = endpoints.Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).Where(IsStaticFile).ToList();

        Assert.Contains("/css/site.css", files);
        Assert.Contains("/js/live-session.js", files);
        // Every address there is a file of wwwroot (MapStaticAssets, Platform readme rule 12): no route parameter, no page.
        Assert.All(files, f => Assert.Matches(@"^/(css|js|lib)/[\w./-]+\.(css|js|txt|br|gz)$", f));
    }

    /// <summary>wwwroot's folders hold only the site's CSS and scripts, each file public by its plain and fingerprinted address.</summary>
    private static bool IsStaticFile(string path) =>
        path.StartsWith("/css/", StringComparison.Ordinal) || path.StartsWith("/js/", StringComparison.Ordinal) || path.StartsWith("/lib/", StringComparison.Ordinal);
}
