using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

[AllowAnonymous]
[NotAudited("the registration form; a new account is recorded as account.registered")]
public sealed class RegisterModel(UserManager<RapportUser> users, IPasswordHasher<RapportUser> hasher, AppDbContext db, AccountMail mail, Auditor audit, TimeProvider clock) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();
    [BindProperty] public ProfileInput Profile { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter the name you would like us to use.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
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
        // The password is judged before anyone looks for the address, so a taken address and a free one get the same
        // refusals in the same order ("too common" for both); only then do the two paths part, out of sight.
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors);
        }
        if (passwordErrors.Count > 0)
        {
            foreach (var error in passwordErrors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Saying "this e-mail is taken" would tell anyone who types an address that this person is in therapy.
            hasher.HashPassword(existing, Input.Password); // same time as creating an account: timing reveals nothing
            mail.QueueAlreadyRegistered(existing);
            await db.SaveChangesAsync(ct);
            mail.SendSoon();
            await audit.RecordAsync(AuditAction.Registered, AuditOutcome.Failure, existing.Id, detail: "duplicate e-mail", ct: ct);
            Sent = true;
            return Page();
        }

        Profile.ApplyTo(user);
        if (phoneGiven)
        {
            user.ChangePhoneNumber(Input.PhoneNumber);
        }

        // The account, its role and its confirmation e-mail are one change: all stored or none.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var created = await users.CreateAsync(user, Input.Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", error.Description);
                }
                return Page();
            }
            await users.AddToRoleAsync(user, Roles.Patient);
            mail.QueueConfirmation(user, await users.GenerateEmailConfirmationTokenAsync(user));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        mail.SendSoon();
        await audit.RecordAsync(AuditAction.Registered, userId: user.Id, ct: ct);
        Sent = true;
        return Page();
    }
}
