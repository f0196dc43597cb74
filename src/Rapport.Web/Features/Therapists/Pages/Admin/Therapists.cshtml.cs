using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Therapists.Pages.Admin;

/// <summary>Profiles waiting for approval: an admin lists them in the directory or sends them back with a note.</summary>
[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ReadTherapistProfiles)]
public sealed class TherapistsModel(AppDbContext db, PeopleNames people, ProfileReview review) : PageModel
{
    public sealed record Waiting(TherapistProfile Profile, string Name, string Email);

    public IReadOnlyList<Waiting> Profiles { get; private set; } = [];
    public int Listed { get; private set; }
    public string? Message { get; private set; }

    /// <summary>What the therapist should change; e-mailed to them, not stored.</summary>
    [BindProperty]
    [StringLength(MaxNoteLength, ErrorMessage = "Keep the note to 1,000 characters or fewer.")]
    public string? Note { get; set; }

    public const int MaxNoteLength = 1000;

    /// <summary>The profile whose note was refused as too long: its form opens again with the note as typed.</summary>
    public Guid? RefusedNoteFor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await DecideAsync(id, approve: true, ct);

    public async Task<IActionResult> OnPostSendBackAsync(Guid id, CancellationToken ct) =>
        await DecideAsync(id, approve: false, ct);

    private async Task<IActionResult> DecideAsync(Guid id, bool approve, CancellationToken ct)
    {
        var found = await (from p in db.TherapistProfiles
                           join u in people.People on p.UserId equals u.Id
                           where p.UserId == id
                           select new { Profile = p, u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound();
        }
        var profile = found.Profile;
        // Only a profile that is waiting is decided here; a listed one changes only when its therapist edits it.
        if (profile.Status != ProfileStatus.Submitted || !ModelState.IsValid)
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("", $"{found.DisplayName}'s profile is no longer waiting for approval.");
            }
            else
            {
                RefusedNoteFor = id;
            }
            await LoadAsync(ct);
            return Page();
        }

        await review.DecideAsync(profile, found.Email!, found.DisplayName, User.UserId(), approve, Note, ct);
        Message = approve ? $"{found.DisplayName} is now listed in the directory." : $"{found.DisplayName}'s profile is back in draft; they have been told by e-mail.";
        Note = null;
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }


    private async Task LoadAsync(CancellationToken ct)
    {
        Profiles = (await (from p in db.TherapistProfiles.AsNoTracking()
                           join u in people.People on p.UserId equals u.Id
                           where p.Status == ProfileStatus.Submitted
                           orderby u.DisplayName
                           select new { p, u.DisplayName, u.Email }).Take(200).ToListAsync(ct))
            .Select(x => new Waiting(x.p, x.DisplayName, x.Email!))
            .ToArray();
        Listed = await db.TherapistProfiles.CountAsync(p => p.Status == ProfileStatus.Approved, ct);
    }
}
