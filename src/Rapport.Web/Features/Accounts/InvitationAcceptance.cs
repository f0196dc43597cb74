using Microsoft.AspNetCore.Identity;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// What another feature does when someone joins the staff, in the same unit of work as their account (Therapists opens
/// the new therapist's empty profile). Accounts knows nothing of those features (docs/architecture.md, "Layers").
/// </summary>
public interface IStaffJoinedHandler
{
    void Joined(RapportUser user, string role);
}

/// <summary>
/// Accepting a staff invitation, whatever the entry point: the account, its role, the invitation marked used, what other
/// features open for the new member and the audit entries commit together or not at all.
/// </summary>
public sealed class InvitationAcceptance(AppDbContext db, UserManager<RapportUser> users, Auditor audit, TimeProvider clock,
    IEnumerable<IStaffJoinedHandler> handlers)
{
    /// <summary>Creates <paramref name="user"/> with the invitation's role; a refused password changes nothing.</summary>
    public async Task<IdentityResult> AcceptAsync(StaffInvitation invitation, RapportUser user, string password, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }
        await users.AddToRoleAsync(user, invitation.Role);
        invitation.Accept(user.Id, clock.GetUtcNow());
        foreach (var handler in handlers)
        {
            handler.Joined(user, invitation.Role);
        }
        audit.Stage(AuditAction.InvitationAccepted, userId: user.Id, subject: invitation.Id.ToString());
        audit.Stage(AuditAction.RoleGranted, userId: user.Id, detail: invitation.Role, subject: user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }
}
