using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// What every copy of a patient's plan carries (the page, the one-page print and the PDF): the latest version, or none
/// yet, and the crisis lines for the country they are in (docs/clinical/safety-workflow.md#safety-plan: reachable offline and in print).
/// </summary>
public sealed record PlanSheet(SafetyPlanVersion? Plan, IReadOnlyList<CrisisLine> Lines, string CountryName)
{
    public static async Task<PlanSheet> LoadAsync(AppDbContext db, CrisisLines crisisLines, Guid patientId, CancellationToken ct)
    {
        var plan = await LatestAsync(db, patientId, ct);
        var country = await crisisLines.CountryOfAsync(patientId, ct);
        return new(plan, await crisisLines.ForCountryAsync(country, ct), country is null ? "" : ProfileChoices.CountryName(country));
    }

    /// <summary>The newest version of the patient's plan, or null when none was written.</summary>
    public static Task<SafetyPlanVersion?> LatestAsync(AppDbContext db, Guid patientId, CancellationToken ct) =>
        db.SafetyPlanVersions.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
}
