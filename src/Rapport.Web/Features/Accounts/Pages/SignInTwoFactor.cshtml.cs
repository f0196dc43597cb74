using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("the second step of sign-in; its outcomes are recorded by the account events (sign-in, failed sign-in, lockout, recovery code used)")]
public sealed class SignInTwoFactorModel(SignInManager<RapportUser> signIn, PasswordSignIn passwords, Auditor audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public bool UseRecoveryCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(20, ErrorMessage = "That code is too long.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    public const string TooManyCodes = "Too many wrong codes in a row: wait a minute, then enter the code your app shows.";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("SignIn");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The password step expired (5 minutes): start again rather than guess.
            return RedirectToPage("SignIn");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (passwords.WaitLeft(user) > TimeSpan.Zero)
        {
            // Wrong codes slow further codes down as wrong passwords do: six digits must not be guessable at leisure.
            await audit.RecordAsync(AuditAction.LockedOut, AuditOutcome.Denied, user.Id, detail: "second factor", ct: ct);
            ModelState.AddModelError("", TooManyCodes);
            return Page();
        }
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim().ToUpperInvariant()) // codes are issued in capitals; people type either
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync(UseRecoveryCode ? AuditAction.RecoveryCodeUsed : AuditAction.SignIn, userId: user.Id,
                detail: UseRecoveryCode ? "recovery code" : "password+totp", ct: ct);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.LockedOut, AuditOutcome.Denied, user.Id, ct: ct);
            ModelState.AddModelError("", "This account is locked. Ask the clinic for help.");
            return Page();
        }
        await passwords.NoteFailureAsync(user); // SignInManager has counted it
        await audit.RecordAsync(AuditAction.SignInFailed, AuditOutcome.Failure, user.Id, detail: "wrong second-factor code", ct: ct);
        ModelState.AddModelError(nameof(Code), UseRecoveryCode
            ? "That recovery code is not right or was already used."
            : "That code is not right. Codes change every 30 seconds: enter the one your app shows now.");
        return Page();
    }
}
