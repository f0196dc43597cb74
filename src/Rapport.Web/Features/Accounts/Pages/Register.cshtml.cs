using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("the registration form; a new account is recorded as account.registered")]
public sealed class RegisterModel(Registration registration, TimeProvider clock) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();
    [BindProperty] public ProfileInput Profile { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter the name you would like us to use.")]
        [StringLength(RapportUser.MaxNameLength, ErrorMessage = "Use at most 100 characters for your name.")]
        [PersonName]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
        [StringLength(256)]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = CommonPasswordValidator.MinimumLength,
            ErrorMessage = "Use at least 8 characters for your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        /// <summary>Optional here; needed before the first appointment (Booking readme).</summary>
        [StringLength(InternationalPhone.MaxWrittenLength, ErrorMessage = InternationalPhone.Message)]
        [Display(Name = "Phone number")]
        public string? PhoneNumber { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var phoneGiven = !string.IsNullOrWhiteSpace(Input.PhoneNumber);
        if (phoneGiven && InternationalPhone.Normalise(Input.PhoneNumber, Profile.CountryCode) is null)
        {
            ModelState.AddModelError("Input.PhoneNumber", InternationalPhone.Message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new RapportUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        Profile.ApplyTo(user);
        if (phoneGiven)
        {
            user.ChangePhoneNumber(Input.PhoneNumber);
        }
        // A taken address succeeds too (its owner is e-mailed instead): the page must not tell the two apart.
        var registered = await registration.RegisterAsync(user, Input.Password, ct);
        if (!registered.Succeeded)
        {
            foreach (var error in registered.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", error.Description);
            }
            return Page();
        }
        Sent = true;
        return Page();
    }
}
