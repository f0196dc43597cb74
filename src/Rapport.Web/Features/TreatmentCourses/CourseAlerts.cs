using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A clinician who acts in the patient's care (the course's therapist, or the covering clinician the notice was routed
/// to) closes a deterioration notice or a relapse alert with what they did (readme, "Deterioration" and "Maintenance"),
/// audited in the same save. The course page and the maintenance page both call it; anyone else meets "not found".
/// </summary>
public sealed class CourseAlerts(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    public async Task<RelapseAlert> AcknowledgeAsync(Guid clinicianId, Guid patientId, Guid alertId, CourseAlertKind kind, string? actionTaken,
        CancellationToken ct)
    {
        var access = await courses.ForClinicianAsync(clinicianId, patientId, ct);
        if (access.Course is not { } course || !(access.MayChange(clinicianId) || access.Standing.ActsInCare))
        {
            throw new NotFoundException("No such course.");
        }
        var alert = await db.RelapseAlerts.SingleOrDefaultAsync(a => a.Id == alertId && a.CourseId == course.Id && a.Kind == kind, ct)
            ?? throw new NotFoundException("No such alert.");
        alert.Acknowledge(clinicianId, actionTaken ?? "", clock.GetUtcNow());
        audit.Stage(AuditAction.RelapseAlertAcknowledged, subject: alert.Id.ToString(), patientId: patientId,
            detail: kind == CourseAlertKind.Deterioration ? "deterioration" : null);
        await db.SaveChangesAsync(ct);
        return alert;
    }
}
