using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// What a clinician does with a safety alert: takes it on (the ladder stops; a clinician outside the patient's care,
/// such as the clinical lead on duty, may then read the record while the alert is open) and closes it with a complete
/// risk review (the break-glass access ends). Only clinicians act on alerts: an admin without a clinical role sees
/// escalated alerts to find one, never to close them. Every step is audited in this use case, whichever page or API
/// calls it; the alert's version makes a simultaneous second change fail instead of overwriting.
/// </summary>
public sealed class AlertActions(AppDbContext db, AlertScope scope, CareAccess care, EmergencyAccessGrants emergencyAccess, Auditor audit, TimeProvider clock)
{
    public enum Result
    {
        Done,
        /// <summary>No such alert, or not one this clinician may see.</summary>
        NotFound,
        /// <summary>A rule refused it: the message says why, and <see cref="Outcome.Gaps"/> which fields.</summary>
        Refused,
        /// <summary>Someone else changed the alert at the same moment.</summary>
        Conflict,
    }

    public sealed record Outcome(Result Result, string Message, IReadOnlyList<RiskReview.Gap>? Gaps = null);

    private const string ConflictMessage =
        "Someone else changed this alert while you were writing (it may have been taken on or closed). It is shown below as it is now.";

    public async Task<Outcome> AcknowledgeAsync(Guid alertId, Guid clinicianId, bool isClinician, CancellationToken ct)
    {
        if (!isClinician)
        {
            return await RefuseNonClinicianAsync(alertId, ct);
        }
        var alert = await (await scope.ForAsync(clinicianId, ct)).FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return new Outcome(Result.NotFound, "There is no such alert.");
        }
        var now = clock.GetUtcNow();
        var standing = await care.StandingAsync(clinicianId, alert.PatientId, ct);
        try
        {
            alert.Acknowledge(clinicianId, now);
        }
        catch (RuleViolationException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Refused, e.Message);
        }
        // Break-glass: whoever takes an alert on must be able to read what they need to act on it.
        var breakGlass = !standing.ReadsRecord;
        if (breakGlass)
        {
            emergencyAccess.Open(alert.PatientId, clinicianId, alert.Id, now);
        }
        audit.Stage(AuditAction.SafetyAlertAcknowledged, subject: alert.Id.ToString(), patientId: alert.PatientId,
            detail: $"{alert.Level}; as {standing.Role.ToString().ToLowerInvariant()}{(alert.IsEscalated ? "; after escalation" : "")}");
        if (breakGlass)
        {
            audit.Stage(AuditAction.EmergencyAccessOpened, subject: alert.Id.ToString(), patientId: alert.PatientId,
                detail: "record opened while the safety alert is open");
        }
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        return new Outcome(Result.Done, breakGlass
            ? "You have taken this alert on. You may read the patient's record until you close it; the responsible clinician sees that you did."
            : "You have taken this alert on. Close it with a risk review once you have spoken with the patient.");
    }

    public async Task<Outcome> CloseAsync(Guid alertId, Guid clinicianId, bool isClinician, RiskReview review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (!isClinician)
        {
            return await RefuseNonClinicianAsync(alertId, ct);
        }
        var alert = await (await scope.ForAsync(clinicianId, ct)).FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return new Outcome(Result.NotFound, "There is no such alert.");
        }
        var now = clock.GetUtcNow();
        if (alert.AcknowledgedById is { } taker && taker != clinicianId && !(await care.StandingAsync(clinicianId, alert.PatientId, ct)).ActsInCare)
        {
            return new Outcome(Result.Refused, "Another clinician has taken this alert on: they, or a clinician acting for the patient, close it.");
        }
        var gaps = review.Gaps(now);
        try
        {
            alert.Close(clinicianId, review, now);
        }
        catch (RuleViolationException e)
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Refused, e.Message, gaps);
        }
        var heldBy = await emergencyAccess.EndAsync(alert.Id, now, ct);
        audit.Stage(AuditAction.SafetyAlertClosed, subject: alert.Id.ToString(), patientId: alert.PatientId,
            detail: $"{alert.Level}; risk review recorded; follow-up {review.FollowUpAt:yyyy-MM-dd HH:mm}Z");
        foreach (var holder in heldBy)
        {
            audit.Stage(AuditAction.EmergencyAccessEnded, userId: holder, subject: alert.Id.ToString(), patientId: alert.PatientId,
                detail: "safety alert closed");
        }
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        return new Outcome(Result.Done, "Closed. Your risk review is kept with the alert.");
    }

    private async Task<Outcome> RefuseNonClinicianAsync(Guid alertId, CancellationToken ct) =>
        await db.SafetyAlerts.AnyAsync(a => a.Id == alertId, ct)
            ? new Outcome(Result.Refused, "Only a clinician can take on or close a safety alert. Call the clinical lead on duty or the patient's clinician.")
            : new Outcome(Result.NotFound, "There is no such alert.");

    private async Task<Outcome?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Outcome(Result.Conflict, ConflictMessage);
        }
    }
}
