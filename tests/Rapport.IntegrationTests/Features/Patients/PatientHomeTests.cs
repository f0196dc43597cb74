using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Features.Patients;

/// <summary>The patient's home: what to do next, and help for their own country.</summary>
public abstract class PatientHomeTests(RapportApp app)
{
    [Fact]
    public async Task APatientCanReachTheirCalendarSubscriptionFromHome()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var home = await browser.GetAsync("/patient");
        var calendar = await browser.GetAsync("/account/calendar");

        Assert.Contains("href=\"/account/calendar\"", home.Html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, calendar.Status);
    }

    [Fact]
    public async Task ANewPatientIsAskedForTheIntakeAndSeesTheCrisisLinesOfTheirCountry()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patient.Id)).CountryCode = "US";
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var home = await browser.GetAsync("/patient");

        Assert.Contains("Complete your intake", home.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/intake\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("988 Suicide &amp; Crisis Lifeline", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:988\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"sms:988\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Samaritans", home.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/safety-plan\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/progress\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientWhoBookedAFirstConversationSeesItOnTheHomeWithTheTherapistAndTimeInsteadOfTheStepToBookOne()
    {
        var therapist = await app.CreateListedTherapistAsync(["en"], ["depression"]);
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var booked = await browser.BookFirstFreeTimeAsync(therapist.Id);
        var home = await browser.GetAsync("/patient");

        var start = await app.QueryAsync(db => db.Appointments.Where(a => a.PatientId == patient.Id).Select(a => a.StartUtc).SingleAsync());
        var inBerlin = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var at = inBerlin.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, booked.Status);
        Assert.Contains($"Your first conversation with {therapist.Name}: {at}", home.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"{booked.Location}\"", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("book a first conversation", home.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Your next step", home.Words, StringComparison.Ordinal);
    }

    /// <summary>
    /// The queries the home may send with no offer waiting, no measure sent and no session in the next 48 hours: one row
    /// with everything it shows, and the clinic's crisis lines when they are not in memory yet.
    /// </summary>
    public const int HomeQueries = 2;

    [Fact]
    public async Task OpeningTheHomeWritesNothingAndCostsAFixedNumberOfQueries()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.BookAsync(patient, therapist);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var home = await SqlCommandCounter.GetAsync(browser.Http, "/patient");

        Assert.Equal(System.Net.HttpStatusCode.OK, home.Status);
        Assert.Empty(home.WritesOutsideAudit);
        Assert.InRange(home.PageCommands, 1, HomeQueries);
    }
}


public sealed class PatientHomeTestsOnSqlite(SqliteApp app) : PatientHomeTests(app);

public sealed class PatientHomeTestsOnPostgres(PostgresApp app) : PatientHomeTests(app);
