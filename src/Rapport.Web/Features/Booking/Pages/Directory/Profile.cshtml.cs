using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking.Pages.Directory;

/// <summary>
/// A listed therapist's page: the profile and a week of free times in the viewer's zone (<c>?week=0..8</c>).
/// A signed-in patient books a first conversation with one press (POST, then redirect to the appointment);
/// anyone else sees the times and how to sign in. A time that cannot be booked is explained on this page,
/// with the times shown again, and nothing is booked.
/// </summary>
[AllowAnonymous]
[NotAudited("one listed therapist's published profile, public")]
public sealed class ProfileModel(ProfileLookup profiles, PeopleNames people, BookingService booking, CareAccess care, TimeProvider clock)
    : PageModel
{
    public const int LastWeek = 8;

    public sealed record Therapist(Guid Id, string Name, string Bio, IReadOnlyList<string> Languages, IReadOnlyList<string> Conditions,
        IReadOnlyList<string> Countries, TrainingLevel Training, bool AcceptingNewPatients);

    public sealed record Day(DateOnly Date, IReadOnlyList<Slot> Slots);

    public Therapist Profile { get; private set; } = null!;
    public BookingPolicy Policy { get; private set; } = null!;
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public IReadOnlyList<Day> Days { get; private set; } = [];
    public int Week { get; private set; }
    /// <summary>Why the chosen time could not be booked, in words for the person.</summary>
    public string? Problem { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    /// <summary>A patient books a first conversation while the therapist takes new patients, and sessions whenever they are in their care.</summary>
    public bool CanBook => User.IsInRole(Roles.Patient) && (Profile.AcceptingNewPatients || InTheirCare) && NotLicensedFor is null;
    /// <summary>The signed-in patient's country when this therapist may not practise there (Therapists readme, rule 5); null otherwise.</summary>
    public string? NotLicensedFor { get; private set; }
    /// <summary>The signed-in patient is in this therapist's care: a time booked here is a session, not a first conversation.</summary>
    public bool InTheirCare { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? week, string? tz, CancellationToken ct)
    {
        Zone = await ViewerZone.ResolveAsync(User, tz, people, clock, Request.Cookies[ViewerZone.DeviceCookie]);
        return await ShowAsync(id, week, ct);
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, DateTimeOffset start, int? week, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }
        if (!User.IsInRole(Roles.Patient))
        {
            return Forbid();
        }
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
        var profile = await LoadProfileAsync(id, ct);
        if (profile is null)
        {
            return NotFound();
        }
        if (!profile.AcceptingNewPatients && (await care.StandingAsync(id, User.UserId(), ct)).Role != CareRole.Responsible)
        {
            Problem = $"{profile.Name} is not taking new patients at the moment, so a first conversation cannot be booked. Please choose another therapist.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(id, week, ct);
        }
        RuleViolationException? refused = null;
        return await this.AttemptAsync(async () =>
        {
            var appointment = await booking.BookAsync(User.UserId(), id, start, AppointmentKind.Assessment, ct);
            return this.RedirectWithNotice($"/appointments/{appointment.Id}", "booked");
        }, async () =>
        {
            // Explaining a clash reads the nearby free times, so it happens once the refused attempt is dropped.
            NeedsPhoneNumber = refused?.Rule == BookingRules.PhoneNumberRequired;
            Problem = NeedsPhoneNumber
                ? "Add your phone number before booking: if something goes wrong during a session, your therapist must be able to call you. Nothing was booked."
                : refused is { } e ? await ExplainAsync(e, id, start, ct) : null;
            return await ShowAsync(id, week, ct);
        }, e => refused = e, StatusCodes.Status409Conflict);
    }

    /// <summary>The booking was refused for want of the patient's phone: the refusal links to where it is added, and back.</summary>
    public bool NeedsPhoneNumber { get; private set; }

    public string AddPhoneNumberLink => $"{BookingService.AddPhoneNumberPath}?returnUrl={Uri.EscapeDataString($"/therapists/{Profile.Id}?week={Week}")}";

    public string WeekLink(int week)
    {
        var query = new Dictionary<string, string?> { ["week"] = week.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Zone.Chosen is { } tz)
        {
            query["tz"] = tz;
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/therapists/{Profile.Id}", query);
    }

    public string SignInLink => "/account/sign-in?ReturnUrl=" + Uri.EscapeDataString($"/therapists/{Profile.Id}?week={Week}");

    private async Task<IActionResult> ShowAsync(Guid id, int? week, CancellationToken ct)
    {
        var profile = await LoadProfileAsync(id, ct);
        if (profile is null)
        {
            return NotFound();
        }
        Profile = profile;
        Week = Math.Clamp(week ?? 0, 0, LastWeek);
        InTheirCare = User.IsInRole(Roles.Patient) && (await care.StandingAsync(id, User.UserId(), ct)).Role == CareRole.Responsible;
        if (User.IsInRole(Roles.Patient) && await people.FindAsync(User.UserId(), ct) is { } me && !profile.Countries.Contains(me.CountryCode) && me.CountryCode != "")
        {
            NotLicensedFor = me.CountryCode;
        }

        // A week is seven of the viewer's own days, starting today.
        var now = clock.GetUtcNow();
        var first = Zone.DateOf(now).AddDays(7 * Week);
        var from = Zone.StartOf(first);
        var to = Zone.StartOf(first.AddDays(7));
        var calendar = await booking.LoadCalendarAsync(id, from, to, ct);
        Policy = calendar?.Policy ?? BookingPolicy.Default(id);
        var slots = calendar is null ? [] : SlotCalculator.Compute(calendar, from, to, now);
        var byDate = slots.ToLookup(s => Zone.DateOf(s.StartUtc));
        Days = Enumerable.Range(0, 7).Select(i => first.AddDays(i)).Select(d => new Day(d, byDate[d].ToArray())).ToArray();
        return Page();
    }

    private async Task<Therapist?> LoadProfileAsync(Guid id, CancellationToken ct)
    {
        var row = await (from p in profiles.Approved
                         join u in people.People on p.UserId equals u.Id
                         where p.UserId == id
                         select new { p, u.DisplayName }).SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new Therapist(row.p.UserId, row.DisplayName, row.p.Bio, row.p.LanguageList, row.p.SpecialtyList, row.p.CountryList,
                row.p.Training, row.p.AcceptingNewPatients);
    }

    /// <summary>
    /// The person chose from the times shown, so a refusal usually means someone else was quicker (the
    /// time is now taken) or time moved on (too close to now). Say which, and keep the rule's own words otherwise.
    /// </summary>
    private async Task<string> ExplainAsync(RuleViolationException e, Guid therapistId, DateTimeOffset start, CancellationToken ct)
    {
        const string taken = "Someone has just booked that time. Please choose another.";
        if (e.Rule == BookingRules.SlotTaken)
        {
            return taken;
        }
        var calendar = await booking.LoadCalendarAsync(therapistId, start.AddDays(-1), start.AddDays(1), ct);
        var end = start + (calendar?.Policy.Session ?? BookingPolicy.DefaultSession) + (calendar?.Policy.Buffer ?? TimeSpan.Zero);
        return calendar is not null && calendar.Busy.Any(b => b.StartUtc < end && start < b.EndUtc)
            ? taken
            : $"{e.Message} Nothing was booked.";
    }
}
