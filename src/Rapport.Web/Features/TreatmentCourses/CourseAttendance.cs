using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Keeps a course's count of sessions in step with the appointments, at the moment an appointment's outcome is settled
/// (the live session marks it attended, the calendar or the call marks it missed, the patient cancels late) and when a
/// contract comes into force (a session refused beyond the old contract is counted once the amendment allows it).
/// Every attended, missed or late-cancelled appointment of the pair since the initial phase began is recorded once,
/// oldest first; the contract in force decides whether a miss counts. The pages that show the count only read it
/// (readme, "Attendance").
/// </summary>
public sealed class CourseAttendance(AppDbContext db, SessionHistory appointments, Auditor audit, TimeProvider clock) : IAppointmentOutcomeHandler
{
    public async Task SettledAsync(Appointment appointment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var course = await db.TreatmentCourses
            .Where(c => c.PatientId == appointment.PatientId && c.TherapistId == appointment.TherapistId && c.EndedAt == null)
            .OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(ct);
        if (course is not null)
        {
            await RecordDueAsync(course, appointment, ct);
        }
    }

    /// <summary>
    /// Records on the tracked <paramref name="course"/> every settled appointment of the pair not yet recorded, oldest
    /// first; the caller saves. <paramref name="settled"/> is an appointment whose new outcome is not saved yet.
    /// </summary>
    public async Task RecordDueAsync(TreatmentCourse course, Appointment? settled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.IsEnded || course.Phase == CoursePhase.Assessment)
        {
            return;
        }
        var since = course.History.Where(h => h.To == CoursePhase.Initial).Select(h => (DateTimeOffset?)h.At).Max() ?? course.OpenedAt;
        var already = course.Sessions.Select(s => s.AppointmentId).ToHashSet();
        var stored = await appointments.SettledWithPairSinceAsync(course.PatientId, course.TherapistId, since, ct);
        var due = stored.Where(a => a.Id != settled?.Id)
            .Concat(settled is { } s && AppointmentOutcomes.IsSettled(s.Status) && s.EndUtc >= since ? [s] : [])
            .Where(a => !already.Contains(a.Id))
            .OrderBy(a => a.StartUtc);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var appointment in due)
        {
            try
            {
                if (appointment.Status == AppointmentStatus.Attended)
                {
                    course.RecordSessionHeld(appointment.Id, appointment.StartUtc, now);
                }
                else
                {
                    course.RecordSessionMissed(appointment.Id, appointment.StartUtc,
                        appointment.Status == AppointmentStatus.NoShow ? SessionOutcome.NoShow : SessionOutcome.LateCancelled, now);
                }
                added++;
            }
            catch (RuleViolationException)
            {
                // Beyond the contracted sessions: the therapist amends the contract, whose adoption records the rest.
                break;
            }
        }
        if (added > 0)
        {
            // Staged in the caller's unit of work: the sessions and their record are saved together.
            audit.Stage(AuditAction.CourseSessionRecorded, subject: course.Id.ToString(), patientId: course.PatientId,
                detail: $"{added} session(s); used {course.SessionsUsed}");
        }
    }
}
