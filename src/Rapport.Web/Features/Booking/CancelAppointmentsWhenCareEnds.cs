using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Therapists;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// When care with a clinician ends, the pair's future appointments are cancelled (by the clinic, so never "late"), their
/// reminders withdrawn and both told, in the transaction that ends the care: a former clinician keeps no call, no
/// reminder and no calendar entry with the patient. Each cancellation is audited in that transaction too.
/// </summary>
public sealed class CancelAppointmentsWhenCareEnds(AppDbContext db, AppointmentMail mail, NextFreeCache nextFree, TimeProvider clock,
    Auditor audit) : ICareEndedHandler
{
    public async Task CareEndedAsync(CareEnding ending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ending);
        var (patientId, clinicianId) = (ending.PatientId, ending.ClinicianId);
        var now = clock.GetUtcNow();
        var future = await db.Appointments.Where(a => a.PatientId == patientId && a.TherapistId == clinicianId
            && a.Status == AppointmentStatus.Booked && a.StartUtc > now).ToListAsync(ct);
        foreach (var appointment in future)
        {
            appointment.Cancel(CancelledBy.Therapist, now, TimeSpan.Zero);
            await mail.WithdrawRemindersAsync(appointment, ct);
            await mail.QueueCancellationAsync(appointment, ct);
            audit.Stage(AuditAction.AppointmentCancelled, subject: appointment.Id.ToString(), detail: $"care ended ({ending.Status})",
                patientId: patientId);
        }
        if (future.Count > 0)
        {
            nextFree.Forget(clinicianId);
        }
    }
}
