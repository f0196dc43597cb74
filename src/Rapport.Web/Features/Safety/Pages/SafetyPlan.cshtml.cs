using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// The patient's own safety plan, latest version, with the crisis lines for their country below it (docs/clinical/safety-workflow.md#safety-plan:
/// reachable from every page in one step, and in print: a one-page print version and a PDF to keep on the phone).
/// With no plan yet, the numbers are still here, and the page says who will write it with them: their therapist, or, for a
/// patient nobody is responsible for yet, themself until they have one (<see cref="SafetyWords.NoPlanYet"/>).
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.SafetyPlanRead, PatientIsCaller = true)]
public sealed class SafetyPlanModel(AppDbContext db, CrisisLines crisisLines, CareAccess care, PeopleNames people,
    TimeProvider clock) : PageModel
{
    public PlanSheet Sheet { get; private set; } = new(null, [], "");
    public SafetyPlanVersion? Plan => Sheet.Plan;
    public bool WrittenByMe { get; private set; }
    public string? AuthorName { get; private set; }
    public string NoPlanWords { get; private set; } = "";
    public Guid PatientId { get; private set; }
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public bool Saved { get; private set; }
    /// <summary>The patient saved the plan without changing a word: nothing new was stored.</summary>
    public bool Unchanged { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PatientId = User.UserId();
        var notice = TempData.TakeNotice();
        Saved = notice == "saved";
        Unchanged = notice == "unchanged";
        Sheet = await PlanSheet.LoadAsync(db, crisisLines, PatientId, ct);
        if (Plan is not null)
        {
            WrittenByMe = Plan.AuthoredById == PatientId;
            AuthorName = WrittenByMe ? null
                : await people.OfAsync(Plan.AuthoredById, ct);
        }
        else
        {
            NoPlanWords = SafetyWords.NoPlanYet(await care.ClinicianToNotifyAsync(PatientId, ct));
        }
        Zone = await ViewerZone.ResolveAsync(User, null, people, clock);
    }
}
