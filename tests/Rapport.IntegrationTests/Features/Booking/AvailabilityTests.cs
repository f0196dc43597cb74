using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

/// <summary>/therapist/availability: weekly hours, booking rules, time off and extra hours, in the therapist's zone.</summary>
public abstract class AvailabilityTests(RapportApp app)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static string Local(DateTimeOffset utc) =>
        WallClock.Local(utc, Berlin).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TimeOffOverABookedSessionListsItAndConfirmingCancelsItAndEmailsThePatient()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        var patientName = await app.DisplayNameAsync(patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var listed = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Change.Kind"] = nameof(ExceptionKind.TimeOff),
            ["Change.From"] = Local(appointment.StartUtc.AddHours(-1)),
            ["Change.To"] = Local(appointment.EndUtc.AddHours(1)),
            ["Change.Note"] = "conference",
        }, "/therapist/availability?handler=AddChange");

        // Adding the time off lists the session and cancels nothing by itself.
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Contains("One booked session falls inside it", listed.Words, StringComparison.Ordinal);
        var affected = listed.Html[listed.Html.IndexOf("data-testid=\"affected-sessions\"", StringComparison.Ordinal)..];
        Assert.Contains(patientName, affected, StringComparison.Ordinal);
        Assert.Contains(Practice.BerlinTime(appointment.StartUtc), affected, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(appointment.Id)).Status);
        Assert.DoesNotContain(app.Mail.To(patient.Email), m => m.Subject == "Your appointment is cancelled");

        var confirmed = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string> { ["Cancel"] = appointment.Id.ToString() },
            "/therapist/availability?handler=CancelAffected");

        Assert.Contains("One session is cancelled. The patient has been e-mailed with a link to choose a new time.", confirmed.Words, StringComparison.Ordinal);
        var cancelled = await app.AppointmentAsync(appointment.Id);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal(CancelledBy.Therapist, cancelled.CancelledByRole);
        var mail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your appointment is cancelled");
        Assert.Equal("/appointments", mail.PathOfLink("/appointments"));
        Assert.DoesNotContain("data-testid=\"affected-sessions\"", confirmed.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmingCancelsOnlySessionsInsideTheTimeOff()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var outside = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string> { ["Cancel"] = outside.Id.ToString() },
            "/therapist/availability?handler=CancelAffected");

        Assert.Contains("Tick the sessions to cancel, or leave them booked.", page.Words, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(outside.Id)).Status);
    }

    [Fact]
    public async Task TimeOffIsStoredInUtcFromTheTherapistsWallClock()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        // A July day: Berlin is two hours ahead of UTC in summer.
        var year = app.Clock.GetUtcNow().Year + 1;

        await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Change.Kind"] = nameof(ExceptionKind.TimeOff),
            ["Change.From"] = $"{year}-07-06T09:00",
            ["Change.To"] = $"{year}-07-10T17:30",
        }, "/therapist/availability?handler=AddChange");

        var stored = await app.QueryAsync(db => db.AvailabilityExceptions.AsNoTracking().SingleAsync(e => e.TherapistId == therapist.Id));
        Assert.Equal(new DateTimeOffset(year, 7, 6, 7, 0, 0, TimeSpan.Zero), stored.StartUtc);
        Assert.Equal(new DateTimeOffset(year, 7, 10, 15, 30, 0, TimeSpan.Zero), stored.EndUtc);
        Assert.Equal(ExceptionKind.TimeOff, stored.Kind);
    }

    [Fact]
    public async Task ATimeThatDoesNotExistBecauseTheClocksChangeIsRefused()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        // The last Sunday of March: Berlin's clocks jump from 02:00 to 03:00.
        var year = app.Clock.GetUtcNow().Year + 1;
        var lastSunday = new DateOnly(year, 3, 31);
        lastSunday = lastSunday.AddDays(-(int)lastSunday.DayOfWeek);

        var page = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Change.Kind"] = nameof(ExceptionKind.ExtraHours),
            ["Change.From"] = $"{lastSunday:yyyy-MM-dd}T02:30",
            ["Change.To"] = $"{lastSunday:yyyy-MM-dd}T05:00",
        }, "/therapist/availability?handler=AddChange");

        Assert.Contains("does not exist in your time zone because the clocks change", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AvailabilityExceptions.AnyAsync(e => e.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task ATherapistAddsAndRemovesWeeklyHours()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var added = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Window.Day"] = nameof(DayOfWeek.Tuesday),
            ["Window.Start"] = "09:00",
            ["Window.End"] = "12:30",
        }, "/therapist/availability?handler=AddWindow");
        var window = await app.QueryAsync(db => db.AvailabilityWindows.AsNoTracking().SingleAsync(w => w.TherapistId == therapist.Id));
        var overlapping = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Window.Day"] = nameof(DayOfWeek.Tuesday),
            ["Window.Start"] = "12:00",
            ["Window.End"] = "14:00",
        }, "/therapist/availability?handler=AddWindow");
        var removed = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>(),
            $"/therapist/availability?handler=DeleteWindow&id={window.Id}");

        Assert.Contains("Added Tuesdays 09:00–12:30.", added.Words, StringComparison.Ordinal);
        Assert.Equal((DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(12, 30)), (window.Day, window.Start, window.End));
        Assert.Contains("This overlaps your Tuesday hours 09:00–12:30.", overlapping.Words, StringComparison.Ordinal);
        Assert.Contains("Removed Tuesdays 09:00–12:30.", removed.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AvailabilityWindows.AnyAsync(w => w.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task AWindowThatEndsBeforeItStartsIsRefused()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/availability", new Dictionary<string, string>
        {
            ["Window.Day"] = nameof(DayOfWeek.Friday),
            ["Window.Start"] = "17:00",
            ["Window.End"] = "09:00",
        }, "/therapist/availability?handler=AddWindow");

        Assert.Contains("A window must end after it starts", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.AvailabilityWindows.AnyAsync(w => w.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task BookingRulesAreCreatedOnFirstSave()
    {
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/availability", Rules(60, 15, 24, 90, 48), "/therapist/availability?handler=Policy");

        Assert.Contains("Your booking rules are saved.", page.Words, StringComparison.Ordinal);
        var policy = await app.QueryAsync(db => db.BookingPolicies.AsNoTracking().SingleAsync(p => p.TherapistId == therapist.Id));
        Assert.Equal((60, 15, 24, 90, 48), (policy.SessionMinutes, policy.BufferMinutes, policy.MinimumNoticeHours, policy.HorizonDays, policy.CancellationNoticeHours));
    }

    [Fact]
    public async Task BookingRulesOutOfRangeAreRefusedWithTheRule()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/availability", Rules(300, 10, 12, 120, 24), "/therapist/availability?handler=Policy");

        Assert.Contains("Sessions last 20–120 minutes", page.Words, StringComparison.Ordinal);
        Assert.Equal(50, await app.QueryAsync(db => db.BookingPolicies.Where(p => p.TherapistId == therapist.Id).Select(p => p.SessionMinutes).SingleAsync()));
    }

    private static Dictionary<string, string> Rules(int session, int buffer, int notice, int horizon, int cancellation) => new()
    {
        ["Policy.SessionMinutes"] = session.ToString(CultureInfo.InvariantCulture),
        ["Policy.BufferMinutes"] = buffer.ToString(CultureInfo.InvariantCulture),
        ["Policy.MinimumNoticeHours"] = notice.ToString(CultureInfo.InvariantCulture),
        ["Policy.HorizonDays"] = horizon.ToString(CultureInfo.InvariantCulture),
        ["Policy.CancellationNoticeHours"] = cancellation.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed class AvailabilityTestsOnSqlite(SqliteApp app) : AvailabilityTests(app);

public sealed class AvailabilityTestsOnPostgres(PostgresApp app) : AvailabilityTests(app);
