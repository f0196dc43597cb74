using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Admin.Pages;

[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ListedInvitations)]
public sealed class InvitationsModel(AppDbContext db, UserManager<RapportUser> users, AccountMail mail, Auditor audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the e-mail address to invite.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.com.")]
    [StringLength(256)]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Therapist;

    public IReadOnlyList<StaffInvitation> Recent { get; private set; } = [];
    public string? Message { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Role is not (Roles.Therapist or Roles.Admin))
        {
            ModelState.AddModelError(nameof(Role), "Choose therapist or admin.");
        }
        if (ModelState.IsValid && await users.FindByEmailAsync(Email.Trim()) is not null)
        {
            ModelState.AddModelError(nameof(Email), "An account already uses this e-mail address.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var admin = await users.GetUserAsync(User) ?? throw new NotFoundException();
        var (invitation, token) = StaffInvitation.Issue(Email, Role, admin.Id, clock.GetUtcNow());
        // The invitation and its e-mail are stored together or not at all.
        db.StaffInvitations.Add(invitation);
        mail.QueueInvitation(invitation, token, admin.DisplayName);
        audit.Stage(AuditAction.InvitationIssued, subject: invitation.Id.ToString(), detail: $"{Role} {invitation.Email}");
        await db.SaveChangesAsync(ct);
        mail.SendSoon();
        Message = $"Invitation sent to {invitation.Email}.";
        Email = "";
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return NotFound();
        }
        try
        {
            invitation.Revoke(clock.GetUtcNow());
            audit.Stage(AuditAction.InvitationRevoked, subject: id.ToString());
            await db.SaveChangesAsync(ct);
            Message = $"The invitation to {invitation.Email} is withdrawn.";
        }
        catch (RuleViolationException e)
        {
            ModelState.AddModelError("", e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Recent = await db.StaffInvitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(50).ToListAsync(ct);
    }
}
