using Rapport.Web.Data;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Which safety alerts a clinician sees and answers, decided by care now, not by whom an alert was first sent to:
/// every alert of a patient they act for (responsible, or covering during cover), and, for the clinical lead on duty,
/// the open alerts of patients nobody is responsible for. A clinician whose cover ended, or whose care ended, no
/// longer sees the patient's alerts (nor the notes others wrote on them) and cannot close a live one.
/// </summary>
public sealed class AlertScope(AppDbContext db, CareAccess care)
{
    public async Task<IQueryable<SafetyAlert>> ForAsync(Guid clinicianId, CancellationToken ct)
    {
        var actedFor = care.PatientsActedForBy(clinicianId);
        if (await care.LeadOnDutyAsync(ct) != clinicianId)
        {
            return db.SafetyAlerts.Where(a => actedFor.Contains(a.PatientId));
        }
        var inCare = care.PatientsInCare();
        return db.SafetyAlerts.Where(a => actedFor.Contains(a.PatientId) || (a.AcknowledgedAt == null && !inCare.Contains(a.PatientId)));
    }
}
