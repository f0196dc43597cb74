using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// A patient's appointments with one clinician, as "session k" for the measurement schedule and the charts' session
/// markers. This says nothing about who may read what: that is the care relationship's (CareAccess).
/// </summary>
public sealed class SessionHistory(AppDbContext db)
{
    // Compiled once (Data/CompiledQuery.cs): the patient's home and "My plan" ask on every visit. The kept statuses are
    // spelled out rather than a Contains over an array, which the embedded database would read through a JSON table.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, IAsyncEnumerable<Appointment>>> Pair = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, Guid, Appointment>((db, patientId, therapistId) => db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Attended
                    || a.Status == AppointmentStatus.NoShow || a.Status == AppointmentStatus.LateCancelled))
            .OrderBy(a => a.StartUtc)));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, DateTimeOffset, CancellationToken, Task<int>>> Before = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid patientId, Guid therapistId, DateTimeOffset startUtc, CancellationToken ct) => db.Appointments
            .Count(a => a.PatientId == patientId && a.TherapistId == therapistId && a.StartUtc < startUtc
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Attended
                    || a.Status == AppointmentStatus.NoShow || a.Status == AppointmentStatus.LateCancelled))));

    /// <summary>
    /// The patient's booked appointments still to come, soonest first, as a part of another feature's query
    /// (Data/QueryPart.cs: the due-measures check reads the next one in the same round trip as its other facts).
    /// </summary>
    public static readonly Expression<Func<AppDbContext, Guid, DateTimeOffset, IQueryable<Appointment>>> BookedAhead =
        (db, patientId, now) => db.Appointments
            .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.StartUtc > now).OrderBy(a => a.StartUtc);

    /// <summary>
    /// The booked appointment whose call is open (starting by <c>opensBy</c>, ending at or after <c>closedBefore</c>; see
    /// <see cref="JoinWindow"/>), as a part of another feature's query (Data/QueryPart.cs).
    /// </summary>
    public static readonly Expression<Func<AppDbContext, Guid, DateTimeOffset, DateTimeOffset, Guid?>> OpenCall =
        (db, patientId, opensBy, closedBefore) => db.Appointments
            .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.StartUtc <= opensBy && a.EndUtc >= closedBefore)
            .OrderBy(a => a.StartUtc).Select(a => (Guid?)a.Id).FirstOrDefault();

    /// <summary>A person's appointments, as patient or as therapist, starting in [from, to), oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<Appointment>> OfPersonAsync(Guid personId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct) =>
        await db.Appointments.AsNoTracking()
            .Where(a => (a.PatientId == personId || a.TherapistId == personId) && a.StartUtc >= from && a.StartUtc < to)
            .OrderBy(a => a.StartUtc).Take(max).ToListAsync(ct);

    /// <summary>The pair's non-cancelled appointments, oldest first: position k (1-based) is "session k".</summary>
    public async Task<IReadOnlyList<Appointment>> SessionsAsync(Guid patientId, Guid therapistId, CancellationToken ct)
    {
        var sessions = new List<Appointment>();
        await foreach (var appointment in Pair.For(db)(db, patientId, therapistId).WithCancellation(ct))
        {
            sessions.Add(appointment);
        }
        return sessions;
    }

    /// <summary>
    /// The k of "session k" for the pair's appointment starting at <paramref name="startUtc"/>, counted without loading
    /// the others: the k - 1 kept appointments of the pair that start before it. (A time cancelled late and booked again
    /// keeps both rows at one start; the earlier list put them in either order, this counts the booked one as the first.)
    /// </summary>
    public async Task<int> NumberOfAsync(Guid patientId, Guid therapistId, DateTimeOffset startUtc, CancellationToken ct) =>
        await Before.For(db)(db, patientId, therapistId, startUtc, ct) + 1;
}
