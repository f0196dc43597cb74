using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking.Pages.Directory;

/// <summary>
/// The public directory: a GET filter form (bookmarkable, works without JavaScript), ten therapists a page,
/// each with their next free time in the viewer's zone. Unknown filter values are ignored, not errors.
/// </summary>
[AllowAnonymous]
[NotAudited("public directory of listed therapists' published profiles")]
public sealed class DirectoryModel(TherapistDirectory directory, PeopleNames people, TimeProvider clock) : PageModel
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
    /// <summary>
    /// A signed-in patient's country: the list holds only therapists who may practise there (Therapists readme, rule 5)
    /// unless they ask to see everyone (<see cref="Everyone"/>).
    /// </summary>
    public string? PatientCountry { get; private set; }
    public bool Everyone { get; private set; }
    /// <summary>
    /// The list holds only therapists licensed for the patient's country. Then "see everyone" on an empty list must lift
    /// that too: without it the link leads back to the same empty list (nobody may yet practise in their country).
    /// </summary>
    public bool OnlyLicensedShown => PatientCountry is not null && !Everyone;
    /// <summary>
    /// The visitor asked to change the time zone: only then does the page carry the list of 400-odd zones, which costs a
    /// phone parsing, styling and layout on every visit otherwise (docs/performance.md, "Lighthouse (mobile)").
    /// </summary>
    public bool ChoosingZone { get; private set; }
    public DirectoryPage Result { get; private set; } = new([], 1, PageSize, 0);

    // "page" is a route value of Razor Pages itself, so the page number travels as "p".
    public async Task OnGetAsync(string? language, string? offering, bool accepting, int? within, int? p, string? tz, bool everyone, bool zones, CancellationToken ct)
    {
        ChoosingZone = zones;
        if (User.IsInRole(Roles.Patient) && await people.FindAsync(User.UserId(), ct) is { CountryCode.Length: > 0 } me)
        {
            PatientCountry = me.CountryCode;
            Everyone = everyone;
        }
        Language = ProfileChoices.IsLanguage(language) ? language : null;
        var condition = OfferingKeys.CodeFor(offering);
        Offering = condition is null ? null : offering;
        Accepting = accepting;
        Within = within is { } w && WithinChoices.Contains(w) ? w : null;
        PageNumber = Math.Clamp(p ?? 1, 1, 10_000);
        Zone = await ViewerZone.ResolveAsync(User, tz, people, clock, Request.Cookies[ViewerZone.DeviceCookie]);
        Result = await directory.SearchAsync(new DirectoryFilter(Language, condition, Accepting ? true : null, Within, PageNumber, PageSize,
            Everyone ? null : PatientCountry), ct);
    }

    /// <summary>This page's address with the same filters, at another page number.</summary>
    public string PageLink(int page) => Link(page, Everyone);

    /// <summary>The first page with the same filters, listing everyone or only those licensed for the patient's country.</summary>
    public string EveryoneLink(bool everyone) => Link(1, everyone);

    /// <summary>This page again with the same filters and the zone picker shown.</summary>
    public string ChooseZoneLink => Link(PageNumber, Everyone, chooseZone: true) + "#tz";

    /// <summary>Whether the signed-in patient could book this therapist (the others are listed only when they ask for everyone).</summary>
    public bool MayBook(DirectoryEntry t) => PatientCountry is null || t.Countries.Contains(PatientCountry);

    private string Link(int page, bool everyone, bool chooseZone = false)
    {
        var query = new Dictionary<string, string?>();
        if (chooseZone)
        {
            query["zones"] = "true";
        }
        if (everyone)
        {
            query["everyone"] = "true";
        }
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
