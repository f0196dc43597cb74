namespace Rapport.Web.Features.Platform;

/// <summary>
/// Answers what routing refuses before anyone is asked to sign in: an address that matches nothing is 404, a known
/// address asked with the wrong method is 405 (with <c>Allow</c>), a JSON endpoint sent another content type is 415.
/// Without this, the deny-by-default policy would send a stranger to the sign-in page for a typo, and a catch-all
/// fallback endpoint would hide the 405 and 415 that routing computes (it matches every method and content type).
/// The status-code pages turn each into ProblemDetails under <c>/api</c> and the friendly page elsewhere.
/// </summary>
public static class RoutingRefusals
{
    public static IApplicationBuilder UseRoutingRefusals(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        // Routing's own 405 and 415 answers are endpoints with no route and no metadata; run them now, before authorization.
        if (endpoint is not RouteEndpoint && endpoint.Metadata.Count == 0 && endpoint.RequestDelegate is { } refusal)
        {
            return refusal(context);
        }
        return next(context);
    });
}
