using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Assessments.Pages;

/// <summary>The questionnaires due now, and why (the pre-session reminder links here).</summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.ListedMeasures, PatientIsCaller = true)]
public sealed class MeasuresModel(DueMeasures dueMeasures, PeopleNames people, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DueMeasure> Due { get; private set; } = [];
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Due = await dueMeasures.ForPatientAsync(User.UserId(), ct);
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
    }
}
