using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Brute-force protection beside the per-account lockout: each client address may post to the account
/// forms and the token endpoint a limited number of times a minute (security checklist, ASVS 2.2.1),
/// which slows password spraying across many accounts and registration or reset-mail floods.
/// </summary>
public static class AccountRateLimits
{
    public static void AddAccountRateLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("RateLimits:AccountPostsPerMinute", 20);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsAccountAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many attempts",
                            Detail = "Wait a minute and try again.",
                        },
                    });
                }
                // Pages: the empty 429 is shown as the friendly /error/429 page by the status-code pages.
            };
        });
    }

    private static bool IsAccountAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/api/v1/auth"));
}
