using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

/// <summary>/therapist/calendar: the therapist's week, with cancelling and marking as missed.</summary>
public abstract class TherapistCalendarTests(RapportApp app)
{
    [Theory]
    [InlineData("/therapist/calendar")]
    [InlineData("/therapist/availability")]
    public async Task APatientIsRefusedTheTherapistsPages(string path)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var (page, url) = await browser.GetFollowingAsync(path);

        Assert.StartsWith("https://rapport.test/account/access-denied", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    [Fact]
    public async Task TheWeekShowsABookedSessionWithThePatientsNameAndLocalTime()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/calendar?week={app.WeekOf(appointment.StartUtc)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(await app.DisplayNameAsync(patient), page.Words, StringComparison.Ordinal);
        Assert.Contains($"{Practice.BerlinTime(appointment.StartUtc)}–{Practice.BerlinTime(appointment.EndUtc)}", page.Words, StringComparison.Ordinal);
        Assert.Contains("Booked", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingASessionAsMissedBeforeItStartsIsRefusedWithAClearMessage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var week = app.WeekOf(appointment.StartUtc);

        var page = await browser.PostFormAsync($"/therapist/calendar?week={week}", new Dictionary<string, string>(),
            $"/therapist/calendar?handler=Missed&id={appointment.Id}&week={week}");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("An appointment can be marked as missed only once it has started.", page.Words, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task ATherapistCancelsASessionAndThePatientIsInvitedToChooseANewTime()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, therapist, TimeSpan.FromHours(13));
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var week = app.WeekOf(appointment.StartUtc);

        var page = await browser.PostFormAsync($"/therapist/calendar?week={week}", new Dictionary<string, string>(),
            $"/therapist/calendar?handler=Cancel&id={appointment.Id}&week={week}");

        var cancelled = await app.AppointmentAsync(appointment.Id);
        // Within the patient's cancellation notice, yet not "late": the therapist cancelled.
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal(CancelledBy.Therapist, cancelled.CancelledByRole);
        Assert.Contains("Cancelled by you", page.Words, StringComparison.Ordinal);
        var mail = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Your appointment is cancelled");
        Assert.Equal("/appointments", mail.PathOfLink("/appointments"));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.AppointmentCancelled && e.UserId == therapist.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ATherapistCannotCancelAnotherTherapistsSession()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var other = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookAsync(patient, other);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/calendar", new Dictionary<string, string>(),
            $"/therapist/calendar?handler=Cancel&id={appointment.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(AppointmentStatus.Booked, (await app.AppointmentAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task TheTherapistsHomeListsTodaysSessions()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var today = WallClock.Today(app.Clock.GetUtcNow(), berlin);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var home = await browser.GetAsync("/therapist");

        Assert.Contains("Open your week", home.Words, StringComparison.Ordinal);
        // Booked two minutes ahead: tomorrow only when that crosses midnight in Berlin.
        if (WallClock.Today(appointment.StartUtc, berlin) == today)
        {
            Assert.Contains(await app.DisplayNameAsync(patient), home.Words, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("No sessions today.", home.Words, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ASessionOnTheTherapistsHomeTodayLinksToItsNoteAndToItsOpenCall()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        // Starting now: today wherever the therapist is, and its call open.
        var appointment = await app.BeganAgoAsync(await app.BookSoonAsync(patient, therapist), TimeSpan.Zero);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var home = await browser.GetAsync("/therapist");
        var note = await browser.GetAsync(NoteOf(patient, appointment));

        Assert.Contains($"href=\"{NoteOf(patient, appointment)}\"", home.Html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/appointments/{appointment.Id}/join\"", home.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, note.Status);
        Assert.Contains("Session note", note.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionInTheTherapistsWeekLinksToItsNote()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var week = await browser.GetAsync($"/therapist/calendar?week={app.WeekOf(appointment.StartUtc)}");
        var note = await browser.GetAsync(NoteOf(patient, appointment));

        Assert.Contains($"href=\"{NoteOf(patient, appointment)}\"", week.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, note.Status);
        Assert.Contains("Session note", note.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeACourseIsOpenedASessionsNoteLinkLeadsToTheCoursePage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        var appointment = await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var week = await browser.GetAsync($"/therapist/calendar?week={app.WeekOf(appointment.StartUtc)}");
        var (page, url) = await browser.GetFollowingAsync(NoteOf(patient, appointment));

        Assert.Contains($"href=\"{NoteOf(patient, appointment)}\"", week.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.EndsWith($"/therapist/patients/{patient.Id}/course", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTherapistFollowingASessionsNoteLinkGets404()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.CourseWithAgreedFormulationAsync(therapist, patient);
        var appointment = await app.BookAsync(patient, therapist);
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        var page = await browser.GetAsync(NoteOf(patient, appointment));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    private static string NoteOf(TestAccount patient, Appointment appointment) =>
        $"/therapist/patients/{patient.Id}/course/sessions/{appointment.Id}";
}

public sealed class TherapistCalendarTestsOnSqlite(SqliteApp app) : TherapistCalendarTests(app);

public sealed class TherapistCalendarTestsOnPostgres(PostgresApp app) : TherapistCalendarTests(app);

/// <summary>Marking as missed once the session has started; the clock moves, so the app is this class's own.</summary>
public abstract class MissedSessionTests(RapportApp app)
{
    [Fact]
    public async Task ATherapistMarksAStartedSessionAsMissed()
    {
        var therapist = await app.CreatePracticeTherapistAsync(p => p.Change(50, 10, 0, 120, 24));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var appointment = await app.BookSoonAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var week = app.WeekOf(appointment.StartUtc);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var page = await browser.PostFormAsync($"/therapist/calendar?week={week}", new Dictionary<string, string>(),
            $"/therapist/calendar?handler=Missed&id={appointment.Id}&week={week}");

        Assert.Contains("The session is marked as missed.", page.Words, StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.NoShow, (await app.AppointmentAsync(appointment.Id)).Status);
    }
}

public sealed class MissedSessionTestsOnSqlite(IsolatedSqliteApp app) : MissedSessionTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class MissedSessionTestsOnPostgres(IsolatedPostgresApp app) : MissedSessionTests(app), IClassFixture<IsolatedPostgresApp>;
