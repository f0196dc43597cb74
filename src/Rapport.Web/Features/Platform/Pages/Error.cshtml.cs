using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Platform.Pages;

/// <summary>
/// The page people see for any failure. Re-executed with the original method, so it must accept
/// a POST without an anti-forgery token (the missing token may be the very failure it explains).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[NotAudited("the error page; shows only a status code")]
public sealed class ErrorModel : PageModel
{
    /// <summary>
    /// From the route, read by hand rather than bound: the page re-executes the failed request, and model binding of that
    /// request (its form may be the very thing that was refused) must not decide which error is shown.
    /// </summary>
    public int? Code { get; private set; }

    /// <summary>A broken rule's own message, written for the person (style rule 4: friendly messages on pages).</summary>
    public string? RuleMessage { get; private set; }

    public (string Title, string Message) Explanation => (Code ?? 500) switch
    {
        409 => ("That could not be done", RuleMessage ?? "Something changed in the meantime. Go back, reload the page and try again."),
        400 when RuleMessage is not null => ("Please check what you entered", RuleMessage + " Nothing was saved: go back, correct it and send it again."),
        400 => ("Please try again", "The form could not be accepted, perhaps because it was open for a long time or was sent from another site. Go back, reload the page and try again."),
        403 => ("Not available", "Your account cannot open this page."),
        404 => ("Page not found", "We could not find that page. It may have moved, or the link may be incomplete."),
        405 => ("Not available", "That page cannot be used this way."),
        413 => ("Too large", "What you sent was too large. Please shorten it and try again."),
        429 => ("Please wait a moment", "There were too many attempts in a short time. Wait a minute and try again."),
        _ => ("Something went wrong", "Sorry, something went wrong on our side. Nothing you entered was half-saved: try again in a moment."),
    };

    public void OnGet() => SetStatus();

    public void OnPost() => SetStatus();

    private void SetStatus()
    {
        Code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code : null;
        // A refused form field or address (InputRules) says which and why.
        RuleMessage = HttpContext.Items[ErrorExplanation.Key] as string;
        if (Code is not null)
        {
            return;
        }
        // Re-executed after an exception: rules and missing records are not server errors.
        switch (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error)
        {
            case RuleViolationException rule:
                Code = StatusCodes.Status409Conflict;
                RuleMessage = rule.Message;
                break;
            case NotFoundException:
                Code = StatusCodes.Status404NotFound;
                break;
            case InputValidationException invalid:
                Code = StatusCodes.Status400BadRequest;
                RuleMessage = invalid.Errors.Values.SelectMany(e => e).FirstOrDefault() ?? invalid.Message;
                break;
            case BadHttpRequestException bad:
                Code = bad.StatusCode;
                break;
        }
        Response.StatusCode = Code ?? StatusCodes.Status500InternalServerError;
    }
}
