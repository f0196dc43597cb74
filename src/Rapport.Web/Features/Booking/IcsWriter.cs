using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Rapport.Web.Features.Booking;

/// <summary>One appointment as a calendar app sees it: neutral title, times in UTC, nothing clinical.</summary>
public sealed record IcsEvent(Appointment Appointment, string WithName, string Url);

/// <summary>
/// RFC 5545 calendars through Ical.Net. Times are written in UTC ("Z"), which every calendar app shows in
/// its own zone, so no daylight-saving rules travel with the file. The UID is the appointment id and the
/// SEQUENCE its version, so a moved or cancelled appointment updates the same calendar entry.
/// </summary>
public static class IcsWriter
{
    /// <summary>With its charset: display names are UTF-8, and a reader left to guess may show them garbled.</summary>
    public const string MediaType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<IcsEvent> events, DateTimeOffset now, string name = "Rapport")
    {
        var calendar = new Calendar { ProductId = "-//Rapport//Appointments//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (appointment, withName, url) in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{appointment.Id:N}@rapport",
                Summary = $"Appointment with {withName}",
                Description = $"Join or manage: {url}",
                Url = new Uri(url),
                DtStart = new CalDateTime(appointment.StartUtc.UtcDateTime),
                DtEnd = new CalDateTime(appointment.EndUtc.UtcDateTime),
                DtStamp = new CalDateTime(now.UtcDateTime),
                Sequence = appointment.Version,
                Status = StatusOf(appointment.Status),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// Only a cancellation is CANCELLED: calendar apps strike such an entry out or remove it, and a session that was held
    /// (or missed: the time was kept for the patient) belongs in the person's history as it happened.
    /// </summary>
    public static string StatusOf(AppointmentStatus status) =>
        status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled ? EventStatus.Cancelled : EventStatus.Confirmed;
}
