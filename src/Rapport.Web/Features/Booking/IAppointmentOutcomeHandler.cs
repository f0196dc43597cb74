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

/// <summary>Tells every <see cref="IAppointmentOutcomeHandler"/>; only an outcome that a course may count is passed on.</summary>
public sealed class AppointmentOutcomes(IEnumerable<IAppointmentOutcomeHandler> handlers)
{
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
