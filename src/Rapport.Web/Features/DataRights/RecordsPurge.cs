using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Messaging;
using Rapport.Web.Features.Safety;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.Web.Features.DataRights;

/// <summary>
/// Rule 8: the clinical record of an erased account is purged once its retention has ended, and never while the patient
/// could still be in care: not while a course is open, a safety alert is open, or an appointment is booked ahead. The
/// audit log keeps one entry of the purge with the kinds and counts of what went, never their content; the audit log
/// itself is never purged.
/// </summary>
public sealed class RecordsPurge(AppDbContext db, Auditor audit, TimeProvider clock, IOptions<RetentionOptions> retention, ILogger<RecordsPurge> log,
    AccountErasure accounts, PeopleNames people, ConversationRecords conversations, SafetyRecords safety, CourseRecords courses,
    AssessmentRecords assessments, AppointmentRecords appointments, CareRecords care)
{
    /// <summary>Why a due record is still kept, or null when nothing holds it.</summary>
    private async Task<string?> HoldAsync(Guid patientId, DateTimeOffset now, CancellationToken ct)
    {
        // One round trip: each owner's query is composed into this one.
        var openCourses = courses.Open;
        var openAlerts = safety.OpenAlerts;
        var ahead = appointments.BookedNotOver(now);
        var hold = await people.People.Where(u => u.Id == patientId).Select(u => new
        {
            OpenCourse = openCourses.Any(c => c.PatientId == patientId),
            OpenAlert = openAlerts.Any(a => a.PatientId == patientId),
            Ahead = ahead.Any(a => a.PatientId == patientId),
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
        var user = await accounts.OfAsync(patientId, ct);
        // A contact after the carry-out (a last session, a course closed later) restarts the count (rule 7).
        if (await RetentionClock.LastClinicalContactAsync(courses, appointments, patientId, ct) is { } last && retention.Value.EndsAt(last, user.CountryCode) is var end
            && end > request.RetentionEndsAt)
        {
            request.KeepUntil(end);
            await db.SaveChangesAsync(ct);
            return false;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Each owner removes its own rows, all in this one transaction. Children before parents: the foreign keys restrict,
        // so the order of the calls is the schema's.
        var (messages, conversationCount) = await conversations.ForgetPatientAsync(patientId, ct);
        var (alerts, plans) = await safety.ForgetPatientAsync(patientId, ct);
        var courseCount = await courses.ForgetPatientAsync(patientId, ct);
        var assessed = await assessments.ForgetPatientAsync(patientId, ct);
        var appointmentCount = await appointments.ForgetPatientAsync(patientId, ct);
        var (emergencyAccesses, coverPeriods, relationships) = await care.ForgetPatientAsync(patientId, ct);
        var counts = new Dictionary<string, int>
        {
            ["messages"] = messages,
            ["conversations"] = conversationCount,
            ["safety alerts"] = alerts,
            ["safety plans"] = plans,
            ["courses"] = courseCount,
            ["measure requests"] = assessed.MeasureRequests,
            ["measurement plans"] = assessed.MeasurementPlans,
            ["questionnaire answers"] = assessed.Answers,
            ["intakes"] = assessed.Intakes,
            ["life events"] = assessed.LifeEvents,
            ["consents"] = assessed.Consents,
            ["appointments"] = appointmentCount,
            ["emergency accesses"] = emergencyAccesses,
            ["cover periods"] = coverPeriods,
            ["care relationships"] = relationships,
        };
        user.ForgetName();
        request.Purged(now);
        audit.Stage(AuditAction.RecordsPurged, patientId: patientId, subject: request.Id.ToString(),
            detail: string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
