namespace Rapport.Web.Features.Booking.Pages;

/// <summary>An appointment's state and kind in the words people read.</summary>
public static class AppointmentWords
{
    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.Cancelled => "Cancelled",
        AppointmentStatus.LateCancelled => "Cancelled late",
        AppointmentStatus.NoShow => "Missed",
        AppointmentStatus.Attended => "Attended",
        _ => status.ToString(),
    };

    public static string Kind(AppointmentKind kind) => kind switch
    {
        AppointmentKind.Assessment => "First conversation",
        _ => "Session",
    };
}
