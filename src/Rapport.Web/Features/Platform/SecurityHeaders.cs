namespace Rapport.Web.Features.Platform;

/// <summary>
/// Headers on every response (OWASP ASVS 3.4): a strict CSP with no inline script,
/// no framing, no MIME sniffing, no referrer leaking a URL, and no caching of anything personal.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // Over TLS, also upgrade any stray http:// link; on plain-http development hosts that would break the page.
            h.ContentSecurityPolicy = context.Request.IsHttps ? ContentSecurityPolicy + "; upgrade-insecure-requests" : ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(self), microphone=(self), geolocation=(), payment=(), usb=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            // Pages and API answers can hold personal data: never store them in a shared or browser cache.
            if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js")
                && !context.Request.Path.StartsWithSegments("/lib"))
            {
                h.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
