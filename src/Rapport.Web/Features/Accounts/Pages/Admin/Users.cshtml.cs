using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
[Audited(AuditAction.ListedUsers)]
public sealed class UsersModel(AppDbContext db, StaffRoles staffRoles) : PageModel
{
    public sealed record Row(Guid Id, string Email, string Name, IReadOnlyList<string> Roles, bool TwoFactor);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Grants or withdraws the admin role from staff. Patients cannot be made staff here: staff join by invitation.</summary>
    public async Task<IActionResult> OnPostAdminRoleAsync(Guid id, bool grant, CancellationToken ct)
    {
        return await this.AttemptAsync(async () =>
        {
            if (await staffRoles.ChangeAdminRoleAsync(User.UserId(), id, grant, ct) is not { } user)
            {
                return NotFound();
            }
            Message = $"{user.DisplayName} {(grant ? "is now" : "is no longer")} an admin.";
            await LoadAsync(ct);
            return Page();
        }, () => LoadAsync(ct));
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
