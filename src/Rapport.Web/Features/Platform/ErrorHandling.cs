using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Features.Platform;

/// <summary>
/// The one mapping from failures to answers: a broken rule is 409 (422 for bad input), a foreign or
/// missing record is 404, anything else is a 500 with no detail. API callers get ProblemDetails
/// (RFC 9457); people get the friendly /error page. Never a stack trace.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log, Microsoft.Extensions.Options.IOptions<RuleAnswerOptions> ruleAnswers) : IExceptionHandler
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
            await TypedResults.ValidationProblem(invalid.Errors.ToDictionary(), invalid.Message, instance: path.Value, title: "The request has invalid values").ExecuteAsync(context);
            return true;
        }
        if (exception is BadHttpRequestException { InnerException: InputRuleException broken })
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [broken.Field] = [broken.Message] }, broken.Message,
                instance: path.Value, title: "The request has invalid values").ExecuteAsync(context);
            return true;
        }
        var (status, title, detail, rule) = exception switch
        {
            // A rule its feature answers otherwise (AddRuleAnswer in its AddXxx), else 409.
            RuleViolationException r when ruleAnswers.Value.Answers.TryGetValue(r.Rule, out var answer) => (answer.Status, answer.Title, r.Message, r.Rule),
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
        // The address the caller asked for: by now the request may already point at /error.
        var pd = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = path.Value };
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

/// <summary>Rules whose refusal the API answers with another status than 409, each registered by the feature that owns it.</summary>
public sealed class RuleAnswerOptions
{
    public Dictionary<string, (int Status, string Title)> Answers { get; } = new(StringComparer.Ordinal);
}

public static class ErrorHandling
{
    /// <summary>
    /// The API answers a refusal by <paramref name="rule"/> with <paramref name="status"/> (429 for a limit, 422 for a body
    /// that can never succeed as sent) instead of 409. Called by the feature that owns the rule, so Platform names none.
    /// </summary>
    public static IServiceCollection AddRuleAnswer(this IServiceCollection services, string rule, int status, string title) =>
        services.Configure<RuleAnswerOptions>(o => o.Answers[rule] = (status, title));

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
