using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Assessments;

/// <summary>
/// A patient's assessment record as the features above read it (the clinician's view of a patient, the caseload, the FHIR
/// API, the patient's copy), and removed once its retention has ended (DataRights readme, rule 8), so that none of them
/// reads or deletes Assessments' tables (docs/architecture.md, "Layers"). Entities, not projections: the intake and the
/// life events are clinical text, decrypted as the entities load. Who may see whose records is the reader's to decide
/// (CareAccess).
/// </summary>
public sealed class AssessmentRecords(AppDbContext db)
{
    /// <summary>The latest complete answer of one instrument for each patient who has one.</summary>
    public sealed record LatestScore(int? Total, string? Band, DateTimeOffset SubmittedAt);

    /// <summary>The country the patient gave in their intake, or null, as a part of another feature's query (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, string?>> IntakeCountryOf =
        (db, patientId) => db.Intakes.Where(i => i.PatientId == patientId).Select(i => i.CountryCode).FirstOrDefault();

    public Task<Intake?> IntakeOfAsync(Guid patientId, CancellationToken ct) =>
        db.Intakes.AsNoTracking().FirstOrDefaultAsync(i => i.PatientId == patientId, ct);

    public async Task<IReadOnlyList<LifeEvent>> LifeEventsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.LifeEvents.AsNoTracking().Where(e => e.PatientId == patientId).OrderBy(e => e.Month).ToListAsync(ct);

    public async Task<IReadOnlyList<Consent>> ConsentsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId).OrderBy(c => c.GivenAt).ToListAsync(ct);

    /// <summary>The measures a clinician sent that the patient has not answered yet, oldest first.</summary>
    public async Task<IReadOnlyList<MeasureRequest>> WaitingRequestsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.MeasureRequests.AsNoTracking().Where(r => r.PatientId == patientId && r.ResponseId == null).OrderBy(r => r.RequestedAt).ToListAsync(ct);

    /// <summary>The patient's measurement plan, or the default one when their clinician never changed it.</summary>
    public async Task<MeasurementPlan> PlanOfAsync(Guid patientId, CancellationToken ct) =>
        await db.MeasurementPlans.AsNoTracking().FirstOrDefaultAsync(p => p.PatientId == patientId, ct) ?? MeasurementPlan.Default(patientId);

    public async Task<IReadOnlyDictionary<Guid, LatestScore>> LatestScoresAsync(IReadOnlyCollection<Guid> patientIds, string instrumentId, CancellationToken ct) =>
        (await db.AssessmentResponses.AsNoTracking()
                .Where(r => patientIds.Contains(r.PatientId) && r.InstrumentId == instrumentId && r.Total != null)
                .Select(r => new { r.PatientId, r.Total, r.Band, r.SubmittedAt }).ToListAsync(ct))
            .GroupBy(r => r.PatientId).Select(g => g.MaxBy(r => r.SubmittedAt)!)
            .ToDictionary(l => l.PatientId, l => new LatestScore(l.Total, l.Band, l.SubmittedAt));

    /// <summary>How many of each kind <see cref="ForgetPatientAsync"/> removed.</summary>
    public sealed record Forgotten(int MeasureRequests, int MeasurementPlans, int Answers, int Intakes, int LifeEvents, int Consents);

    /// <summary>Every consent, untracked, to filter and page inside the reader's query.</summary>
    public IQueryable<Consent> Consents => db.Consents.AsNoTracking();

    /// <summary>Every questionnaire answer set, untracked, to filter and page inside the reader's query.</summary>
    public IQueryable<AssessmentResponse> Responses => db.AssessmentResponses.AsNoTracking();

    /// <summary>
    /// Removes the patient's measure requests and plans, questionnaire answers, intakes, life events and consents in the
    /// caller's transaction, requests before the answers they may point at.
    /// </summary>
    public async Task<Forgotten> ForgetPatientAsync(Guid patientId, CancellationToken ct) => new(
        await db.MeasureRequests.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.MeasurementPlans.Where(p => p.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.AssessmentResponses.Where(r => r.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.Intakes.Where(i => i.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.LifeEvents.Where(e => e.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.Consents.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct));
}
