using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("the sign-in form itself; sign-in outcomes are recorded by the account events")]
public sealed class SignInModel(PasswordSignIn passwords) : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool NeedsConfirmation { get; private set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [StringLength(CommonPasswordValidator.MaximumLength)]
        public string Password { get; set; } = "";
    }

    public async Task OnGetAsync()
    {
        // Start from a clean slate: a half-finished two-factor sign-in must not linger.
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var (outcome, user) = await passwords.AttemptAsync(email, Input.Password, signInWithCookie: true, detail: null, ct);
        switch (outcome)
        {
            case PasswordSignIn.Outcome.Succeeded:
                return LocalRedirect(SafeReturnUrl(ReturnUrl));
            case PasswordSignIn.Outcome.RequiresTwoFactor:
                return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
            case PasswordSignIn.Outcome.NeedsConfirmation:
                // Only someone who knows the password learns that the address still needs confirming.
                NeedsConfirmation = true;
                ModelState.AddModelError("", "We could not sign you in yet. If you have just registered, confirm your e-mail address first.");
                return Page();
            case PasswordSignIn.Outcome.Paused:
                // Only someone who knows the password learns that the account waits, and until when (Accounts readme, rule 2a).
                ModelState.AddModelError("", PasswordSignIn.PausedMessage(PasswordSignIn.PausedUntil(user!)!.Value, user!.TimeZoneId));
                return Page();
            default:
                // One message for a wrong password, an unknown address and an account that must wait: none reveals whether the account exists.
                ModelState.AddModelError("", FailedMessage);
                return Page();
        }
    }

    public const string FailedMessage =
        "The e-mail address or password is not right. After 5 wrong tries each further try has to wait a little longer (up to 15 minutes), "
        + "whatever is typed; you can reset your password meanwhile.";

    internal static string SafeReturnUrl(string? returnUrl) => Platform.LocalUrls.LocalPathOr(returnUrl, "/home");
}
