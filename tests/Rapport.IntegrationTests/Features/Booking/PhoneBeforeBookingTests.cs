using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Booking;

namespace Rapport.IntegrationTests.Features.Booking;

/// <summary>No appointment without the patient's phone (Booking readme, rule 13): the page and the API both get the rule from BookingService.</summary>
public abstract class PhoneBeforeBookingTests(RapportApp app)
{
    private async Task<(TestAccount Patient, Visitor Browser)> SignedInPatientAsync(bool withPhone)
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, withPhone: withPhone);
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    private Task<bool> HasAppointmentsAsync(Guid patientId) => app.QueryAsync(db => db.Appointments.AnyAsync(a => a.PatientId == patientId));

    [Fact]
    public async Task APatientWithoutAPhoneCannotBookAFirstConversationOnThePageAndIsToldWhereToAddIt()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var (patient, browser) = await SignedInPatientAsync(withPhone: false);
        using var _b = browser;

        var refused = await browser.BookFirstFreeTimeAsync(therapist.Id);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Add your phone number before booking: if something goes wrong during a session, your therapist must be able to call you. Nothing was booked.",
            refused.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/account/profile?returnUrl=%2Ftherapists%2F{therapist.Id}%3Fweek%3D0\"", refused.Html, StringComparison.Ordinal);
        Assert.False(await HasAppointmentsAsync(patient.Id));
    }

    [Fact]
    public async Task APatientWithoutAPhoneCannotBookThroughTheApiAndTheProblemNamesTheRule()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var slot = await app.FirstSlotAsync(therapist.Id, TimeSpan.FromDays(2));
        var patient = await app.CreateAccountAsync(Roles.Patient, withPhone: false);
        using var api = await app.ApiAsync(patient);

        var response = await api.Http.PostAsJsonAsync("/api/v1/appointments", new { therapistId = therapist.Id, start = slot.StartUtc });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(BookingRules.PhoneNumberRequired, problem.GetProperty("rule").GetString());
        Assert.Contains("/account/profile", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(await HasAppointmentsAsync(patient.Id));
    }

    [Fact]
    public async Task APatientWithAPhoneBooksAFirstConversation()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var (patient, browser) = await SignedInPatientAsync(withPhone: true);
        using var _b = browser;

        var booked = await browser.BookFirstFreeTimeAsync(therapist.Id);

        Assert.Equal(HttpStatusCode.Redirect, booked.Status);
        Assert.StartsWith("/appointments/", booked.Location, StringComparison.Ordinal);
        Assert.True(await HasAppointmentsAsync(patient.Id));
    }

    [Fact]
    public async Task APatientWhoAddsTheirPhoneAfterARefusalThenBooks()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var (patient, browser) = await SignedInPatientAsync(withPhone: false);
        using var _b = browser;
        await browser.BookFirstFreeTimeAsync(therapist.Id);

        await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = "+44 20 7946 0789" });
        var booked = await browser.BookFirstFreeTimeAsync(therapist.Id);

        Assert.Equal(HttpStatusCode.Redirect, booked.Status);
        Assert.True(await HasAppointmentsAsync(patient.Id));
    }
}

public sealed class PhoneBeforeBookingTestsOnSqlite(SqliteApp app) : PhoneBeforeBookingTests(app);

public sealed class PhoneBeforeBookingTestsOnPostgres(PostgresApp app) : PhoneBeforeBookingTests(app);
