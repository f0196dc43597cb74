using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features;

/// <summary>
/// How every form page runs its change (docs/architecture.md, "Pages"): load, attempt, and on a refusal show the page
/// again with the rule's words and what the person typed. A refusal leaves nothing half-written: whatever the attempt
/// had changed in the request's <see cref="AppDbContext"/> is dropped before the page reloads what it shows. Someone
/// else's record stays a 404.
/// </summary>
public static class FormAttempts
{
    /// <summary>What a page shows when its record changed under it between loading the form and saving it.</summary>
    public const string ChangedMeanwhile = "Someone changed this a moment ago. Here is the latest; check it and try again.";

    /// <summary>
    /// Runs <paramref name="change"/>. Values that do not fit go beside their fields; a broken rule is put above the form (or where <paramref name="onRefused"/> puts
    /// it: beside a field, or as the page's problem) and a stale write says so; the response then carries
    /// <paramref name="status"/> (400 for a form refused, 409 where the page shows a conflict with someone else's
    /// change) and <paramref name="showAgain"/> reloads the page, which may still answer 404.
    /// </summary>
    public static async Task<IActionResult> AttemptAsync(this PageModel page, Func<Task<IActionResult>> change, Func<Task<IActionResult>> showAgain,
        Action<RuleViolationException>? onRefused = null, int status = StatusCodes.Status400BadRequest)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(showAgain);
        try
        {
            return await change();
        }
        catch (NotFoundException)
        {
            return page.NotFound();
        }
        catch (RuleViolationException refused)
        {
            Forget(page);
            if (onRefused is null)
            {
                page.ModelState.AddModelError("", refused.Message);
            }
            else
            {
                onRefused(refused);
            }
        }
        catch (InputValidationException invalid)
        {
            Forget(page);
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    page.ModelState.AddModelError(field, message);
                }
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget(page);
            page.ModelState.AddModelError("", ChangedMeanwhile);
        }
        page.Response.StatusCode = status;
        return await showAgain();
    }

    /// <summary>The same for a change that returns nothing: shown again with <paramref name="showAgain"/> as a page.</summary>
    public static Task<IActionResult> AttemptAsync(this PageModel page, Func<Task<IActionResult>> change, Func<Task> showAgain,
        Action<RuleViolationException>? onRefused = null, int status = StatusCodes.Status400BadRequest)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(showAgain);
        return page.AttemptAsync(change, async () =>
        {
            await showAgain();
            return page.Page();
        }, onRefused, status);
    }

    /// <summary>Drops what the refused attempt changed, so the reload reads the stored record and nothing half-done is saved later.</summary>
    private static void Forget(PageModel page) =>
        page.HttpContext.RequestServices.GetRequiredService<AppDbContext>().ChangeTracker.Clear();
}
