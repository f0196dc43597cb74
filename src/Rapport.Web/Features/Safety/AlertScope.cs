using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Which safety alerts a clinician sees and may take on, decided by care now and by the ladder (readme, "Who sees and
/// acts on an alert"): every alert of a patient they act for (responsible, or covering during cover); the alerts the
/// ladder brought to them as clinical lead or supervisor; the one they took on by break-glass while it is open; and,
/// for the clinical lead on duty, every open alert that escalated or whose patient nobody is responsible for. A
/// clinician whose cover or care ended no longer sees the patient's alerts through it and cannot close a live one.
/// </summary>
public sealed class AlertScope(AppDbContext db, CareAccess care, EmergencyAccessGrants emergencyAccess)
{
    public async Task<IQueryable<SafetyAlert>> ForAsync(Guid clinicianId, CancellationToken ct)
    {
        var actedFor = care.PatientsActedForBy(clinicianId);
        var broughtByLadder = db.SafetyAlertRecipients.Where(r => r.UserId == clinicianId
            && (r.Role == AlertRecipientRole.ClinicalLead || r.Role == AlertRecipientRole.Supervisor)).Select(r => r.AlertId);
        var takenOn = emergencyAccess.OpenSourcesOf(clinicianId);
        var mine = db.SafetyAlerts.Where(a => actedFor.Contains(a.PatientId) || broughtByLadder.Contains(a.Id) || takenOn.Contains(a.Id));
        if (await care.LeadOnDutyAsync(ct) != clinicianId)
        {
            return mine;
        }
        var inCare = care.PatientsInCare();
        return db.SafetyAlerts.Where(a => actedFor.Contains(a.PatientId) || broughtByLadder.Contains(a.Id) || takenOn.Contains(a.Id)
            || (a.ClosedAt == null && (a.EscalatedAt != null || !inCare.Contains(a.PatientId))));
    }

    /// <summary>
    /// Open alerts that escalated or have no therapist to go to: the admin's count, whose page (/admin/alerts) lists them so
    /// that a clinician can be found. Counts only: an admin reads no alert.
    /// </summary>
    public Task<int> WaitingForAClinicianCountAsync(CancellationToken ct) =>
        db.SafetyAlerts.CountAsync(a => a.ClosedAt == null && (a.EscalatedAt != null || a.AssignedTherapistId == null), ct);

    /// <summary>How many of this clinician's alerts are open: the count in every page's header and on the dashboard.</summary>
    public async Task<int> OpenCountAsync(Guid clinicianId, CancellationToken ct) =>
        await (await ForAsync(clinicianId, ct)).CountAsync(a => a.ClosedAt == null, ct);
}
