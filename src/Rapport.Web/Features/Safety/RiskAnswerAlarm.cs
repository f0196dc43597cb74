using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Answers the Assessments feature's <see cref="IRiskAlarm"/>: a patient's risk answer raises a safety alert for the
/// clinician on call (rule 3) in the answer's own unit of work (rule 2).
/// </summary>
public sealed class RiskAnswerAlarm(SafetyAlerts alerts, CareAccess care, AppDbContext db) : IRiskAlarm
{
    public async Task<RaisedAlarm> RaiseAsync(Guid patientId, Guid? responseId, string instrumentId, CriticalAnswer answer, CancellationToken ct) =>
        Of(await alerts.RaiseAsync(patientId, responseId, instrumentId, answer, (await care.ClinicianToNotifyAsync(patientId, ct))?.ClinicianId, ct));

    public async Task<RaisedAlarm?> ForResponseAsync(Guid responseId, CancellationToken ct) =>
        await db.SafetyAlerts.AsNoTracking().FirstOrDefaultAsync(a => a.ResponseId == responseId, ct) is { } alert ? Of(alert) : null;

    private static RaisedAlarm Of(SafetyAlert alert) => new(alert.Id, alert.PatientId, alert.ResponseId, alert.Level, alert.AssignedTherapistId);
}
