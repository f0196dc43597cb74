using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The course's own therapist moves it from phase to phase (readme, "Phases"; docs/clinical/ipt-course.md#phases):
/// each move is the course's guarded method, audited with where it came from and where it went, in one save. The
/// course's page and the termination page both call these; anyone else meets "not found".
/// </summary>
public sealed class CoursePhases(AppDbContext db, TreatmentCourseService courses, Auditor audit, TimeProvider clock)
{
    public Task<TreatmentCourse> BeginInitialAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, (course, now) => course.BeginInitialPhase(now), ct);

    public Task<TreatmentCourse> BeginMiddleAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, async (course, now) =>
        {
            var formulation = await db.Formulations.SingleOrDefaultAsync(f => f.CourseId == course.Id, ct)
                ?? throw new RuleViolationException(TreatmentCourseRules.MiddleNeedsAgreedFormulation,
                    "Write the formulation and agree it with the patient before the middle phase.");
            course.BeginMiddlePhase(formulation, now);
        }, ct);

    public Task<TreatmentCourse> BeginTerminationAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, (course, now) => course.BeginTermination(now), ct);

    public Task<TreatmentCourse> EndEarlyAsync(Guid therapistId, Guid patientId, string? reason, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, (course, now) => course.EndEarly(reason ?? "", now), ct);

    /// <summary>Closes the course after its termination review (the course refuses without a complete one).</summary>
    public Task<TreatmentCourse> CloseAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, async (course, now) =>
            course.Close(await db.TerminationReviews.SingleOrDefaultAsync(r => r.CourseId == course.Id, ct), now), ct);

    private Task<TreatmentCourse> ChangeAsync(Guid therapistId, Guid patientId, Action<TreatmentCourse, DateTimeOffset> change, CancellationToken ct) =>
        ChangeAsync(therapistId, patientId, (course, now) =>
        {
            change(course, now);
            return Task.CompletedTask;
        }, ct);

    private async Task<TreatmentCourse> ChangeAsync(Guid therapistId, Guid patientId, Func<TreatmentCourse, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var course = await courses.OwnOpenCourseAsync(therapistId, patientId, ct);
        var from = course.Phase;
        await change(course, clock.GetUtcNow());
        audit.Stage(AuditAction.CoursePhaseChanged, subject: course.Id.ToString(), patientId: patientId, detail: $"{from} to {course.Phase}");
        await db.SaveChangesAsync(ct);
        return course;
    }
}
