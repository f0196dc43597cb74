using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Answers the Assessments feature's <see cref="ICrisisHelp"/>: the help shown at once after a risk answer (rule 1), in
/// the words of <see cref="SafetyWords"/>, with the crisis lines of the patient's country (rules 9 to 11). A plan shown
/// is recorded as read with the version it was, beyond the page's declared entry, which names only the address.
/// </summary>
public sealed class RiskAnswerHelp(AppDbContext db, CrisisLines crisisLines, CareAccess care, Auditor audit) : ICrisisHelp
{
    public Task<CrisisHelp> ForPatientAsync(Guid patientId, CancellationToken ct) => HelpAsync(patientId, showPlan: false, ct);

    public Task<CrisisHelp> WithPlanAsync(Guid patientId, CancellationToken ct) => HelpAsync(patientId, showPlan: true, ct);

    private async Task<CrisisHelp> HelpAsync(Guid patientId, bool showPlan, CancellationToken ct)
    {
        var country = await crisisLines.CountryOfAsync(patientId, ct);
        var lines = await crisisLines.ForCountryAsync(country, ct);
        // A patient with nobody responsible for them is not promised a therapist (rule 13).
        var words = $"{SafetyWords.Opening} {SafetyWords.WhoWasTold(await care.ClinicianToNotifyAsync(patientId, ct))}";
        var countryName = country is null ? "" : ProfileChoices.CountryName(country);
        if (!showPlan)
        {
            return new(words, lines, countryName, await db.SafetyPlanVersions.AnyAsync(p => p.PatientId == patientId, ct), Plan: null);
        }
        if (await PlanSheet.LatestAsync(db, patientId, ct) is not { } plan)
        {
            return new(words, lines, countryName, HasPlan: false, Plan: null);
        }
        await audit.RecordAsync(AuditAction.SafetyPlanRead, subject: plan.Id.ToString(), patientId: patientId, detail: "shown after a risk answer", ct: ct);
        return new(words, lines, countryName, HasPlan: true, plan.ToPlanSteps());
    }
}
