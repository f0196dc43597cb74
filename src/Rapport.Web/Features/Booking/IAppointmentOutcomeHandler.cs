using Rapport.Web.Data;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Told when an appointment's outcome is settled (attended, missed, cancelled late), so what hangs on the outcome changes
/// with it: TreatmentCourses counts the session in the pair's course. <see cref="SettledAsync"/> runs inside the caller's
/// change, before it saves, so both (and their audit entries, staged in the same unit of work) are stored together or
/// not at all. Booking and LiveSessions call this; they never reach into the features' tables.
/// </summary>
public interface IAppointmentOutcomeHandler
{
    Task SettledAsync(Appointment appointment, CancellationToken ct);
}

/// <summary>
/// Settles an appointment's outcome and tells every <see cref="IAppointmentOutcomeHandler"/>; only an outcome that a course
/// may count is passed on. The calendar and the live session mark attendance through here, so the handlers run
/// whichever page or call settles it. Nothing is saved here: the caller's change saves it, with its own audit entry.
/// </summary>
public sealed class AppointmentOutcomes(AppDbContext db, IEnumerable<IAppointmentOutcomeHandler> handlers)
{
    /// <summary>
    /// The appointments as tracked entities, for a feature that loads the one whose outcome it may settle inside its own
    /// query (the live session loads its room and appointment in one round trip). Their outcome changes only through
    /// <see cref="AttendedAsync"/> and <see cref="MissedAsync"/>.
    /// </summary>
    public IQueryable<Appointment> Settleable => db.Appointments;

    /// <summary>The session took place (the therapist ended a call the patient was let into).</summary>
    public async Task AttendedAsync(Appointment appointment, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        appointment.MarkAttended(now);
        await SettledAsync(appointment, ct);
    }

    /// <summary>The patient did not come (marked from the calendar or from the call).</summary>
    public async Task MissedAsync(Appointment appointment, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        appointment.MarkNoShow(now);
        await SettledAsync(appointment, ct);
    }

    public static bool IsSettled(AppointmentStatus status) =>
        status is AppointmentStatus.Attended or AppointmentStatus.NoShow or AppointmentStatus.LateCancelled;

    public async Task SettledAsync(Appointment appointment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        if (!IsSettled(appointment.Status))
        {
            return;
        }
        foreach (var handler in handlers)
        {
            await handler.SettledAsync(appointment, ct);
        }
    }
}
