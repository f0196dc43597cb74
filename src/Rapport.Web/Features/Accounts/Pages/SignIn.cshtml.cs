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
public sealed class SignInModel(SignInManager<RapportUser> signIn, UserManager<RapportUser> users, IPasswordHasher<RapportUser> hasher, Auditor audit) : PageModel
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
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(email);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignIn, userId: user!.Id, detail: "password", ct: ct);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }
        if (user is null)
        {
            // Spend the same time as a real password check, so timing does not tell which addresses have accounts.
            hasher.HashPassword(new RapportUser(), Input.Password);
        }
        else if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Input.Password))
        {
            // Only someone who knows the password learns that the address still needs confirming.
            NeedsConfirmation = true;
            ModelState.AddModelError("", "We could not sign you in yet. If you have just registered, confirm your e-mail address first.");
            return Page();
        }
        await audit.RecordAsync(result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed,
            result.IsLockedOut ? AuditOutcome.Denied : AuditOutcome.Failure, user?.Id, subject: email, ct: ct);
        // One message for a wrong password, an unknown address and a locked account: none of them reveals whether the account exists.
        ModelState.AddModelError("", FailedMessage);
        return Page();
    }

    public const string FailedMessage =
        "The e-mail address or password is not right. After 5 wrong tries an account is locked for 15 minutes; you can reset your password meanwhile.";

    internal static string SafeReturnUrl(string? returnUrl) => Platform.LocalUrls.LocalPathOr(returnUrl, "/home");
}
