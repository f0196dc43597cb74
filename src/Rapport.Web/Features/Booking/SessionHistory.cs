using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// A patient's appointments with one clinician, as "session k" for the measurement schedule and the charts' session
/// markers. This says nothing about who may read what: that is the care relationship's (CareAccess).
/// </summary>
public sealed class SessionHistory(AppDbContext db)
{
    private static readonly AppointmentStatus[] Kept =
        [AppointmentStatus.Booked, AppointmentStatus.Attended, AppointmentStatus.NoShow, AppointmentStatus.LateCancelled];

    /// <summary>The pair's non-cancelled appointments, oldest first: position k (1-based) is "session k".</summary>
    public async Task<IReadOnlyList<Appointment>> SessionsAsync(Guid patientId, Guid therapistId, CancellationToken ct) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId && Kept.Contains(a.Status))
            .OrderBy(a => a.StartUtc).ToListAsync(ct);
}
