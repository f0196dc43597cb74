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
public sealed class IndexModel(PeopleNames people, StaffInvitations invitations, ProfileLookup profiles, Outbox outbox, AlertScope alerts) : PageModel
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
        PendingInvitations = await invitations.WaitingCountAsync(ct);
        UnsentMail = await outbox.UnsentCountAsync(ct);
        ProfilesWaiting = await profiles.WaitingCountAsync(ct);
        AlertsWaiting = await alerts.WaitingForAClinicianCountAsync(ct);
    }

    private Task<int> CountInRole(string role, CancellationToken ct) => people.InRole(role).CountAsync(ct);
}
