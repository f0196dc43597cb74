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
        "/calendar/{token}.ics",
    ];

    [Fact]
    public void OnlyTheReviewedAddressesArePublic()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal);

        Assert.Equal(Public.Order(StringComparer.Ordinal), anonymous);
    }
}
