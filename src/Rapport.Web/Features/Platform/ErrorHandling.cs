using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// The one mapping from failures to answers: a broken rule is 409 (422 for bad input), a foreign or
/// missing record is 404, anything else is a 500 with no detail. API callers get ProblemDetails
/// (RFC 9457); people get the friendly /error page. Never a stack trace.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The original path: the middleware may already have pointed the request at /error.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path);
        if (ErrorHandling.IsRefusal(exception))
        {
            // An answer, not a fault (someone else's record, a broken rule, a bad value): no stack trace, no error level.
            log.LogInformation("Refused {Method} {Path}: {Refusal}", context.Request.Method, path, exception.GetType().Name);
        }
        if (!path.StartsWithSegments("/api"))
        {
            return false; // pages: re-executed as /error
        }
        if (exception is InputValidationException invalid)
        {
            await TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), invalid.Message, title: "The request has invalid values").ExecuteAsync(context);
            return true;
        }
        if (exception is BadHttpRequestException { InnerException: InputRuleException broken })
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [broken.Field] = [broken.Message] }, broken.Message,
                title: "The request has invalid values").ExecuteAsync(context);
            return true;
        }
        var (status, title, detail, rule) = exception switch
        {
            RuleViolationException { Rule: Booking.BookingRules.TooManyWrites } r => (StatusCodes.Status429TooManyRequests, "Too many changes", r.Message, r.Rule),
            RuleViolationException { Rule: Messaging.MessagingRules.TooManyMessages } r => (StatusCodes.Status429TooManyRequests, "Too many messages", r.Message, r.Rule),
            // The body itself cannot be processed (RFC 9110 §15.5.21): resending it unchanged will never succeed.
            RuleViolationException
            {
                Rule: Assessments.AssessmentRules.IdempotencyKeyReused or Assessments.AssessmentRules.IdempotencyKeyMismatch
                or Assessments.AssessmentRules.NothingAnswered
            } r => (StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", r.Message, r.Rule),
            RuleViolationException r => (StatusCodes.Status409Conflict, "The request breaks a rule", r.Message, r.Rule),
            NotFoundException n => (StatusCodes.Status404NotFound, "Not found", n.Message, null),
            BadHttpRequestException b => (b.StatusCode, "Bad request", "The request could not be read.", null),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong", "The error was logged; nothing was changed.", null),
        };
        if (status >= 500)
        {
            log.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
        }
        context.Response.StatusCode = status;
        var pd = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (rule is not null)
        {
            pd.Extensions["rule"] = rule;
        }
        // ProblemHttpResult writes through the ProblemDetails service (traceId, instance) and falls back to plain
        // application/problem+json when no writer accepts, so an API caller never gets the HTML error page.
        await TypedResults.Problem(pd).ExecuteAsync(context);
        return true;
    }
}

public static class ErrorHandling
{
    public static void AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions.Remove("traceId");
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Minimal API binding failures (unreadable JSON, a value InputRules refuses, a wrong content type) reach the
        // handler above as exceptions, so their ProblemDetails can say what was wrong instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    /// <summary>Exceptions that are answers to the caller (404, 409, 400), not faults of the app.</summary>
    public static bool IsRefusal(Exception exception) =>
        exception is NotFoundException or RuleViolationException or InputValidationException or BadHttpRequestException { StatusCode: < 500 };

    public static void UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            AllowStatusCode404Response = true,
            // The middleware's own error-level entry with a stack trace is for faults only: refusals are logged by
            // ApiExceptionHandler at information level, and it logs the API's faults itself.
            SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || IsRefusal(c.Exception),
        });
        // API: empty error answers (401, 403, 404, 405 …) become ProblemDetails; under /fhir the FHIR API's own writer of
        // the ProblemDetails service turns them into OperationOutcomes (Interoperability readme). Pages: a friendly page.
        app.UseWhen(c => AnswersPrograms(c.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(c => !AnswersPrograms(c.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
    }

    /// <summary>Addresses read by programs, which get a machine-readable error instead of the friendly page.</summary>
    public static bool AnswersPrograms(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir");
}
