using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.DataRights;

/// <summary>
/// Rule 8: the clinical record of an erased account is purged once its retention has ended, and never while the patient
/// could still be in care: not while a course is open, a safety alert is open, or an appointment is booked ahead. The
/// audit log keeps one entry of the purge with the kinds and counts of what went, never their content; the audit log
/// itself is never purged.
/// </summary>
public sealed class RecordsPurge(AppDbContext db, Auditor audit, TimeProvider clock, IOptions<RetentionOptions> retention, ILogger<RecordsPurge> log)
{
    /// <summary>Why a due record is still kept, or null when nothing holds it.</summary>
    private async Task<string?> HoldAsync(Guid patientId, DateTimeOffset now, CancellationToken ct)
    {
        var hold = await db.Users.Where(u => u.Id == patientId).Select(u => new
        {
            OpenCourse = db.TreatmentCourses.Any(c => c.PatientId == patientId && c.EndedAt == null),
            OpenAlert = db.SafetyAlerts.Any(a => a.PatientId == patientId && a.ClosedAt == null),
            Ahead = db.Appointments.Any(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.EndUtc > now),
        }).SingleAsync(ct);
        return hold.OpenCourse ? "a course is still open" : hold.OpenAlert ? "a safety alert is still open"
            : hold.Ahead ? "an appointment is booked ahead" : null;
    }

    public async Task<int> PurgeDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.ErasureRequests.Where(r => r.Status == ErasureStatus.CarriedOut && r.RetentionEndsAt <= now)
            .OrderBy(r => r.RetentionEndsAt).Select(r => r.Id).Take(20).ToListAsync(ct);
        var purged = 0;
        foreach (var id in due)
        {
            // Each request is read in its own unit of work: the one before was cleared from the tracker.
            var request = await db.ErasureRequests.SingleAsync(r => r.Id == id, ct);
            try
            {
                if (await PurgeAsync(request, now, ct))
                {
                    purged++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Erasure request {RequestId} changed meanwhile; its record is left for the next check.", request.Id);
            }
            db.ChangeTracker.Clear();
        }
        return purged;
    }

    private async Task<bool> PurgeAsync(ErasureRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var patientId = request.PatientId;
        if (await HoldAsync(patientId, now, ct) is { } why)
        {
            log.LogInformation("The record of erasure request {RequestId} is kept past its retention: {Why}.", request.Id, why);
            return false;
        }
        var user = await db.Users.SingleAsync(u => u.Id == patientId, ct);
        // A contact after the carry-out (a last session, a course closed later) restarts the count (rule 7).
        if (await RetentionClock.LastClinicalContactAsync(db, patientId, ct) is { } last && retention.Value.EndsAt(last, user.CountryCode) is var end
            && end > request.RetentionEndsAt)
        {
            request.KeepUntil(end);
            await db.SaveChangesAsync(ct);
            return false;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var counts = new Dictionary<string, int>();
        // Children before parents: the foreign keys restrict, so the order is the schema's.
        var conversations = db.Conversations.Where(c => c.PatientId == patientId).Select(c => c.Id);
        await db.Messages.Where(m => conversations.Contains(m.ConversationId) && m.ReplyToId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReplyToId, (Guid?)null), ct);
        counts["messages"] = await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        counts["conversations"] = await db.Conversations.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["safety alerts"] = await db.SafetyAlerts.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["safety plans"] = await db.SafetyPlanVersions.Where(p => p.PatientId == patientId).ExecuteDeleteAsync(ct);
        // A course's records (inventory, formulation, contracts, notes, reviews, alerts, ratings) go with it by cascade.
        counts["courses"] = await db.TreatmentCourses.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["measure requests"] = await db.MeasureRequests.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["measurement plans"] = await db.MeasurementPlans.Where(p => p.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["questionnaire answers"] = await db.AssessmentResponses.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["intakes"] = await db.Intakes.Where(i => i.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["life events"] = await db.LifeEvents.Where(e => e.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["consents"] = await db.Consents.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct);
        // Calls go with their appointments by cascade.
        counts["appointments"] = await db.Appointments.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["emergency accesses"] = await db.EmergencyAccesses.Where(e => e.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["cover periods"] = await db.CoverPeriods.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct);
        counts["care relationships"] = await db.CareRelationships.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct);
        user.ForgetName();
        request.Purged(now);
        audit.Stage(AuditAction.RecordsPurged, patientId: patientId, subject: request.Id.ToString(),
            detail: string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
