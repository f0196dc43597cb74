using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>One of a pair's kept appointments as the session numbering reads it: which one, how it went and when it starts.</summary>
public sealed record SessionDate(Guid Id, AppointmentStatus Status, DateTimeOffset StartUtc);

/// <summary>
/// A patient's appointments with one clinician, as "session k" for the measurement schedule and the charts' session
/// markers. This says nothing about who may read what: that is the care relationship's (CareAccess).
/// </summary>
public sealed class SessionHistory(AppDbContext db)
{
    // The kept statuses are spelled out rather than a Contains over an array, which the embedded database would read
    // through a JSON table.
    private static readonly Expression<Func<AppDbContext, Guid, Guid, IQueryable<Appointment>>> KeptWithPair =
        (db, patientId, therapistId) => db.Appointments
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Attended
                    || a.Status == AppointmentStatus.NoShow || a.Status == AppointmentStatus.LateCancelled))
            .OrderBy(a => a.StartUtc);

    // Compiled once (Data/CompiledQuery.cs): the patient's home and "My plan" ask on every visit.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, IAsyncEnumerable<Appointment>>> Pair = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, Guid, Appointment>(QueryPart.Splice((AppDbContext db, Guid patientId, Guid therapistId) =>
            KeptWithPair.Use(db, patientId, therapistId).AsNoTracking())));

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, IAsyncEnumerable<SessionDate>>> PairDates = new(() =>
        EF.CompileAsyncQuery<AppDbContext, Guid, Guid, SessionDate>(QueryPart.Splice((AppDbContext db, Guid patientId, Guid therapistId) =>
            KeptWithPair.Use(db, patientId, therapistId).Select(a => new SessionDate(a.Id, a.Status, a.StartUtc)))));

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
    /// <see cref="SessionsAsync"/> as three columns each: "My plan" shows only when the next session is and numbers the
    /// past ones on its chart, so it need not load every appointment whole.
    /// </summary>
    public async Task<IReadOnlyList<SessionDate>> DatesOfAsync(Guid patientId, Guid therapistId, CancellationToken ct)
    {
        var dates = new List<SessionDate>();
        await foreach (var date in PairDates.For(db)(db, patientId, therapistId).WithCancellation(ct))
        {
            dates.Add(date);
        }
        return dates;
    }

    /// <summary>
    /// The k of "session k" for the pair's appointment starting at <paramref name="startUtc"/>, counted without loading
    /// the others: the k - 1 kept appointments of the pair that start before it. (A time cancelled late and booked again
    /// keeps both rows at one start; the earlier list put them in either order, this counts the booked one as the first.)
    /// </summary>
    public async Task<int> NumberOfAsync(Guid patientId, Guid therapistId, DateTimeOffset startUtc, CancellationToken ct) =>
        await Before.For(db)(db, patientId, therapistId, startUtc, ct) + 1;

    /// <summary>One appointment of <paramref name="personId"/>'s, as its patient or its therapist; anyone else's is null.</summary>
    public Task<Appointment?> OwnAsync(Guid appointmentId, Guid personId, CancellationToken ct) =>
        db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appointmentId && (a.PatientId == personId || a.TherapistId == personId), ct);

    /// <summary>
    /// The pair's appointments still booked, oldest first, as a query to compose (a course counts those not yet over, its
    /// page shows the next one).
    /// </summary>
    public IQueryable<Appointment> BookedWithPair(Guid patientId, Guid therapistId) =>
        db.Appointments.AsNoTracking().Where(a => a.PatientId == patientId && a.TherapistId == therapistId && a.Status == AppointmentStatus.Booked)
            .OrderBy(a => a.StartUtc);

    /// <summary>The appointments booked together as one series, in every status, oldest first.</summary>
    public async Task<IReadOnlyList<Appointment>> SeriesAsync(Guid seriesId, CancellationToken ct) =>
        await db.Appointments.AsNoTracking().Where(a => a.SeriesId == seriesId).OrderBy(a => a.StartUtc).ToListAsync(ct);

    /// <summary>
    /// The pair's appointments whose outcome is settled (attended, missed, cancelled late) and that end at or after
    /// <paramref name="since"/>: what a course may count (<see cref="AppointmentOutcomes.IsSettled"/>).
    /// </summary>
    public async Task<IReadOnlyList<Appointment>> SettledWithPairSinceAsync(Guid patientId, Guid therapistId, DateTimeOffset since, CancellationToken ct) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.TherapistId == therapistId && a.EndUtc >= since
                && (a.Status == AppointmentStatus.Attended || a.Status == AppointmentStatus.NoShow || a.Status == AppointmentStatus.LateCancelled))
            .ToListAsync(ct);
}
