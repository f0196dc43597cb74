using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// Refuses oversized bodies before anything reads them. Kestrel enforces the same limit on bodies
/// that do not announce their length.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "Request body too large",
                        Detail = $"Send at most {MaxBodyBytes / 1024} KB.",
                    },
                });
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    "<!DOCTYPE html><html lang=\"en\"><title>Too large · Rapport</title><main><h1>That was too large to send</h1>" +
                    "<p>Please shorten what you entered and try again. <a href=\"/\">Back to Rapport</a></p></main></html>");
            }
            return;
        }
        await next();
    });
}
