using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Web.Data;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A therapist's practice set up through the domain's own methods (as the pages and the admin would),
/// and bookings made through <see cref="BookingService"/>, so tests start from states the app can reach.
/// </summary>
public static class Practice
{
    public static readonly TimeOnly DayStarts = new(7, 0);
    public static readonly TimeOnly DayEnds = new(21, 0);

    /// <summary>
    /// A therapist (Europe/Berlin) with an approved, listed profile, the default booking rules and weekly
    /// hours 07:00–21:00 every day.
    /// </summary>
    public static async Task<TestAccount> CreatePracticeTherapistAsync(this RapportApp app, Action<BookingPolicy>? policy = null) =>
        await app.ListTherapistAsync(await app.CreateAccountAsync(Roles.Therapist), null, null, "IPT for depression and life changes.", ["en", "de"], ["depression"], ["DE"],
            TrainingLevel.Certified, acceptingNewPatients: true, p => policy?.Invoke(p), DayStarts, DayEnds);

    /// <summary>Books, for the patient, the first time the therapist offers at least <paramref name="after"/> from now (default 2 days).</summary>
    public static async Task<Appointment> BookAsync(this RapportApp app, TestAccount patient, TestAccount therapist, TimeSpan? after = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var from = app.Clock.GetUtcNow() + (after ?? TimeSpan.FromDays(2));
        var slots = await booking.SlotsAsync(therapist.Id, from, from.AddDays(7), CancellationToken.None);
        return await booking.BookAsync(patient.Id, therapist.Id, slots[0].StartUtc, AppointmentKind.Session, CancellationToken.None);
    }

    /// <summary>
    /// Books a session starting in about two minutes: one-off extra hours from the next whole minute + 2 give
    /// the slot. The therapist's rules must allow no notice (<c>MinimumNoticeHours</c> 0).
    /// </summary>
    public static async Task<Appointment> BookSoonAsync(this RapportApp app, TestAccount patient, TestAccount therapist)
    {
        var now = app.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        await app.QueryAsync(async db =>
        {
            db.AvailabilityExceptions.Add(AvailabilityException.Create(therapist.Id, ExceptionKind.ExtraHours, start, start.AddHours(1), ""));
            return await db.SaveChangesAsync();
        });
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BookingService>()
            .BookAsync(patient.Id, therapist.Id, start, AppointmentKind.Session, CancellationToken.None);
    }

    /// <summary>
    /// Moves a booked appointment so that it began <paramref name="ago"/> before now, keeping its length: what a note is
    /// signed after (a note records a session that happened). Tests on the shared app cannot move its clock instead.
    /// </summary>
    public static async Task<Appointment> BeganAgoAsync(this RapportApp app, Appointment appointment, TimeSpan ago)
    {
        var start = app.Clock.GetUtcNow() - ago;
        var end = start + (appointment.EndUtc - appointment.StartUtc);
        var blockedUntil = start + (appointment.BlockedUntilUtc - appointment.StartUtc);
        await app.QueryAsync(db => db.Appointments.Where(a => a.Id == appointment.Id).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.StartUtc, start).SetProperty(a => a.EndUtc, end).SetProperty(a => a.BlockedUntilUtc, blockedUntil)));
        return await app.AppointmentAsync(appointment.Id);
    }

    public static Task<Appointment> AppointmentAsync(this RapportApp app, Guid id) =>
        app.QueryAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id));

    public static Task<string> DisplayNameAsync(this RapportApp app, TestAccount account) =>
        app.QueryAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.DisplayName).SingleAsync());

    /// <summary>The <c>?week=</c> offset of the therapist's week view that shows <paramref name="utc"/> (Europe/Berlin).</summary>
    public static int WeekOf(this RapportApp app, DateTimeOffset utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var thisMonday = WallClock.MondayOf(WallClock.Today(app.Clock.GetUtcNow(), zone));
        var thatMonday = WallClock.MondayOf(WallClock.Today(utc, zone));
        return (thatMonday.DayNumber - thisMonday.DayNumber) / 7;
    }

    /// <summary>"14:00" in Europe/Berlin, as the therapist's pages show it.</summary>
    public static string BerlinTime(DateTimeOffset utc) =>
        TimeText.Time(WallClock.Local(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
}
