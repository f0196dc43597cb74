using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// Opens, ends and lists break-glass access (<see cref="EmergencyAccess"/>) for the safety feature's alert actions. Both only
/// change the caller's unit of work: the caller saves, so the access commits together with the acknowledgement or the
/// closing and their audit entries, or not at all (readme, "Emergency access"). The table stays this feature's own.
/// </summary>
public sealed class EmergencyAccessGrants(AppDbContext db)
{
    public void Open(Guid patientId, Guid clinicianId, Guid sourceId, DateTimeOffset now) =>
        db.EmergencyAccesses.Add(EmergencyAccess.Open(patientId, clinicianId, sourceId, now));

    /// <summary>The sources (safety alerts) of the accesses <paramref name="clinicianId"/> holds now, as a query to compose.</summary>
    public IQueryable<Guid> OpenSourcesOf(Guid clinicianId) =>
        db.EmergencyAccesses.Where(e => e.ClinicianId == clinicianId && e.EndedAt == null).Select(e => e.SourceId);

    /// <summary>The patient's latest accesses, newest first, at most <paramref name="count"/>: who had one and when.</summary>
    public async Task<IReadOnlyList<EmergencyAccess>> LatestForPatientAsync(Guid patientId, int count, CancellationToken ct) =>
        await db.EmergencyAccesses.AsNoTracking().Where(e => e.PatientId == patientId)
            .OrderByDescending(e => e.OpenedAt).Take(count).ToListAsync(ct);

    /// <summary>Ends every open access that <paramref name="sourceId"/> opened; returns the clinicians who held one.</summary>
    public async Task<IReadOnlyList<Guid>> EndAsync(Guid sourceId, DateTimeOffset now, CancellationToken ct)
    {
        var grants = await db.EmergencyAccesses.Where(e => e.SourceId == sourceId && e.EndedAt == null).ToListAsync(ct);
        grants.ForEach(g => g.End(now));
        return [.. grants.Select(g => g.ClinicianId)];
    }
}
