using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("the second step of sign-in; its outcomes are recorded by the account events (sign-in, failed sign-in, lockout, recovery code used)")]
public sealed class SignInTwoFactorModel(SignInManager<RapportUser> signIn, PasswordSignIn passwords) : PageModel
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
        switch (await passwords.SecondStepAsync(user, Code, UseRecoveryCode, ct))
        {
            case PasswordSignIn.SecondStep.Succeeded:
                return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
            case PasswordSignIn.SecondStep.Paused:
                ModelState.AddModelError("", TooManyCodes);
                return Page();
            case PasswordSignIn.SecondStep.LockedOut:
                ModelState.AddModelError("", "This account is locked. Ask the clinic for help.");
                return Page();
        }
        ModelState.AddModelError(nameof(Code), UseRecoveryCode
            ? "That recovery code is not right or was already used."
            : "That code is not right. Codes change every 30 seconds: enter the one your app shows now.");
        return Page();
    }
}
