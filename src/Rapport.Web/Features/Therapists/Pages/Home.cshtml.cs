using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Therapists.Pages;

/// <summary>The therapist's home; reachable only after a second-factor sign-in (policy Therapist).</summary>
[Authorize(Policy = Policies.Therapist)]
public sealed class HomeModel(UserManager<RapportUser> users, AppDbContext db) : PageModel
{
    public RapportUser Me { get; private set; } = null!;
    public TherapistProfile? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Me = await users.GetUserAsync(User) ?? throw new NotFoundException();
        Profile = await db.TherapistProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == Me.Id, ct);
        return Page();
    }
}
