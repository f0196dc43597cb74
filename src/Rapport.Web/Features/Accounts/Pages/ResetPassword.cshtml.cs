using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("sets a new password from its e-mailed link; recorded as account.password-reset")]
public sealed class ResetPasswordModel(UserManager<RapportUser> users, Auditor audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = CommonPasswordValidator.MinimumLength,
        ErrorMessage = "Use at least 8 characters for your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = UserId == Guid.Empty ? null : await users.FindByIdAsync(UserId.ToString());
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            token = "";
        }
        if (user is null || token.Length == 0)
        {
            ModelState.AddModelError("", "This reset link is not valid or has expired. Ask for a new one.");
            return Page();
        }
        // ResetPasswordAsync also renews the security stamp, which ends every other session of this account.
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "InvalidToken" ? "" : nameof(Password),
                    e.Code == "InvalidToken" ? "This reset link is not valid or has expired. Ask for a new one." : e.Description);
            }
            return Page();
        }
        // Following the e-mailed link proves the address, so it also ends any wait after wrong tries (the sign-in page offers this way out).
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditAction.PasswordReset, userId: user.Id, ct: ct);
        Done = true;
        return Page();
    }
}
