using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// A clinician records what they did about an alert. Whoever may see it (<see cref="AlertScope"/>: acting for the patient
/// now, or the clinical lead on duty for a patient nobody is responsible for) may acknowledge it; an admin may acknowledge any (they are the backup once an alert escalates, and the first responders when
/// nobody is assigned). The alert's version makes a second, simultaneous acknowledgement fail instead of overwriting.
/// </summary>
public sealed class AcknowledgeAlert(AppDbContext db, AlertScope scope, Auditor audit, TimeProvider clock)
{
    public sealed record Request(Guid AlertId, Guid ClinicianId, bool AsAdmin, string? ActionTaken);

    public enum Result
    {
        Acknowledged,
        /// <summary>No such alert, or not one this clinician may see.</summary>
        NotFound,
        /// <summary>A rule refused it (no note, already acknowledged): the message says why.</summary>
        Refused,
        /// <summary>Someone else changed the alert at the same moment.</summary>
        Conflict,
    }

    public sealed record Outcome(Result Result, string Message, SafetyAlert? Alert = null);

    public async Task<Outcome> HandleAsync(Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var visible = request.AsAdmin ? db.SafetyAlerts : await scope.ForAsync(request.ClinicianId, ct);
        var alert = await visible.FirstOrDefaultAsync(a => a.Id == request.AlertId, ct);
        if (alert is null)
        {
            return new Outcome(Result.NotFound, "There is no such alert.");
        }
        try
        {
            alert.Acknowledge(request.ClinicianId, request.ActionTaken ?? "", clock.GetUtcNow());
        }
        catch (RuleViolationException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Refused, e.Message, alert);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Conflict,
                "Someone else changed this alert while you were writing (it may have been acknowledged or escalated). It is shown below as it is now; if it is still open, acknowledge it again.");
        }
        await audit.RecordAsync(AuditAction.SafetyAlertAcknowledged, subject: alert.Id.ToString(), patientId: alert.PatientId,
            detail: $"{alert.Level}{(request.AsAdmin ? "; by an admin" : "")}{(alert.IsEscalated ? "; after escalation" : "")}", ct: ct);
        return new Outcome(Result.Acknowledged, "Acknowledged. Your note is kept with the alert.", alert);
    }
}
