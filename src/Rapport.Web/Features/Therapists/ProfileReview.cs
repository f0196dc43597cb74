using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Therapists;

/// <summary>
/// An admin's decision on a submitted profile, whatever the entry point: the profile listed or sent back, the therapist's
/// e-mail and the audit entry are stored together in one save.
/// </summary>
public sealed class ProfileReview(AppDbContext db, Outbox outbox, Auditor audit, TimeProvider clock, IConfiguration config)
{
    public async Task DecideAsync(TherapistProfile profile, string email, string displayName, Guid adminId, bool approve, string? note,
        CancellationToken ct)
    {
        var link = $"{config.PublicBaseUrl()}/therapist/profile";
        if (approve)
        {
            profile.Approve(adminId, clock.GetUtcNow());
            outbox.Queue(email, displayName, ProfileMail.Listed(displayName, link));
        }
        else
        {
            profile.ReturnToDraft();
            outbox.Queue(email, displayName, ProfileMail.Returned(displayName, note, link));
        }
        audit.Stage(approve ? AuditAction.TherapistProfileApproved : AuditAction.TherapistProfileReturned, subject: profile.UserId.ToString());
        await db.SaveChangesAsync(ct);
        outbox.SendSoon();
    }
}
