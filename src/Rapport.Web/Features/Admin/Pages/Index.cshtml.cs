using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Admin.Pages;

[Authorize(Policy = Policies.Admin)]
[NotAudited("counts only (alerts waiting, patients, therapists, profiles, invitations, unsent mail); names no one")]
public sealed class IndexModel(AppDbContext db, Outbox outbox, AlertScope alerts, TimeProvider clock) : PageModel
{
    public int Patients { get; private set; }
    public int Therapists { get; private set; }
    public int PendingInvitations { get; private set; }
    public int UnsentMail { get; private set; }
    public int ProfilesWaiting { get; private set; }
    public int AlertsWaiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Patients = await CountInRole(Roles.Patient, ct);
        Therapists = await CountInRole(Roles.Therapist, ct);
        var now = clock.GetUtcNow();
        PendingInvitations = await db.StaffInvitations.CountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
        UnsentMail = await outbox.UnsentCountAsync(ct);
        ProfilesWaiting = await db.TherapistProfiles.CountAsync(p => p.Status == ProfileStatus.Submitted, ct);
        AlertsWaiting = await alerts.WaitingForAClinicianCountAsync(ct);
    }

    private Task<int> CountInRole(string role, CancellationToken ct) =>
        db.UserRoles.Join(db.Roles.Where(r => r.Name == role), ur => ur.RoleId, r => r.Id, (ur, r) => ur).CountAsync(ct);
}
