using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.TreatmentCourses;

/// <summary>
/// The courses of a clinician's caseload as the list of their patients shows them, so that the list does not read
/// TreatmentCourses' tables (docs/architecture.md, "Layers").
/// </summary>
public sealed class CaseloadCourses(AppDbContext db)
{
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
}
