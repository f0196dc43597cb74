using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Calendars.Pages;

/// <summary>
/// Anyone signed in makes or stops their private calendar address. The full address is on the page once,
/// in the answer to the POST that made it; afterwards only its creation date is shown.
/// </summary>
[Authorize]
[SecretsInBody]
[Audited(AuditAction.ReadCalendarSubscription)]
public sealed class SubscriptionModel(CalendarSubscriptions subscriptions) : PageModel
{
    public DateTimeOffset? LiveSince { get; private set; }
    /// <summary>Set only in the answer to the POST that created it.</summary>
    public string? NewAddress { get; private set; }
    public string? Message { get; private set; }
    public bool IsTherapist { get; private set; }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        // A therapist's feed names their patients: staff must have proven their second factor, as for their other pages.
        if (Roles.Staff.Any(User.IsInRole) && !User.SignedInWithSecondFactor())
        {
            context.Result = Forbid();
        }
        IsTherapist = User.IsInRole(Roles.Therapist);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (feed, address, _) = await subscriptions.CreateAsync(User.UserId(), ct);
        NewAddress = address;
        LiveSince = feed.CreatedAt;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var stopped = await subscriptions.RevokeAsync(User.UserId(), ct);
        Message = stopped > 0 ? "Your calendar address is stopped. Calendar apps using it will no longer get your appointments." : "You had no calendar address.";
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => LiveSince = (await subscriptions.LiveFeedAsync(User.UserId(), ct))?.CreatedAt;
}
