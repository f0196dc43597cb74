using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Who treats whom, read from appointments: a therapist is a patient's therapist once they share an appointment
/// that was not simply cancelled. This is the data-level gate for clinical records (a therapist sees only
/// their own patients). The IPT-course issue narrows "assigned therapist" to the therapist of the open course.
/// </summary>
public sealed class CareTeam(AppDbContext db, TimeProvider clock)
{
    private static readonly AppointmentStatus[] Relationship =
        [AppointmentStatus.Booked, AppointmentStatus.Attended, AppointmentStatus.NoShow, AppointmentStatus.LateCancelled];

    public Task<bool> IsTherapistOfAsync(Guid therapistId, Guid patientId, CancellationToken ct) =>
        db.Appointments.AnyAsync(a => a.TherapistId == therapistId && a.PatientId == patientId && Relationship.Contains(a.Status), ct);

    /// <summary>The patient's therapist: of the next booked appointment, else of the most recent one. Null when none.</summary>
    public async Task<Guid?> AssignedTherapistAsync(Guid patientId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var next = await db.Appointments.Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.EndUtc >= now)
            .OrderBy(a => a.StartUtc).Select(a => (Guid?)a.TherapistId).FirstOrDefaultAsync(ct);
        return next ?? await db.Appointments.Where(a => a.PatientId == patientId && Relationship.Contains(a.Status))
            .OrderByDescending(a => a.StartUtc).Select(a => (Guid?)a.TherapistId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The therapist's patients (ids), for lists.</summary>
    public async Task<IReadOnlyList<Guid>> PatientsOfAsync(Guid therapistId, CancellationToken ct) =>
        await db.Appointments.Where(a => a.TherapistId == therapistId && Relationship.Contains(a.Status))
            .Select(a => a.PatientId).Distinct().ToListAsync(ct);

    /// <summary>
    /// The patient's non-cancelled appointments with their therapist, oldest first: position k (1-based) is "session k",
    /// used by the measurement schedule and the chart's session markers.
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> SessionsAsync(Guid patientId, Guid therapistId, CancellationToken ct) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId && Relationship.Contains(a.Status))
            .OrderBy(a => a.StartUtc).ToListAsync(ct);
}
