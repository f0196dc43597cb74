using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Therapists.Pages;

/// <summary>
/// The public directory: a GET filter form (bookmarkable, works without JavaScript), ten therapists a page,
/// each with their next free time in the viewer's zone. Unknown filter values are ignored, not errors.
/// </summary>
[AllowAnonymous]
[NotAudited("public directory of listed therapists' published profiles")]
public sealed class DirectoryModel(TherapistDirectory directory, UserManager<RapportUser> users) : PageModel
{
    public const int PageSize = 10;
    public static readonly IReadOnlyList<int> WithinChoices = [7, 14, 30];

    public string? Language { get; private set; }
    /// <summary>The condition as its opaque key (<see cref="OfferingKeys"/>), as it travels in the address.</summary>
    public string? Offering { get; private set; }
    public bool Accepting { get; private set; }
    public int? Within { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public DirectoryPage Result { get; private set; } = new([], 1, PageSize, 0);

    // "page" is a route value of Razor Pages itself, so the page number travels as "p".
    public async Task OnGetAsync(string? language, string? offering, bool accepting, int? within, int? p, string? tz, CancellationToken ct)
    {
        Language = ProfileChoices.IsLanguage(language) ? language : null;
        var condition = OfferingKeys.CodeFor(offering);
        Offering = condition is null ? null : offering;
        Accepting = accepting;
        Within = within is { } w && WithinChoices.Contains(w) ? w : null;
        PageNumber = Math.Clamp(p ?? 1, 1, 10_000);
        Zone = await ViewerZone.ResolveAsync(User, tz, users, Request.Cookies[ViewerZone.DeviceCookie]);
        Result = await directory.SearchAsync(new DirectoryFilter(Language, condition, Accepting ? true : null, Within, PageNumber, PageSize), ct);
    }

    /// <summary>This page's address with the same filters, at another page number.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>();
        if (Language is not null)
        {
            query["language"] = Language;
        }
        if (Offering is not null)
        {
            query["offering"] = Offering;
        }
        if (Accepting)
        {
            query["accepting"] = "true";
        }
        if (Within is { } w)
        {
            query["within"] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Zone.Chosen is { } tz)
        {
            query["tz"] = tz;
        }
        if (page > 1)
        {
            query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("/therapists", query);
    }

    /// <summary>The therapist's page, keeping an anonymous visitor's chosen zone.</summary>
    public string TherapistLink(Guid id) => TherapistPageLink(id, Zone);

    public static string TherapistPageLink(Guid id, ViewerZone zone) =>
        zone.Chosen is { } tz ? QueryHelpers.AddQueryString($"/therapists/{id}", "tz", tz) : $"/therapists/{id}";
}
