using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Appointment e-mail: confirmation with an .ics file, reminders (24 h and 1 h before by default) and
/// cancellations. Texts state the time in the reader's own zone and the link, never what the appointment
/// is about. Reminders are outbox rows scheduled for their moment, keyed "reminder:{id}:{lead}", so they
/// survive restarts, are never queued twice, and are withdrawn or moved with the appointment.
/// </summary>
public sealed class AppointmentMail(PeopleNames people, Outbox outbox, TimeProvider clock, IConfiguration config)
{
    private string BaseUrl => config.PublicBaseUrl();

    public IReadOnlyList<TimeSpan> ReminderLeads =>
        config.GetSection("Booking:ReminderLeads").Get<TimeSpan[]>() is { Length: > 0 } leads
            ? leads.OrderDescending().ToArray()
            : [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];

    public string LinkFor(Appointment a) => $"{BaseUrl}/appointments/{a.Id}";

    /// <summary>Confirmation (with the calendar file) to both people, and the reminders, for a new or moved appointment.</summary>
    public async Task QueueBookedAsync(Appointment appointment, bool rescheduled, CancellationToken ct, bool confirmation = true)
    {
        var (patient, therapist) = await PeopleAsync(appointment, ct);
        var now = clock.GetUtcNow();
        if (confirmation)
        {
            foreach (var (to, other) in new[] { (patient, therapist), (therapist, patient) })
            {
                var ics = IcsWriter.Write([new IcsEvent(appointment, other.DisplayName, LinkFor(appointment))], now);
                outbox.Queue(to.Email!, to.DisplayName, Booked(to.DisplayName, other.DisplayName, When(appointment.StartUtc, to), rescheduled, LinkFor(appointment)),
                    attachment: new MailAttachment("appointment.ics", IcsWriter.MediaType, ics));
            }
        }
        foreach (var lead in ReminderLeads)
        {
            var at = appointment.StartUtc - lead;
            // A reminder whose moment has passed is sent now only if it is the last one before the start
            // (a booking 30 minutes ahead still gets its 1-hour reminder); earlier ones are dropped.
            if (at <= now && lead != ReminderLeads[^1])
            {
                continue;
            }
            outbox.Queue(patient.Email!, patient.DisplayName,
                Reminder(patient.DisplayName, therapist.DisplayName, When(appointment.StartUtc, patient), LinkFor(appointment), $"{BaseUrl}/patient"),
                sendAt: at, correlationKey: $"reminder:{appointment.Id:N}:{(int)lead.TotalMinutes}m:v{appointment.Version}");
        }
    }

    /// <summary>One confirmation for a whole weekly series, listing every date, with all of them in one calendar file.</summary>
    public async Task QueueSeriesConfirmationAsync(IReadOnlyList<Appointment> series, CancellationToken ct)
    {
        var (patient, therapist) = await PeopleAsync(series[0], ct);
        var now = clock.GetUtcNow();
        foreach (var (to, other) in new[] { (patient, therapist), (therapist, patient) })
        {
            var ics = IcsWriter.Write(series.Select(a => new IcsEvent(a, other.DisplayName, LinkFor(a))), now);
            var dates = string.Join(Environment.NewLine, series.Select(a => $"  {a.SeriesIndex}. {When(a.StartUtc, to)}"));
            outbox.Queue(to.Email!, to.DisplayName, SeriesBooked(to.DisplayName, other.DisplayName, series.Count, dates, $"{BaseUrl}/appointments"),
                attachment: new MailAttachment("appointments.ics", IcsWriter.MediaType, ics));
        }
    }

    public async Task QueueCancellationAsync(Appointment appointment, CancellationToken ct)
    {
        var (patient, therapist) = await PeopleAsync(appointment, ct);
        var now = clock.GetUtcNow();
        foreach (var (to, other) in new[] { (patient, therapist), (therapist, patient) })
        {
            var ics = IcsWriter.Write([new IcsEvent(appointment, other.DisplayName, LinkFor(appointment))], now);
            outbox.Queue(to.Email!, to.DisplayName, Cancelled(to.DisplayName, other.DisplayName, When(appointment.StartUtc, to), $"{BaseUrl}/appointments"),
                attachment: new MailAttachment("appointment.ics", IcsWriter.MediaType, ics));
        }
    }

    public Task<int> WithdrawRemindersAsync(Appointment appointment, CancellationToken ct) =>
        outbox.WithdrawUnsentAsync($"reminder:{appointment.Id:N}:", ct);

    public void SendSoon() => outbox.SendSoon();

    /// <summary><paramref name="when"/> is <see cref="When"/>'s "on Monday 7 December 2026 at 10:00 (…)".</summary>
    public static MailText Booked(string toName, string otherName, string when, bool moved, string link) =>
        new(moved ? "Your appointment has moved" : "Your appointment is booked",
            $"""
            Hello {toName},

            Your appointment with {otherName} {(moved ? "has moved: it is now" : "is booked")} {when}.
            Join or manage it here: {link}

            The attached file adds it to your calendar.
            """);

    /// <summary>Points to the patient's home page, which lists anything waiting for them, without saying what.</summary>
    public static MailText Reminder(string patientName, string therapistName, string when, string link, string homeLink) =>
        new("Reminder: your appointment",
            $"""
            Hello {patientName},

            This is a reminder of your appointment with {therapistName} {when}.
            Join here: {link}

            Before you join, you can see whether anything is waiting for you: {homeLink}
            """);

    public static MailText SeriesBooked(string toName, string otherName, int count, string dates, string listLink) =>
        new($"Your {count} weekly appointments are booked",
            $"""
            Hello {toName},

            Your {count} weekly appointments with {otherName} are booked:
            {dates}

            Manage them here: {listLink}
            The attached file adds them all to your calendar.
            """);

    public static MailText Cancelled(string toName, string otherName, string when, string listLink) =>
        new("Your appointment is cancelled",
            $"""
            Hello {toName},

            Your appointment with {otherName} {when} is cancelled.
            To book another time: {listLink}
            """);

    /// <summary>"on Tuesday 3 December 2026 at 14:00 (Central European Time (Berlin))" in the reader's zone.</summary>
    public static string When(DateTimeOffset startUtc, PeopleNames.Person reader)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reader.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(startUtc, zone);
        return string.Create(CultureInfo.InvariantCulture, $"on {local:dddd d MMMM yyyy} at {local:HH:mm} ({ProfileChoices.TimeZoneLabel(reader.TimeZoneId)})");
    }

    /// <summary>The two people of an appointment, looked up once per request (a 16-week series is one patient and one therapist).</summary>
    private async Task<(PeopleNames.Person Patient, PeopleNames.Person Therapist)> PeopleAsync(Appointment a, CancellationToken ct)
    {
        var missing = new[] { a.PatientId, a.TherapistId }.Where(id => !_people.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            foreach (var user in await people.People.Where(p => missing.Contains(p.Id)).ToListAsync(ct))
            {
                _people[user.Id] = user;
            }
        }
        return (_people[a.PatientId], _people[a.TherapistId]);
    }

    private readonly Dictionary<Guid, PeopleNames.Person> _people = [];
}
