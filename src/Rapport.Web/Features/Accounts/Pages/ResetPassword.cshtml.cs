using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("sets a new password from its e-mailed link; recorded as account.password-reset")]
public sealed class ResetPasswordModel(PasswordReset reset) : PageModel
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
        var result = await reset.ResetAsync(UserId, Code, Password, ct);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == PasswordReset.InvalidToken ? "" : nameof(Password),
                    e.Code == PasswordReset.InvalidToken ? "This reset link is not valid or has expired. Ask for a new one." : e.Description);
            }
            return Page();
        }
        Done = true;
        return Page();
    }
}
