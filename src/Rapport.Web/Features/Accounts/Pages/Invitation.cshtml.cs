using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages;

/// <summary>A therapist or admin accepts their invitation: sets a name and password, then must enrol a second factor.</summary>
[AllowAnonymous]
[NotAudited("accepting an invitation creates the account; recorded as invitation.accepted and account.role-granted")]
public sealed class InvitationModel(
    AppDbContext db, UserManager<RapportUser> users, SignInManager<RapportUser> signIn, InvitationAcceptance acceptance, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public AcceptInput Input { get; set; } = new();
    [BindProperty] public ProfileInput Profile { get; set; } = new();

    public StaffInvitation? Invitation { get; private set; }
    public string? Problem { get; private set; }

    public sealed class AcceptInput
    {
        [Required(ErrorMessage = "Enter your name as patients should see it.")]
        [StringLength(RapportUser.MaxNameLength, ErrorMessage = "Use at most 100 characters for your name.")]
        [PersonName]
        [Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = CommonPasswordValidator.MinimumLength,
            ErrorMessage = "Use at least 8 characters for your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } invitation)
        {
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(invitation.Email) is not null)
        {
            ModelState.AddModelError("", "An account already uses this e-mail address. Ask the clinic's admin to invite another address.");
            return Page();
        }

        var now = clock.GetUtcNow();
        var user = new RapportUser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            // Following the e-mailed link proves the address.
            EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = now,
        };
        Profile.ApplyTo(user);

        var created = await acceptance.AcceptAsync(invitation, user, Input.Password, ct);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", e.Description);
            }
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect("/account/two-factor");
    }

    private async Task<StaffInvitation?> FindAsync(CancellationToken ct)
    {
        Invitation = string.IsNullOrEmpty(Token) || Token.Length > 100
            ? null
            : await db.StaffInvitations.SingleOrDefaultAsync(i => i.TokenHash == StaffInvitation.HashToken(Token), ct);
        var now = clock.GetUtcNow();
        Problem = Invitation switch
        {
            null => "This invitation link is not valid. Check that you copied the whole link, or ask the clinic for a new one.",
            { AcceptedAt: not null } => "This invitation has already been used. If it was you, sign in; otherwise ask the clinic for a new one.",
            { RevokedAt: not null } => "This invitation was withdrawn. Ask the clinic for a new one.",
            _ when !Invitation.IsUsable(now) => "This invitation has expired. Ask the clinic for a new one.",
            _ => null,
        };
        return Problem is null ? Invitation : null;
    }
}
