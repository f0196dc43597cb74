using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Looks at every complete PHQ-9 a patient in maintenance submits (issue 5 §9). A rise of 5 or more from the end of
/// acute treatment, or a score of 10 or more, adds a relapse alert and an e-mail to the therapist to the caller's
/// unit of work: they are stored with the answer or not at all. The e-mail goes to whoever is on call for the patient
/// (covering, responsible, or the clinical lead on duty) and names nobody and nothing clinical.
/// </summary>
public sealed class RelapseWatch(AppDbContext db, CareAccess care, Outbox outbox, TimeProvider clock, IConfiguration config)
{
    public async Task<RelapseAlert?> CheckAsync(AssessmentResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.InstrumentId != InstrumentCatalog.Phq9 || !response.IsComplete || response.Total is not { } total)
        {
            return null;
        }
        var course = await db.TreatmentCourses.FirstOrDefaultAsync(c => c.PatientId == response.PatientId && c.Phase == CoursePhase.Maintenance, ct);
        if (course is null || await db.MaintenancePlans.FirstOrDefaultAsync(p => p.CourseId == course.Id, ct) is not { } plan)
        {
            return null;
        }
        if (await db.RelapseAlerts.AnyAsync(a => a.CourseId == course.Id && a.AcknowledgedAt == null, ct))
        {
            // The therapist is already looking at an open alert for this course; the new score shows on the course page.
            return null;
        }
        var alert = RelapseAlert.For(course, plan, response.Id, total, clock.GetUtcNow());
        if (alert is null)
        {
            return null;
        }
        db.RelapseAlerts.Add(alert);
        if (await care.ClinicianToNotifyAsync(response.PatientId, ct) is { } onCall && await db.Users.FindAsync([onCall.ClinicianId], ct) is { Email: { } email } therapist)
        {
            outbox.Queue(email, therapist.DisplayName, "Rapport: please sign in",
                $"""
                Hello {therapist.DisplayName},

                Someone in your care may need an earlier session. Please sign in to Rapport to see it:
                {config.PublicBaseUrl()}/therapist/patients
                """, correlationKey: $"relapse-alert:{alert.Id:N}");
        }
        return alert;
    }
}
