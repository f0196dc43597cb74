using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Rapport.Web.Features.Interoperability;

/// <summary>A search or read the server cannot carry out as asked: an unknown parameter or a malformed value (400).</summary>
public sealed class FhirRequestException(string message) : Exception(message);

/// <summary>
/// Every failure under <c>/fhir</c> answers an <see cref="OperationOutcome"/> (Interoperability readme, rule 3): the
/// refusals of authentication and authorization (401, 403), routing (404, 405) and the handlers (400, 404, 409), and
/// faults (500, with no detail).
/// </summary>
public static class FhirErrors
{
    public static readonly PathString Root = "/fhir";

    public static bool IsFhir(HttpContext context) => context.Request.Path.StartsWithSegments(Root);

    public static OperationOutcome Outcome(int status, string? detail)
    {
        var (code, text) = status switch
        {
            400 => (OperationOutcome.IssueType.Invalid, "The request is not valid."),
            401 => (OperationOutcome.IssueType.Login, "Send a bearer token from POST /api/v1/auth/token."),
            403 => (OperationOutcome.IssueType.Forbidden, "This account may not use this part of the API."),
            404 => (OperationOutcome.IssueType.NotFound, "No such resource."),
            405 => (OperationOutcome.IssueType.NotSupported, "Only reading and searching are supported."),
            406 or 415 => (OperationOutcome.IssueType.NotSupported, "Only application/fhir+json is supported."),
            409 => (OperationOutcome.IssueType.Conflict, "The request breaks a rule."),
            413 => (OperationOutcome.IssueType.TooLong, "The request is too large."),
            429 => (OperationOutcome.IssueType.Throttled, "Too many requests; try again later."),
            < 500 => (OperationOutcome.IssueType.Processing, "The request could not be processed."),
            _ => (OperationOutcome.IssueType.Exception, "Something went wrong; the error was logged and nothing was changed."),
        };
        return new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = status >= 500 ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
                    Code = code,
                    Diagnostics = status >= 500 ? text : detail ?? text,
                },
            ],
        };
    }
}

/// <summary>Empty error answers under /fhir (the status-code pages write them through the ProblemDetails service) become OperationOutcomes.</summary>
public sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => FhirErrors.IsFhir(context.HttpContext);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        // A ProblemDetails title is generic ("Not Found"); the outcome's own wording says what to do.
        var detail = context.ProblemDetails.Detail;
        await new FhirResult(FhirErrors.Outcome(status, detail), status).ExecuteAsync(http);
    }
}

/// <summary>Exceptions under /fhir: the refusals the handlers throw, and faults, as OperationOutcomes.</summary>
public sealed class FhirExceptionHandler(ILogger<FhirExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = new PathString(httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path);
        if (!path.StartsWithSegments(FhirErrors.Root))
        {
            return false;
        }
        var (status, detail) = exception switch
        {
            FhirRequestException bad => (StatusCodes.Status400BadRequest, bad.Message),
            BadHttpRequestException bad when bad.StatusCode < 500 => (bad.StatusCode, "The request could not be read."),
            NotFoundException => (StatusCodes.Status404NotFound, "No such resource, or not one this account may see."),
            RuleViolationException rule => (StatusCodes.Status409Conflict, rule.Message),
            _ => (StatusCodes.Status500InternalServerError, null),
        };
        if (status >= 500)
        {
            log.LogError(exception, "Unhandled error on {Path}", path);
        }
        httpContext.Response.Clear();
        await new FhirResult(FhirErrors.Outcome(status, detail), status).ExecuteAsync(httpContext);
        return true;
    }
}
