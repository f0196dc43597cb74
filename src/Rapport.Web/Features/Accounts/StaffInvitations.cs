using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Accounts;

/// <summary>
/// An admin invites a therapist or another admin, or withdraws an invitation not yet used (readme, staff accounts).
/// The invitation, its e-mail and its audit entry are stored together or not at all; the admin page only translates.
/// </summary>
public sealed class StaffInvitations(AppDbContext db, UserManager<RapportUser> users, AccountMail mail, Auditor audit, TimeProvider clock)
{
    public async Task<StaffInvitation> IssueAsync(Guid adminId, string email, string role, CancellationToken ct)
    {
        if (role is not (Roles.Therapist or Roles.Admin))
        {
            throw new RuleViolationException(AccountRules.InvitedRole, "Choose therapist or admin.");
        }
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            throw new RuleViolationException(AccountRules.EmailInUse, "An account already uses this e-mail address.");
        }
        var adminName = await db.Users.Where(u => u.Id == adminId).Select(u => u.DisplayName).SingleAsync(ct);
        var (invitation, token) = StaffInvitation.Issue(email, role, adminId, clock.GetUtcNow());
        db.StaffInvitations.Add(invitation);
        mail.QueueInvitation(invitation, token, adminName);
        audit.Stage(AuditAction.InvitationIssued, subject: invitation.Id.ToString(), detail: $"{role} {invitation.Email}");
        await db.SaveChangesAsync(ct);
        mail.SendSoon();
        return invitation;
    }

    /// <summary>Null when there is no such invitation (the caller answers 404).</summary>
    public async Task<StaffInvitation?> RevokeAsync(Guid id, CancellationToken ct)
    {
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
        {
            return null;
        }
        invitation.Revoke(clock.GetUtcNow());
        audit.Stage(AuditAction.InvitationRevoked, subject: id.ToString());
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    /// <summary>Invitations still waiting to be accepted: not accepted, not withdrawn, not expired.</summary>
    public Task<int> WaitingCountAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.StaffInvitations.CountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
    }
}
