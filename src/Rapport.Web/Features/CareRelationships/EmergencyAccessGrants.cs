using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.CareRelationships;

/// <summary>
/// Opens and ends break-glass access (<see cref="EmergencyAccess"/>) for the safety feature's alert actions. Both only
/// change the caller's unit of work: the caller saves, so the access commits together with the acknowledgement or the
/// closing and their audit entries, or not at all (readme, "Emergency access"). The table stays this feature's own.
/// </summary>
public sealed class EmergencyAccessGrants(AppDbContext db)
{
    public void Open(Guid patientId, Guid clinicianId, Guid sourceId, DateTimeOffset now) =>
        db.EmergencyAccesses.Add(EmergencyAccess.Open(patientId, clinicianId, sourceId, now));

    /// <summary>Ends every open access that <paramref name="sourceId"/> opened; returns the clinicians who held one.</summary>
    public async Task<IReadOnlyList<Guid>> EndAsync(Guid sourceId, DateTimeOffset now, CancellationToken ct)
    {
        var grants = await db.EmergencyAccesses.Where(e => e.SourceId == sourceId && e.EndedAt == null).ToListAsync(ct);
        grants.ForEach(g => g.End(now));
        return [.. grants.Select(g => g.ClinicianId)];
    }
}
