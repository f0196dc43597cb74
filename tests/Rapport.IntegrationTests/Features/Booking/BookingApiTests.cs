using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

public abstract class BookingApiTests(RapportApp app)
{
    private async Task<Visitor> PatientApiAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var api = app.NewClient();
        await api.ApiTokenAsync(patient);
        return api;
    }

    [Fact]
    public async Task SlotsComeBackInUtcAndInTheViewersZone()
    {
        var therapist = await app.CreateListedTherapistAsync("Europe/Berlin", new TimeOnly(9, 0), new TimeOnly(10, 0));
        using var api = app.NewClient();
        var from = app.Clock.GetUtcNow().AddDays(1);

        var slots = await api.Http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/therapists/{therapist.Id}/slots?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(3).ToString("O"))}&tz=Asia/Kolkata");

        var first = slots.EnumerateArray().First();
        var utc = first.GetProperty("startUtc").GetDateTimeOffset();
        var local = first.GetProperty("startLocal").GetDateTimeOffset();
        Assert.Equal(utc, local);
        Assert.Equal(TimeSpan.FromHours(5.5), local.Offset);
        Assert.Equal(9, TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour);
        Assert.Equal(3, slots.GetArrayLength());
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static string SlotQuery(DateTimeOffset from) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(3).ToString("O"))}";

    [Fact]
    public async Task APatientsTokenGetsSlotsInTheirOwnZoneTheSameAsTheirAppointments()
    {
        var therapist = await app.CreateListedTherapistAsync("UTC", new TimeOnly(9, 0), new TimeOnly(10, 0));
        using var api = await PatientApiAsync();

        var slots = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/therapists/{therapist.Id}/slots?{SlotQuery(app.Clock.GetUtcNow().AddDays(1))}");
        var slot = slots.EnumerateArray().First();
        var booked = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.GetProperty("startUtc").GetDateTimeOffset() });
        var mine = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/appointments");

        var utc = slot.GetProperty("startUtc").GetDateTimeOffset();
        Assert.Equal("Europe/Berlin", slot.GetProperty("timeZone").GetString());
        Assert.Equal(Berlin.GetUtcOffset(utc), slot.GetProperty("startLocal").GetDateTimeOffset().Offset);
        Assert.EndsWith(TimeZoneInfo.ConvertTime(utc, Berlin).ToString("HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            slot.GetProperty("startLocal").GetString(), StringComparison.Ordinal);
        Assert.Equal(utc, slot.GetProperty("startLocal").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var time = Assert.Single(mine.EnumerateArray()).GetProperty("time");
        Assert.Equal(slot.GetProperty("timeZone").GetString(), time.GetProperty("timeZone").GetString());
        Assert.Equal(slot.GetProperty("startLocal").GetString(), time.GetProperty("startLocal").GetString());
    }

    [Fact]
    public async Task APatientsTokenGetsTheDirectoryInTheirOwnZoneAndSaysWhichZone()
    {
        await app.CreateListedTherapistAsync();
        using var api = await PatientApiAsync();

        var page = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/therapists?availableWithinDays=7&pageSize=5");

        Assert.Equal("Europe/Berlin", page.GetProperty("timeZone").GetString());
        Assert.NotEmpty(page.GetProperty("items").EnumerateArray());
        foreach (var next in page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("nextFree")))
        {
            var utc = next.GetProperty("startUtc").GetDateTimeOffset();
            Assert.Equal("Europe/Berlin", next.GetProperty("timeZone").GetString());
            Assert.Equal(Berlin.GetUtcOffset(utc), next.GetProperty("startLocal").GetDateTimeOffset().Offset);
            Assert.Equal(utc, next.GetProperty("startLocal").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task AnAnonymousCallerGetsTheDirectoryAndSlotsInUtcSaidAsSuch()
    {
        var therapist = await app.CreateListedTherapistAsync("Europe/Berlin", new TimeOnly(9, 0), new TimeOnly(10, 0));
        using var api = app.NewClient();

        var page = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/therapists?availableWithinDays=7&pageSize=5");
        var slots = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/therapists/{therapist.Id}/slots?{SlotQuery(app.Clock.GetUtcNow().AddDays(1))}");

        Assert.Equal("UTC", page.GetProperty("timeZone").GetString());
        var times = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("nextFree")).Concat(slots.EnumerateArray()).ToList();
        Assert.NotEmpty(slots.EnumerateArray());
        Assert.All(times, t =>
        {
            Assert.Equal("UTC", t.GetProperty("timeZone").GetString());
            Assert.Equal(TimeSpan.Zero, t.GetProperty("startLocal").GetDateTimeOffset().Offset);
        });
    }

    [Fact]
    public async Task AnExplicitZoneStillWinsOverTheTokensOwn()
    {
        var therapist = await app.CreateListedTherapistAsync("UTC", new TimeOnly(9, 0), new TimeOnly(10, 0));
        using var api = await PatientApiAsync();

        var slots = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/therapists/{therapist.Id}/slots?{SlotQuery(app.Clock.GetUtcNow().AddDays(1))}&tz=Asia/Kolkata");

        Assert.All(slots.EnumerateArray(), s => Assert.Equal("Asia/Kolkata", s.GetProperty("timeZone").GetString()));
    }

    [Theory]
    [InlineData("from=yesterday&to=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("from=2026-12-01T00:00:00Z&to=2027-06-01T00:00:00Z", HttpStatusCode.Conflict)]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&tz=Mars/Base", HttpStatusCode.BadRequest)]
    public async Task MalformedOrTooLongSlotRangesGetProblemDetails(string query, HttpStatusCode expected)
    {
        var therapist = await app.CreateListedTherapistAsync();
        using var api = app.NewClient();

        var response = await api.Http.GetAsync($"/api/v1/therapists/{therapist.Id}/slots?{query}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnlistedTherapistHasNoSlots()
    {
        var unlisted = await app.CreateAccountAsync(Roles.Therapist);
        using var api = app.NewClient();

        var response = await api.Http.GetAsync($"/api/v1/therapists/{unlisted.Id}/slots?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task APatientBooksAnOfferedSlotAndGetsAConfirmationWithACalendarFile()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        using var api = await PatientApiAsync();

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var me = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var mail = await app.Mail.WaitForAsync(me.GetProperty("email").GetString()!, m => m.Subject == "Your appointment is booked");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Booked", created.GetProperty("status").GetString());
        var attachment = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.NotNull(attachment.Content);
        using var stream = new MemoryStream();
        await attachment.Content.DecodeToAsync(stream);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        var ev = Assert.Single(calendar!.Events);
        Assert.StartsWith("Appointment with Test Therapist", ev.Summary, StringComparison.Ordinal);
        Assert.Equal(slot.StartUtc.UtcDateTime, ev.DtStart!.AsUtc);
        Assert.DoesNotContain("therapy", mail.TextBody!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APatientInGermanyCannotBookATherapistWhoOnlyPractisesInBritainButCanOneWhoPractisesInGermany()
    {
        var britain = await app.CreateListedTherapistAsync(["en"], ["depression"], countries: ["GB"]);
        var germany = await app.CreateListedTherapistAsync(["en"], ["depression"], countries: ["DE"]);
        var britishSlot = await app.FirstSlotAsync(britain.Id, TimeSpan.FromDays(2));
        var germanSlot = await app.FirstSlotAsync(germany.Id, TimeSpan.FromDays(2));
        using var api = await PatientApiAsync();

        var refused = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = britain.Id, start = britishSlot.StartUtc });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var booked = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = germany.Id, start = germanSlot.StartUtc });
        var inBritain = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/therapists?country=GB&pageSize=50");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Rapport.Web.Features.Therapists.TherapistRules.PractisesOnlyWhereLicensed, problem.GetProperty("rule").GetString());
        Assert.Contains("may not practise in Germany", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == britain.Id)));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var listed = inBritain.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(britain.Id, listed);
        Assert.DoesNotContain(germany.Id, listed);
    }

    [Fact]
    public async Task ATimeThatIsNotOfferedIsRefusedAndNothingIsBooked()
    {
        var therapist = await app.CreateListedTherapistAsync("UTC", new TimeOnly(9, 0), new TimeOnly(12, 0));
        using var api = await PatientApiAsync();
        var notAligned = (await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2))).StartUtc.AddMinutes(7);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = notAligned });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(BookingRules.MustBeAnOfferedSlot, problem.GetProperty("rule").GetString());
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndBooksOnce()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        using var api = await PatientApiAsync();
        api.Http.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var first = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        var retry = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        var other = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc.AddHours(1) });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task ARetryAfterOtherPeopleSignedUpStillReturnsTheFirstAnswer()
    {
        // The key is matched on what the caller sent, not on anything the endpoint's services could read.
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        using var api = await PatientApiAsync();
        api.Http.DefaultRequestHeaders.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var first = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        await app.CreateListedTherapistAsync();
        var retry = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>The therapist's API client, and a patient in their care.</summary>
    private async Task<(Visitor Api, TestAccount Patient)> TherapistApiWithPatientAsync(TestAccount therapist)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(therapist, patient);
        var api = app.NewClient();
        await api.ApiTokenAsync(therapist);
        return (api, patient);
    }

    [Fact]
    public async Task ATherapistBooksAWeeklySeriesWholeForAPatientInTheirCare()
    {
        var therapist = await app.CreateListedTherapistAsync("America/New_York", new TimeOnly(18, 0), new TimeOnly(19, 0));
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(1));
        var (api, patient) = await TherapistApiWithPatientAsync(therapist);
        using var _ = api;

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { patientId = patient.Id, firstStart = slot.StartUtc, count = 16 });
        var booked = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(16, booked.GetArrayLength());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.All(booked.EnumerateArray(), a =>
            Assert.Equal(18, TimeZoneInfo.ConvertTime(a.GetProperty("time").GetProperty("startUtc").GetDateTimeOffset(), zone).Hour));
        Assert.All(booked.EnumerateArray(), a => Assert.Equal(patient.Id, a.GetProperty("patientId").GetGuid()));
    }

    [Fact]
    public async Task APatientCannotBookAWholeSeriesThemselfAndNothingIsBooked()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(1));
        using var api = await PatientApiAsync();

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { therapistId = therapist.Id, firstStart = slot.StartUtc, count = 16 });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(BookingRules.SeriesOnlyThroughCare, problem.GetProperty("rule").GetString());
        Assert.Contains("treatment contract", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task ATherapistCannotBookASeriesForSomeoneWhoIsNotInTheirCare()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(1));
        var stranger = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(therapist);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { patientId = stranger.Id, firstStart = slot.StartUtc, count = 4 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task ASeriesThatHitsTimeOffBooksNothingAndListsTheClashWithAlternatives()
    {
        var therapist = await app.CreateListedTherapistAsync("UTC", new TimeOnly(9, 0), new TimeOnly(12, 0));
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(1));
        var week3 = slot.StartUtc.AddDays(14);
        await app.QueryAsync(async db =>
        {
            db.AvailabilityExceptions.Add(AvailabilityException.Create(therapist.Id, ExceptionKind.TimeOff, week3.AddHours(-1), week3.AddHours(2), "away"));
            return await db.SaveChangesAsync();
        });
        var (api, patient) = await TherapistApiWithPatientAsync(therapist);
        using var _ = api;

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { patientId = patient.Id, firstStart = slot.StartUtc, count = 12 });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var conflict = Assert.Single(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(3, conflict.GetProperty("index").GetInt32());
        Assert.Equal("The therapist is away then.", conflict.GetProperty("reason").GetString());
        Assert.NotEqual(0, conflict.GetProperty("alternatives").GetArrayLength());
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25)]
    public async Task ASeriesCountOutsideOneToTwentyFourIsRefused(int count)
    {
        var therapist = await app.CreateListedTherapistAsync();
        var (api, patient) = await TherapistApiWithPatientAsync(therapist);
        using var _ = api;

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { patientId = patient.Id, firstStart = DateTimeOffset.UtcNow.AddDays(2), count });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Appointments.AnyAsync(a => a.TherapistId == therapist.Id)));
    }

    [Fact]
    public async Task AnotherPatientsAppointmentAnswers404()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        using var owner = await PatientApiAsync();
        var id = (await (await owner.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var stranger = await PatientApiAsync();

        var cancel = await stranger.Http.PostAsync($"/api/v1/appointments/{id}/cancel", null);
        var ics = await stranger.Http.GetAsync($"/api/v1/appointments/{id}/ics");

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ics.StatusCode);
        Assert.Equal(AppointmentStatus.Booked, await app.QueryAsync(db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task CancellingInsideTheNoticePeriodIsLateAndWithdrawsTheReminders()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromHours(5));
        using var api = await PatientApiAsync();
        var id = (await (await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var reminders = await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.CorrelationKey!.StartsWith($"reminder:{id:N}:") && m.SentAt == null));

        var cancelled = await (await api.Http.PostAsync($"/api/v1/appointments/{id}/cancel", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, reminders); // the 24-hour reminder's moment has passed; only the 1-hour one waits
        Assert.Equal("LateCancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.CorrelationKey!.StartsWith($"reminder:{id:N}:") && m.SentAt == null)));
    }

    [Fact]
    public async Task ReschedulingMovesTheAppointmentAndItsReminders()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(3));
        using var api = await PatientApiAsync();
        var id = (await (await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var newStart = slot.StartUtc.AddDays(1);

        var response = await api.Http.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start = newStart });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var due = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.CorrelationKey!.StartsWith($"reminder:{id:N}:") && m.SentAt == null)
            .Select(m => m.NextAttemptAt).ToListAsync());
        Assert.Equal([newStart.AddHours(-24), newStart.AddHours(-1)], due.Order());
    }

    [Fact]
    public async Task ABookingHalfAnHourAheadGetsItsOneHourReminderAtOnce()
    {
        // 20-minute slots back to back: the first one is at most 21 minutes away, inside the 1-hour reminder's moment.
        var therapist = await app.CreateListedTherapistAsync(sessionMinutes: 20, bufferMinutes: 0);
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromMinutes(1));
        Assert.True(slot.StartUtc - app.Clock.GetUtcNow() < TimeSpan.FromHours(1));
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var api = app.NewClient();
        await api.ApiTokenAsync(patient);

        await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });
        var reminder = await app.Mail.WaitForAsync(patient.Email, m => m.Subject == "Reminder: your appointment");

        Assert.Contains("/appointments/", reminder.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("therapy", reminder.TextBody!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MyAppointmentsListsOnlyMine()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        using var mine = await PatientApiAsync();
        using var other = await PatientApiAsync();
        await other.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });

        var list = await mine.Http.GetFromJsonAsync<JsonElement>("/api/v1/appointments");

        Assert.Equal(0, list.GetArrayLength());
    }
}

public sealed class BookingApiTestsOnSqlite(SqliteApp app) : BookingApiTests(app);

public sealed class BookingApiTestsOnPostgres(PostgresApp app) : BookingApiTests(app);
