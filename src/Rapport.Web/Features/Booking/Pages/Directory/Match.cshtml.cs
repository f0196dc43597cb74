using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking.Pages.Directory;

/// <summary>
/// Four short questions, then up to five therapists ranked by <see cref="TherapistMatching"/> with the reasons
/// in words. The form is POSTed, so what brought the person and the condition they chose never appear in an
/// address or the browser history; the answers are not stored.
/// </summary>
[AllowAnonymous]
[NotAudited("public matching of the visitor's answers to listed therapists' published profiles; the answers are not stored")]
public sealed class MatchModel(ProfileLookup profiles, PeopleNames people, BookingService booking, TimeProvider clock) : PageModel
{
    /// <summary>How far ahead free times are counted.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(28);
    /// <summary>A bound on the work per answer; far above the clinic's size today.</summary>
    public const int MaxCandidates = 500;

    public sealed record Result(Suggestion Suggestion, DateTimeOffset? NextFreeUtc);

    [BindProperty] public MatchInput Input { get; set; } = new();
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    /// <summary>A signed-in patient's country: only therapists who may practise there are suggested (Therapists readme, rule 5).</summary>
    public string? LicensedFor { get; private set; }
    public IReadOnlyList<Result>? Results { get; private set; }

    public sealed class MatchInput
    {
        public string Language { get; set; } = "en";
        public List<MeetingTime> Times { get; set; } = [];
        public WhatBrought? Brought { get; set; }
        /// <summary>A condition code, or empty for no preference.</summary>
        public string? Condition { get; set; }
        public string? Tz { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
        if (User.Identity?.IsAuthenticated == true && await people.FindAsync(User.UserId(), ct) is { } me && ProfileChoices.IsLanguage(me.PreferredLanguage))
        {
            Input.Language = me.PreferredLanguage;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Zone = await ViewerZone.ResolveAsync(User, Input.Tz, people, clock);
        if (!ProfileChoices.IsLanguage(Input.Language))
        {
            ModelState.AddModelError("Input.Language", "Choose a language from the list.");
        }
        if (!string.IsNullOrEmpty(Input.Condition) && TherapistProfile.Offerings.All(o => o.Code != Input.Condition))
        {
            Input.Condition = null;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (User.IsInRole(Roles.Patient) && await people.FindAsync(User.UserId(), ct) is { CountryCode.Length: > 0 } me)
        {
            LicensedFor = me.CountryCode;
        }
        var country = "," + LicensedFor + ",";
        var now = clock.GetUtcNow();
        var until = now + LookAhead;
        var rows = await (from p in profiles.Approved
                          join u in people.People on p.UserId equals u.Id
                          where p.AcceptingNewPatients
                              && (LicensedFor == null || ("," + p.Countries + ",").Contains(country))
                          orderby u.DisplayName, p.UserId
                          select new { p.UserId, u.DisplayName, p.Languages, p.Specialties }).Take(MaxCandidates).ToListAsync(ct);
        var calendars = await booking.LoadCalendarsAsync(rows.Select(r => r.UserId).ToArray(), now, until, ct);
        var candidates = rows.Select(r => new MatchCandidate(r.UserId, r.DisplayName,
            r.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Specialties.Split(',', StringSplitOptions.RemoveEmptyEntries),
            calendars.TryGetValue(r.UserId, out var calendar) ? SlotCalculator.Compute(calendar, now, until, now).Select(s => s.StartUtc).ToArray() : []));

        var answers = new MatchAnswers(Input.Language, Input.Times.Distinct().ToArray(), string.IsNullOrEmpty(Input.Condition) ? null : Input.Condition);
        Results = TherapistMatching.Rank(answers, candidates, Zone.Zone)
            .Select(s => new Result(s, NextFree(s.Therapist.FreeStartsUtc, answers.Times)))
            .ToArray();
        return Page();
    }

    public string TherapistLink(Guid id) => DirectoryModel.TherapistPageLink(id, Zone);

    /// <summary>The first free time when the person said they can meet; the first at all if they did not say.</summary>
    private DateTimeOffset? NextFree(IReadOnlyList<DateTimeOffset> starts, IReadOnlyCollection<MeetingTime> times) =>
        times.Count == 0
            ? starts.Cast<DateTimeOffset?>().FirstOrDefault()
            : starts.Where(s => TherapistMatching.PeriodOf(s, Zone.Zone) is { } p && times.Contains(p)).Cast<DateTimeOffset?>().FirstOrDefault();
}
