using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Records the medical model of the initial phase (readme, rule 32): the working diagnosis, the sick role given and the
/// medication decision. Only the responsible clinician on their own open course; anyone else gets 404. Each write is
/// audited in the same save; the audit detail names which task, never the diagnosis.
/// </summary>
public sealed class InitialPhaseTasks(AppDbContext db, TreatmentCourseService courses, PeopleNames people, Auditor audit, TimeProvider clock)
{
    public Task RecordDiagnosisAsync(Guid clinicianId, Guid patientId, string? code, string? otherText, CancellationToken ct) =>
        ChangeAsync(clinicianId, patientId, "diagnosis", (course, now, _) => course.RecordDiagnosis(code, otherText, now), ct);

    public Task GiveSickRoleAsync(Guid clinicianId, Guid patientId, DateOnly? givenOn, CancellationToken ct) =>
        ChangeAsync(clinicianId, patientId, "sick role", (course, now, zone) =>
        {
            if (givenOn is not { } day)
            {
                throw new RuleViolationException(TreatmentCourseRules.SickRoleDateRequired, "Choose the day the sick role was given.");
            }
            course.GiveSickRole(day, zone, now);
        }, ct);

    public Task DecideMedicationAsync(Guid clinicianId, Guid patientId, MedicationDecision decision, string? note, CancellationToken ct) =>
        ChangeAsync(clinicianId, patientId, "medication", (course, now, _) => course.DecideMedication(decision, note, now), ct);

    private async Task ChangeAsync(Guid clinicianId, Guid patientId, string task, Action<TreatmentCourse, DateTimeOffset, TimeZoneInfo> change, CancellationToken ct)
    {
        var access = await courses.ForClinicianAsync(clinicianId, patientId, ct);
        if (access.Course is not { } course || !access.MayChange(clinicianId))
        {
            throw new NotFoundException("No such course.");
        }
        var zone = await people.ZoneOfAsync(course.TherapistId, ct);
        change(course, clock.GetUtcNow(), zone);
        audit.Stage(AuditAction.MedicalModelRecorded, subject: course.Id.ToString(), patientId: patientId, detail: task);
        await db.SaveChangesAsync(ct);
    }
}
