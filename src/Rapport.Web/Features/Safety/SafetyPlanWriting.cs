using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// A new version of a patient's safety plan, written by the patient or by a clinician who acts in their care
/// (readme, safety plan rules): one unit of work with its audit entry, so the patient's page, the therapist's page and
/// any later entry point save it the same way. A plan is never overwritten: when someone saved a newer version while
/// the writer was typing, nothing is saved and the newer version is handed back for the writer to compare. A save
/// that changes no word stores nothing either (no version, no audit entry): the current version stands and the writer
/// is told so.
/// </summary>
public sealed class SafetyPlanWriting(AppDbContext db, CareAccess care, Auditor audit, TimeProvider clock)
{
    /// <summary>
    /// Either the version that stands now (the one saved, or when <see cref="Unchanged"/> the current one, which the
    /// words sent would only have repeated), or (when <see cref="Saved"/> is null) the newer version found instead.
    /// </summary>
    public sealed record Outcome(SafetyPlanVersion? Saved, SafetyPlanVersion? Newer, bool Unchanged = false);

    public async Task<Outcome> SaveAsync(Guid authorId, Guid patientId, int basedOnVersion, SafetyPlanVersion.Steps steps, CancellationToken ct)
    {
        if (authorId != patientId)
        {
            await care.EnsureActsInCareAsync(authorId, patientId, ct);
        }
        var latest = await PlanSheet.LatestAsync(db, patientId, ct);
        if ((latest?.Version ?? 0) != basedOnVersion)
        {
            return new(null, latest);
        }
        if (latest is not null && latest.Holds(steps))
        {
            return new(latest, null, Unchanged: true);
        }
        var version = SafetyPlanVersion.Write(patientId, latest, steps, authorId, clock.GetUtcNow());
        db.SafetyPlanVersions.Add(version);
        audit.Stage(AuditAction.SafetyPlanSaved, subject: version.Id.ToString(), patientId: patientId, detail: $"version {version.Version}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (patient, version) index: another save of the same version won the race by moments.
            db.ChangeTracker.Clear();
            return new(null, await PlanSheet.LatestAsync(db, patientId, ct));
        }
        return new(version, null);
    }
}
