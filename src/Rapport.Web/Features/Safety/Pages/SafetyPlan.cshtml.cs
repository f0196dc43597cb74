using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.Safety.Pages;

/// <summary>
/// The patient's own safety plan, latest version, with the crisis lines for their country below it (issue 4 §6:
/// reachable from every page in one step, and printable: the print style leaves only the plan and the numbers).
/// With no plan yet, the numbers are still here, and the page says the therapist will write it with them.
/// </summary>
[Authorize(Policy = Policies.Patient)]
[Audited(AuditAction.SafetyPlanRead, PatientIsCaller = true)]
public sealed class SafetyPlanModel(AppDbContext db, CrisisLines crisisLines, UserManager<RapportUser> users) : PageModel
{
    public SafetyPlanVersion? Plan { get; private set; }
    public bool WrittenByMe { get; private set; }
    public string? AuthorName { get; private set; }
    public IReadOnlyList<CrisisResource> CrisisResources { get; private set; } = [];
    public string CountryName { get; private set; } = "";
    public ViewerZone Zone { get; private set; } = ViewerZone.Utc;
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        var me = User.UserId();
        Saved = saved;
        Plan = await LatestAsync(db, me, ct);
        if (Plan is not null)
        {
            WrittenByMe = Plan.AuthoredById == me;
            AuthorName = WrittenByMe ? null
                : await db.Users.AsNoTracking().Where(u => u.Id == Plan.AuthoredById).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        }
        var country = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.CountryCode).SingleAsync(ct);
        CountryName = ProfileChoices.CountryName(country);
        CrisisResources = await crisisLines.ForCountryAsync(country, ct);
        Zone = await ViewerZone.ResolveAsync(User, null, users);
    }

    /// <summary>The newest version of the patient's plan, or null when none was written.</summary>
    public static Task<SafetyPlanVersion?> LatestAsync(AppDbContext db, Guid patientId, CancellationToken ct) =>
        db.SafetyPlanVersions.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
}
