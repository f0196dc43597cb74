using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Assessments;

namespace Rapport.Web.Features.Safety;

/// <summary>One risk answer a patient gave in a self-report: which item, what they answered, and when.</summary>
public sealed record RiskAnswer(string InstrumentId, int ItemNumber, int Score, RiskLevel Level, DateTimeOffset At)
{
    /// <summary>"PHQ-9 item 9 answered 3 (“Nearly every day”)": for clinicians only, never for e-mail.</summary>
    public string Describe() => SafetyAlert.Describe(InstrumentId, ItemNumber, Score);
}

/// <summary>
/// Whether risk is raised for a patient at one moment, and why, in the clinician's terms (readme, rule 14): the safety
/// alerts open at that moment, and the risk answers of the patient's own self-reports in the four weeks before it.
/// </summary>
public sealed record RiskSummary(DateTimeOffset At, int OpenAlerts, DateTimeOffset? OpenSince, IReadOnlyList<RiskAnswer> RecentAnswers)
{
    /// <summary>How long a risk answer keeps risk raised after it was given, alert or not (docs/clinical/safety-workflow.md#re-screening-while-risk-is-raised).</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromDays(28);

    public bool IsRaised => OpenAlerts > 0 || RecentAnswers.Count > 0;
}

/// <summary>
/// The one query behind the risk banner (course, session note, patient and call pages) and the session note's Risk
/// section. It reads for a patient the caller already reads: access is the page's check, not this one's.
/// </summary>
public sealed class PatientRisk(AppDbContext db, MeasurementHistory measures, TimeProvider clock)
{
    public Task<RiskSummary> NowAsync(Guid patientId, CancellationToken ct) => AtAsync(patientId, clock.GetUtcNow(), ct);

    /// <summary>
    /// Risk as it stood at <paramref name="at"/>: an alert counts when it was raised by then and not yet closed (taken on but awaiting its risk review still counts)
    /// then, so a note signed later is judged by what was known at its session, not by what happened since.
    /// </summary>
    public async Task<RiskSummary> AtAsync(Guid patientId, DateTimeOffset at, CancellationToken ct)
    {
        var open = await db.SafetyAlerts.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.RaisedAt <= at && (a.ClosedAt == null || a.ClosedAt > at))
            .Select(a => a.RaisedAt).ToListAsync(ct);
        var since = at - RiskSummary.AnswerWindow;
        var responses = await measures.SelfReportedRiskAsync(patientId, since, at, ct);
        var answers = responses
            .Where(r => InstrumentCatalog.Find(r.InstrumentId) is not null)
            .SelectMany(r => InstrumentScoring.Score(InstrumentCatalog.Find(r.InstrumentId)!, r.AnswerList()).CriticalAnswers
                .Select(c => new RiskAnswer(r.InstrumentId, c.ItemNumber, c.Score, c.Level, r.SubmittedAt)))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Level)
            .ToList();
        return new RiskSummary(at, open.Count, open.Count == 0 ? null : open.Min(), answers);
    }
}
