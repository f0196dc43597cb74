using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// Refuses oversized bodies before anything reads them (Kestrel enforces the same limit on bodies that do not
/// announce their length), and addresses whose path or query carries control characters (<see cref="InputRules"/>):
/// minimal API handlers bind those values without model binding, so this is where they are checked.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 256 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (ErrorHandling.AnswersPrograms(context.Request.Path))
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
        if (await HasUnreadableFormAsync(context.Request))
        {
            // ASP.NET Core's form reader refuses a NUL outright, so no field can be bound to say which one held it; without
            // this the anti-forgery check would fail to read the form and blame a stale page.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Items[ErrorExplanation.Key] = "One of the fields could not be read: it may hold invisible control characters (such as NUL). Remove them.";
            return;
        }
        if (InputRules.HasControlCharacters(context.Request.Path.Value) || InputRules.HasControlCharacters(Uri.UnescapeDataString(context.Request.QueryString.Value ?? "")))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["address"] = [InputRules.ControlCharacterMessage] },
                    "The address carries control characters.", title: "The request has invalid values").ExecuteAsync(context);
            }
            else
            {
                context.Items[ErrorExplanation.Key] = "The address: " + InputRules.ControlCharacterMessage;
            }
            return;
        }
        await next();
    });

    private static async Task<bool> HasUnreadableFormAsync(HttpRequest request)
    {
        // The error page that explains the refusal re-executes the same request, form and all.
        if (request.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || !HttpMethods.IsPost(request.Method) || request.Path.StartsWithSegments("/api")
            || !string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            return true;
        }
    }
}
