using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Appointments as the features above read them whole (the FHIR API, the patient's copy, erasure and purge), so none of
/// them reads the table itself (docs/architecture.md, "Layers"). The queries are read-only and composable: a reader
/// filters, pages and joins them in its own round trip. Who may see whose appointments is the reader's to decide
/// through the care relationship (CareAccess); nothing here checks it.
/// </summary>
public sealed class AppointmentRecords(AppDbContext db)
{
    /// <summary>Every appointment, untracked, to filter and page inside the reader's query.</summary>
    public IQueryable<Appointment> All => db.Appointments.AsNoTracking();

    /// <summary>The patient's appointments, untracked, in no particular order.</summary>
    public IQueryable<Appointment> OfPatient(Guid patientId) => All.Where(a => a.PatientId == patientId);

    /// <summary>The clinicians the patient has or had an appointment with (repeats included).</summary>
    public IQueryable<Guid> TherapistsMetBy(Guid patientId) => db.Appointments.Where(a => a.PatientId == patientId).Select(a => a.TherapistId);

    /// <summary>Appointments still booked and not over at <paramref name="now"/>: the clinician still expects the patient.</summary>
    public IQueryable<Appointment> BookedNotOver(DateTimeOffset now) =>
        db.Appointments.Where(a => a.Status == AppointmentStatus.Booked && a.EndUtc > now);

    /// <summary>The end of the patient's last appointment that was not cancelled in time, or null when there was none.</summary>
    public Task<DateTimeOffset?> LastEndAsync(Guid patientId, CancellationToken ct) =>
        db.Appointments.Where(a => a.PatientId == patientId && a.Status != AppointmentStatus.Cancelled)
            .OrderByDescending(a => a.EndUtc).Select(a => (DateTimeOffset?)a.EndUtc).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Removes the patient's appointments (their calls go with them by cascade) in the caller's transaction, once their
    /// retention has ended (DataRights readme, rule 8); the number removed. The caller records the purge.
    /// </summary>
    public Task<int> ForgetPatientAsync(Guid patientId, CancellationToken ct) =>
        db.Appointments.Where(a => a.PatientId == patientId).ExecuteDeleteAsync(ct);

    /// <summary>
    /// Removes the API replies remembered for the person's retries (Idempotency-Key) in the caller's transaction, when
    /// their account is erased (DataRights readme, rule 4); the number removed.
    /// </summary>
    public Task<int> ForgetRepliesAsync(Guid userId, CancellationToken ct) =>
        db.IdempotencyRecords.Where(i => i.UserId == userId).ExecuteDeleteAsync(ct);
}

/// <summary>Therapists' weekly hours and booking horizons, read-only, as the FHIR API's PractitionerRole and Schedule show them.</summary>
public sealed class ScheduleLookup(AppDbContext db)
{
    /// <summary>The weekly windows of <paramref name="therapistIds"/>, by therapist, in no particular order.</summary>
    public async Task<ILookup<Guid, AvailabilityWindow>> WeeklyHoursOfAsync(IReadOnlyCollection<Guid> therapistIds, CancellationToken ct) =>
        (await db.AvailabilityWindows.AsNoTracking().Where(w => therapistIds.Contains(w.TherapistId)).ToListAsync(ct)).ToLookup(w => w.TherapistId);

    /// <summary>How many days ahead each of <paramref name="therapistIds"/> may be booked; one without a policy is missing.</summary>
    public Task<Dictionary<Guid, int>> HorizonsOfAsync(IReadOnlyCollection<Guid> therapistIds, CancellationToken ct) =>
        db.BookingPolicies.AsNoTracking().Where(b => therapistIds.Contains(b.TherapistId)).ToDictionaryAsync(b => b.TherapistId, b => b.HorizonDays, ct);
}
