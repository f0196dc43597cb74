using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// The patient's plan on one side of A4 (docs/clinical/safety-workflow.md#safety-plan: "including offline and in print"): the six steps, what matters most
/// to them and the crisis lines of their country, with no menu and no script. Audited like the plan page.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.SafetyPlanRead, PatientIsCaller = true)]
public sealed class PrintSafetyPlanModel(AppDbContext db, CrisisLines crisisLines) : PageModel
{
    public PlanSheet Sheet { get; private set; } = new(null, [], "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Private: never kept by a shared cache or the browser's back-forward cache.
        Response.Headers.CacheControl = "no-store";
        Sheet = await PlanSheet.LoadAsync(db, crisisLines, User.UserId(), ct);
    }
}
