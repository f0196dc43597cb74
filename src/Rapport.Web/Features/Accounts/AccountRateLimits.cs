using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// Brute-force protection beside the per-account lockout: each client address, and each signed-in person whatever
/// their address, may post to the account forms and the token endpoint a limited number of times a minute (security
/// checklist, ASVS 2.2.1), which slows password spraying across many accounts, code guessing and registration or
/// reset-mail floods. The address is the TCP peer's unless a trusted proxy says otherwise (<see cref="Platform.TrustedProxies"/>).
/// </summary>
public static class AccountRateLimits
{
    public static void AddAccountRateLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("RateLimits:AccountPostsPerMinute", 20);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Two counts, both must allow: one per client address, one per signed-in person. An address alone lets someone
            // with many addresses (an IPv6 range, a botnet) keep guessing a signed-in account's codes; a person alone would
            // not slow anonymous spraying. Runs after authentication (Program.cs), so the person is known.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsAccountAttempt(context.Request)
                    ? PerMinute("address:" + ClientAddress.Key(context.Connection.RemoteIpAddress), perMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsAccountAttempt(context.Request) && context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
                        ? PerMinute("user:" + id, perMinute)
                        : RateLimitPartition.GetNoLimiter("")));
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

    private static RateLimitPartition<string> PerMinute(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static bool IsAccountAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/api/v1/auth"));
}
