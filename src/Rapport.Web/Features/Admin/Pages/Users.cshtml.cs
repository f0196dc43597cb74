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
[Audited(AuditAction.ListedUsers)]
public sealed class UsersModel(AppDbContext db, UserManager<RapportUser> users, Auditor audit) : PageModel
{
    public sealed record Row(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, bool TwoFactor);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Grants or withdraws the admin role from staff. Patients cannot be made staff here: staff join by invitation.</summary>
    public async Task<IActionResult> OnPostAdminRoleAsync(Guid id, bool grant, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        var me = User.UserId();
        if (!grant && user.Id == me)
        {
            ModelState.AddModelError("", "You cannot remove your own admin role; ask another admin.");
        }
        else if (grant && !await users.IsInRoleAsync(user, Roles.Therapist))
        {
            ModelState.AddModelError("", "Only therapists can be given the admin role here; invite new admins by e-mail.");
        }
        else
        {
            var result = grant ? await users.AddToRoleAsync(user, Roles.Admin) : await users.RemoveFromRoleAsync(user, Roles.Admin);
            if (result.Succeeded)
            {
                // A new security stamp makes the change reach the person's open sessions within a minute.
                await users.UpdateSecurityStampAsync(user);
                await audit.RecordAsync(grant ? AuditAction.RoleGranted : AuditAction.RoleRevoked, subject: user.Id.ToString(), detail: Roles.Admin, ct: ct);
                Message = $"{user.DisplayName} {(grant ? "is now" : "is no longer")} an admin.";
            }
            else
            {
                ModelState.AddModelError("", grant ? "That person is already an admin." : "That person is not an admin.");
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var userRoles = (await db.UserRoles.AsNoTracking().ToListAsync(ct)).ToLookup(ur => ur.UserId, ur => roleNames[ur.RoleId]);
        Rows = (await db.Users.AsNoTracking().OrderBy(u => u.Email).Take(500)
                .Select(u => new { u.Id, u.Email, u.DisplayName, u.TwoFactorEnabled }).ToListAsync(ct))
            .Select(u => new Row(u.Id, u.Email!, u.DisplayName, userRoles[u.Id].Order(StringComparer.Ordinal).ToArray(), u.TwoFactorEnabled))
            .ToArray();
    }
}
