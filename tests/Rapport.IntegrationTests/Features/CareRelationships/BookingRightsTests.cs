using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.CareRelationships;

namespace Rapport.IntegrationTests.Features.CareRelationships;

/// <summary>
/// Booking follows care: a patient books first conversations (at most two waiting, one per clinician) and, once in
/// care, sessions with their clinician; a series comes only from the clinician responsible for them.
/// </summary>
public abstract class BookingRightsTests(RapportApp app)
{
    private Task<int> AppointmentsAsync(TestAccount patient, TestAccount? with = null) =>
        app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id && (with == null || a.TherapistId == with.Id)));

    /// <summary>A patient who has booked first conversations with two clinicians, and a third clinician.</summary>
    private async Task<(TestAccount Patient, Visitor Api, TestAccount First, TestAccount Third)> WaitingOnTwoFirstConversationsAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var first = await app.CreatePracticeTherapistAsync();
        var second = await app.CreatePracticeTherapistAsync();
        var api = await app.ApiAsync(patient);
        await (await api.BookThroughApiAsync(app, first)).JsonAsync(HttpStatusCode.Created);
        await (await api.BookThroughApiAsync(app, second)).JsonAsync(HttpStatusCode.Created);
        return (patient, api, first, await app.CreatePracticeTherapistAsync());
    }

    [Fact]
    public async Task APatientWaitingOnTwoFirstConversationsCannotBookAThird()
    {
        var (patient, api, _, third) = await WaitingOnTwoFirstConversationsAsync();
        using (api)
        {
            var response = await api.BookThroughApiAsync(app, third);

            Assert.Equal(CareRelationshipRules.MaxOpenEnquiries, await response.RuleAsync());
            Assert.Equal(0, await AppointmentsAsync(patient, third));
            Assert.False(await app.QueryAsync(db => db.CareRelationships.AnyAsync(r => r.PatientId == patient.Id && r.ClinicianId == third.Id)));
        }
    }

    [Fact]
    public async Task WithdrawingAFirstConversationLetsThePatientBookAnother()
    {
        var (patient, api, first, third) = await WaitingOnTwoFirstConversationsAsync();
        using (api)
        {
            var team = await (await api.Http.GetAsync("/api/v1/care-team")).JsonAsync();
            var withFirst = team.EnumerateArray().Single(r => r.GetProperty("clinicianId").GetGuid() == first.Id).GetProperty("id").GetGuid();
            var withdrawn = await (await api.CareActionAsync(withFirst, "withdraw")).JsonAsync();
            Assert.Equal(nameof(CareStatus.Withdrawn), withdrawn.GetProperty("status").GetString());

            var response = await api.BookThroughApiAsync(app, third);

            await response.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(1, await AppointmentsAsync(patient, third));
        }
    }

    [Fact]
    public async Task ASecondFirstConversationWithTheSameClinicianIsRefused()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var clinician = await app.CreatePracticeTherapistAsync();
        using var api = await app.ApiAsync(patient);
        await (await api.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);

        var response = await api.BookThroughApiAsync(app, clinician);

        Assert.Equal(BookingRules.OneFirstConversation, await response.RuleAsync());
        Assert.Equal(1, await AppointmentsAsync(patient, clinician));
    }

    [Fact]
    public async Task APatientInCareBooksSessionsWithTheirClinician()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(clinician, patient);
        using var api = await app.ApiAsync(patient);

        var first = await (await api.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);
        var second = await (await api.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);

        Assert.All([first, second], a => Assert.Equal(nameof(AppointmentKind.Session), a.GetProperty("kind").GetString()));
        Assert.Equal(2, await AppointmentsAsync(patient, clinician));
    }

    [Fact]
    public async Task APatientCannotBookASeries()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(clinician, patient);
        using var api = await app.ApiAsync(patient);
        var firstStart = await api.FirstSlotAsync(app, clinician, TimeSpan.FromDays(2));

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { therapistId = clinician.Id, firstStart, count = 4 });

        Assert.Equal(BookingRules.SeriesOnlyThroughCare, await response.RuleAsync());
        Assert.Equal(0, await AppointmentsAsync(patient));
    }

    [Fact]
    public async Task AClinicianBooksASeriesForTheirPatientInCare()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(clinician, patient);
        using var api = await app.ApiAsync(clinician);
        var firstStart = await api.FirstSlotAsync(app, clinician, TimeSpan.FromDays(2));

        var booked = await (await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { firstStart, count = 3, patientId = patient.Id }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(3, booked.GetArrayLength());
        Assert.All(booked.EnumerateArray(), a => Assert.Equal((patient.Id, nameof(AppointmentKind.Session)),
            (a.GetProperty("patientId").GetGuid(), a.GetProperty("kind").GetString())));
        Assert.Equal(3, await AppointmentsAsync(patient, clinician));
    }

    [Fact]
    public async Task AClinicianCannotBookASeriesForSomeoneElsesPatient()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(await app.CreatePracticeTherapistAsync(), patient);
        var other = await app.CreatePracticeTherapistAsync();
        using var api = await app.ApiAsync(other);
        var firstStart = await api.FirstSlotAsync(app, other, TimeSpan.FromDays(2));

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments/series", new { firstStart, count = 3, patientId = patient.Id });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await AppointmentsAsync(patient));
    }
}

public sealed class BookingRightsTestsOnSqlite(SqliteApp app) : BookingRightsTests(app);

public sealed class BookingRightsTestsOnPostgres(PostgresApp app) : BookingRightsTests(app);

/// <summary>A patient who changes bookings too often in an hour is stopped, whichever way they book.</summary>
public abstract class BookingWriteLimitTests(RapportApp app)
{
    [Fact]
    public async Task TooManyBookingsInAnHourAreRefusedWithTooManyRequests()
    {
        var clinician = await app.CreatePracticeTherapistAsync();
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.AcceptIntoCareAsync(clinician, patient);
        using var api = await app.ApiAsync(patient);
        for (var i = 0; i < BookingWritesLimitedSqliteApp.WritesPerHour; i++)
        {
            await (await api.BookThroughApiAsync(app, clinician)).JsonAsync(HttpStatusCode.Created);
        }

        var response = await api.BookThroughApiAsync(app, clinician);

        Assert.Equal(BookingRules.TooManyWrites, await response.RuleAsync(HttpStatusCode.TooManyRequests));
        Assert.Equal(BookingWritesLimitedSqliteApp.WritesPerHour, await app.QueryAsync(db => db.Appointments.CountAsync(a => a.PatientId == patient.Id)));
    }
}

public sealed class BookingWriteLimitTestsOnSqlite(BookingWritesLimitedSqliteApp app) : BookingWriteLimitTests(app), IClassFixture<BookingWritesLimitedSqliteApp>;

public sealed class BookingWriteLimitTestsOnPostgres(BookingWritesLimitedPostgresApp app) : BookingWriteLimitTests(app), IClassFixture<BookingWritesLimitedPostgresApp>;
