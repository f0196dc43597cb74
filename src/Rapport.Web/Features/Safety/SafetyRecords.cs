using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// A patient's open alerts and current safety plan as the features above read them (the clinician's view of a patient,
/// the caseload, the FHIR API's flags, the purge's hold), and removed once the record's retention has ended (DataRights
/// readme, rule 8), so that none of them reads or deletes Safety's tables (docs/architecture.md, "Layers").
/// </summary>
public sealed class SafetyRecords(AppDbContext db)
{
    /// <summary>Whether the patient has a safety plan, as a part of another feature's query (Data/QueryPart.cs).</summary>
    public static readonly Expression<Func<AppDbContext, Guid, bool>> HasPlan =
        (db, patientId) => db.SafetyPlanVersions.Any(p => p.PatientId == patientId);

    public async Task<IReadOnlyList<SafetyAlert>> OpenAlertsOfAsync(Guid patientId, CancellationToken ct) =>
        await db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patientId && a.ClosedAt == null).OrderBy(a => a.RaisedAt).ToListAsync(ct);

    /// <summary>How many open alerts each of <paramref name="patientIds"/> has; a patient with none is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> OpenAlertCountsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
        (await db.SafetyAlerts.AsNoTracking().Where(a => patientIds.Contains(a.PatientId) && a.ClosedAt == null).Select(a => a.PatientId).ToListAsync(ct))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The newest version of the patient's safety plan, or null before the first.</summary>
    public Task<SafetyPlanVersion?> CurrentPlanOfAsync(Guid patientId, CancellationToken ct) => PlanSheet.LatestAsync(db, patientId, ct);

    /// <summary>The alerts not closed yet, untracked, to filter and page inside the reader's query.</summary>
    public IQueryable<SafetyAlert> OpenAlerts => db.SafetyAlerts.AsNoTracking().Where(a => a.ClosedAt == null);

    /// <summary>Removes the patient's safety alerts and safety plan versions in the caller's transaction; the numbers removed.</summary>
    public async Task<(int Alerts, int Plans)> ForgetPatientAsync(Guid patientId, CancellationToken ct) => (
        await db.SafetyAlerts.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct),
        await db.SafetyPlanVersions.Where(p => p.PatientId == patientId).ExecuteDeleteAsync(ct));
}
