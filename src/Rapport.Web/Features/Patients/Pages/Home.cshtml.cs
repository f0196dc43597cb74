using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Patients.Pages;

/// <summary>The patient's home. Booking, measures and the IPT course add their cards here in later issues.</summary>
[Authorize(Policy = Policies.Patient)]
public sealed class HomeModel(UserManager<RapportUser> users) : PageModel
{
    public RapportUser Me { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Me = await users.GetUserAsync(User) ?? throw new NotFoundException();
        return Page();
    }
}
