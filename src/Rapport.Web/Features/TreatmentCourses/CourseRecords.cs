using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// Courses and their formulations as the features above read them whole (the FHIR API's care plans and goals, the
/// retention clock and the purge's hold, a clinician's list of patients) and their removal once a record's retention has ended (DataRights readme,
/// rule 8), so no other feature reads or deletes these tables (docs/architecture.md, "Layers"). Who may see whose course
/// is the reader's to decide (CareAccess).
/// </summary>
public sealed class CourseRecords(AppDbContext db)
{
    /// <summary>Every course, untracked, to filter inside the reader's query.</summary>
    public IQueryable<TreatmentCourse> Courses => db.TreatmentCourses.AsNoTracking();

    /// <summary>The courses not ended yet.</summary>
    public IQueryable<TreatmentCourse> Open => Courses.Where(c => c.EndedAt == null);

    /// <summary>When the patient's last ended course ended, or null when none has.</summary>
    public Task<DateTimeOffset?> LastEndAsync(Guid patientId, CancellationToken ct) =>
        db.TreatmentCourses.Where(c => c.PatientId == patientId && c.EndedAt != null)
            .OrderByDescending(c => c.EndedAt).Select(c => c.EndedAt).FirstOrDefaultAsync(ct);

    /// <summary>The formulations of <paramref name="courseIds"/>, all versions; only those agreed with the patient when asked.</summary>
    public async Task<IReadOnlyList<Formulation>> FormulationsAsync(IReadOnlyCollection<Guid> courseIds, bool agreedOnly, CancellationToken ct) =>
        await db.Formulations.AsNoTracking().Where(f => courseIds.Contains(f.CourseId) && (!agreedOnly || f.AgreedAt != null)).ToListAsync(ct);

    /// <summary>Each patient's latest course; a patient with none is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, TreatmentCourse>> LatestOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
        (await db.TreatmentCourses.AsNoTracking().Where(c => patientIds.Contains(c.PatientId)).ToListAsync(ct))
            .GroupBy(c => c.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.OpenedAt)!);

    /// <summary>How many relapse alerts of each patient wait for acknowledgement; a patient with none is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> OpenRelapseCountsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
        (await db.RelapseAlerts.AsNoTracking()
                .Where(a => patientIds.Contains(a.PatientId) && a.AcknowledgedAt == null && a.Kind == CourseAlertKind.Relapse)
                .Select(a => a.PatientId).ToListAsync(ct))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Removes the patient's courses in the caller's transaction; their records (inventory, formulation, contracts, notes,
    /// reviews, alerts, ratings) go with them by cascade. The number of courses removed.
    /// </summary>
    public Task<int> ForgetPatientAsync(Guid patientId, CancellationToken ct) =>
        db.TreatmentCourses.Where(c => c.PatientId == patientId).ExecuteDeleteAsync(ct);
}
