using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// What a patient reads right after sending a questionnaire: their own response, scored, and after a risk answer the
/// crisis help with their latest safety plan (Safety readme, rule 1). The response read is recorded with the response it
/// was, beyond the page's declared entry, which names only the address; the plan's read is recorded by
/// <see cref="ICrisisHelp"/>.
/// </summary>
public sealed class MeasureResults(AppDbContext db, Auditor audit, ICrisisHelp crisisHelp)
{
    public sealed record OwnResult(AssessmentResponse Response, ScoredResponse Score, CrisisHelp? Help)
    {
        public bool AtRisk => Response.Risk > RiskLevel.None;
    }

    /// <summary>
    /// The patient's own response to a self-report questionnaire, with the crisis help when it was a risk answer; null for
    /// anyone else's response and for a clinician's rating, which is the therapist's record, read with them in session.
    /// </summary>
    public async Task<OwnResult?> OwnResultAsync(Guid patientId, Guid responseId, CancellationToken ct)
    {
        var response = await db.AssessmentResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId && r.PatientId == patientId, ct);
        if (response is null || InstrumentCatalog.Find(response.InstrumentId) is not { Rater: Rater.Patient } instrument)
        {
            return null;
        }
        await audit.RecordAsync(AuditAction.MeasurementsRead, subject: response.Id.ToString(), patientId: patientId, detail: response.InstrumentId, ct: ct);
        var result = new OwnResult(response, InstrumentScoring.Score(instrument, response.AnswerList()), Help: null);
        return result.AtRisk ? result with { Help = await crisisHelp.WithPlanAsync(patientId, ct) } : result;
    }
}
