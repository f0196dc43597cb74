namespace Rapport.Web.Features.Booking;

/// <summary>
/// When an appointment's call may be joined: from 15 minutes before its start to 30 minutes after its planned end,
/// only while it is booked (LiveSessions readme, "Join window"). It is a rule about the appointment's time, so it lives
/// with the appointment: the appointment and calendar pages offer "Join" by it, and the live session enforces it.
/// </summary>
public static class JoinWindow
{
    public static readonly TimeSpan OpensBeforeStart = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ClosesAfterEnd = TimeSpan.FromMinutes(30);

    /// <summary>Whether "Join" is offered now: a booked appointment inside its window.</summary>
    public static bool IsOpen(AppointmentStatus status, DateTimeOffset startUtc, DateTimeOffset endUtc, DateTimeOffset now) =>
        status == AppointmentStatus.Booked && now >= startUtc - OpensBeforeStart && now <= endUtc + ClosesAfterEnd;
}
