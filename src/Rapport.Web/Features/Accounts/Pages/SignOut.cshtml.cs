using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("ends the session; recorded as account.sign-out")]
public sealed class SignOutModel(SignInManager<RapportUser> signIn, UserManager<RapportUser> users, Auditor audit) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var user = await users.GetUserAsync(User);
            if (user is not null)
            {
                // A new security stamp ends this session everywhere, including copies of the cookie.
                await users.UpdateSecurityStampAsync(user);
                await audit.RecordAsync(AuditAction.SignOut, userId: user.Id, ct: ct);
            }
            await signIn.SignOutAsync();
        }
        return RedirectToPage("SignedOut");
    }
}
