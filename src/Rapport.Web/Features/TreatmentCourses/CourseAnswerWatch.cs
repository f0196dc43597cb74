using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// A patient's answer reaches their course (readme, "Relapse alert and deterioration notice"): a relapse in maintenance,
/// else a deterioration in the acute phases, each an alert with its audit entry, in the answer's own transaction.
/// </summary>
public sealed class CourseAnswerWatch(RelapseWatch relapse, Auditor audit) : IAnswerWatch
{
    public async Task<bool> WatchAsync(AssessmentResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var raised = await relapse.CheckAsync(response, ct) ?? await relapse.CheckAcutePhaseAsync(response, ct);
        if (raised is null)
        {
            return false;
        }
        audit.Stage(AuditAction.RelapseAlertRaised, subject: raised.Id.ToString(), patientId: raised.PatientId, detail: raised.Reason);
        return true;
    }
}
