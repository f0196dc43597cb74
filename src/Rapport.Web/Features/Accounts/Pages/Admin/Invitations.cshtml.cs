using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ListedInvitations)]
public sealed class InvitationsModel(AppDbContext db, StaffInvitations invitations, TimeProvider clock) : PageModel
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
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        return await this.AttemptAsync(async () =>
        {
            var invitation = await invitations.IssueAsync(User.UserId(), Email, Role, ct);
            Message = $"Invitation sent to {invitation.Email}.";
            Email = "";
            ModelState.Clear();
            await LoadAsync(ct);
            return Page();
        }, () => LoadAsync(ct),
            e => ModelState.AddModelError(e.Rule switch { AccountRules.InvitedRole => nameof(Role), AccountRules.EmailInUse => nameof(Email), _ => "" }, e.Message));
    }

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) => this.AttemptAsync(async () =>
    {
        if (await invitations.RevokeAsync(id, ct) is not { } invitation)
        {
            return NotFound();
        }
        Message = $"The invitation to {invitation.Email} is withdrawn.";
        await LoadAsync(ct);
        return Page();
    }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Recent = await db.StaffInvitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(50).ToListAsync(ct);
    }
}
