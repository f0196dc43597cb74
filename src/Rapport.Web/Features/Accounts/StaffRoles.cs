using Microsoft.AspNetCore.Identity;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// An admin gives a therapist the admin role or takes it back (readme, staff accounts). Patients are never made staff
/// here (staff join by invitation), and nobody removes their own admin role, so a clinic cannot lose its last admin by
/// a slip. The change renews the person's security stamp, so it reaches their sessions within a minute and ends their
/// API tokens at once (rule 9), and is recorded as <c>account.role-granted</c> or <c>account.role-revoked</c>.
/// </summary>
public sealed class StaffRoles(UserManager<RapportUser> users, Auditor audit)
{
    /// <summary>The person whose role changed, or null when there is no such account (the caller answers 404).</summary>
    public async Task<RapportUser?> ChangeAdminRoleAsync(Guid adminId, Guid userId, bool grant, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }
        if (!grant && user.Id == adminId)
        {
            throw new RuleViolationException(AccountRules.OwnAdminRole, "You cannot remove your own admin role; ask another admin.");
        }
        if (grant && !await users.IsInRoleAsync(user, Roles.Therapist))
        {
            throw new RuleViolationException(AccountRules.AdminRoleForTherapists, "Only therapists can be given the admin role here; invite new admins by e-mail.");
        }
        var result = grant ? await users.AddToRoleAsync(user, Roles.Admin) : await users.RemoveFromRoleAsync(user, Roles.Admin);
        if (!result.Succeeded)
        {
            throw new RuleViolationException(AccountRules.AdminRoleUnchanged, grant ? "That person is already an admin." : "That person is not an admin.");
        }
        // A new security stamp makes the change reach the person's open sessions within a minute.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(grant ? AuditAction.RoleGranted : AuditAction.RoleRevoked, subject: user.Id.ToString(), detail: Roles.Admin, ct: ct);
        return user;
    }
}
