using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;
using Rapport.Web.Features.Safety;

namespace Rapport.Web.Features.LiveSessions;

/// <summary>The location the patient confirmed most recently at the start of a call (readme, "Location").</summary>
public sealed class ConfirmedLocations(AppDbContext db) : IConfirmedLocations
{
    public async Task<ConfirmedLocation?> LatestAsync(Guid patientId, CancellationToken ct) =>
        await db.LiveSessions.AsNoTracking().Where(s => s.PatientId == patientId && s.LocationConfirmedAt != null)
            .OrderByDescending(s => s.LocationConfirmedAt).Select(s => new ConfirmedLocation(s.PatientLocation, s.LocationConfirmedAt))
            .FirstOrDefaultAsync(ct);
}
