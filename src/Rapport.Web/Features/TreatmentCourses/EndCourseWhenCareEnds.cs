using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// When a clinician's care of a patient ends, their open course with the patient ends with it, in the same transaction,
/// so no course is left open with nobody responsible: a transfer marks it transferred to the receiving clinician (who
/// opens their own course, naming it as the previous one); a discharge from maintenance closes it; any other ending ends
/// it early with the reason. Ended courses stay readable to whoever reads the record.
/// </summary>
public sealed class EndCourseWhenCareEnds(AppDbContext db, TimeProvider clock) : ICareEndedHandler
{
    public async Task CareEndedAsync(CareEnding ending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ending);
        var now = clock.GetUtcNow();
        var open = await db.TreatmentCourses.Where(c => c.PatientId == ending.PatientId && c.TherapistId == ending.ClinicianId && c.EndedAt == null)
            .ToListAsync(ct);
        foreach (var course in open.Where(c => !c.IsEnded))
        {
            if (ending.Status == CareStatus.Transferred && ending.SuccessorClinicianId is { } successor)
            {
                course.Transfer(successor, "Care was transferred to a colleague.", now);
            }
            else if (course.Phase == CoursePhase.Maintenance)
            {
                course.Close(null, now);
            }
            else
            {
                course.EndEarly($"Care ended: {Clip(ending.Reason)}", now);
            }
        }
    }

    private static string Clip(string reason) => reason.Length > 400 ? reason[..400] : reason;
}
