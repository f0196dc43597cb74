using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>
/// The patient's own details page (Accounts readme, rule 12): the name, time zone, language and country chosen at
/// registration are changed there, checked as at registration, audited by name of detail, and all or nothing.
/// </summary>
public abstract class PatientDetailsTests(RapportApp app)
{
    private Task<RapportUser> StoredAsync(Guid id) => app.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private Task<List<string?>> DetailAuditsAsync(Guid id) =>
        app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == id && e.Action == AuditAction.DetailsChanged).Select(e => e.Detail).ToListAsync());

    [Fact]
    public async Task APatientWhoseTimesAreInUtcIsAskedToChooseTheirZoneAndAfterChoosingItSeesTheirTimesInIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        await app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patient.Id)).TimeZoneId = "UTC"; // what a registration without JavaScript stores
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var before = await browser.GetAsync("/patient");

        var saved = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["Profile.TimeZoneId"] = "America/Chicago" });
        var confirmation = await browser.GetAsync(saved.Location!);
        var after = await browser.GetAsync("/patient");

        Assert.Contains("Times are shown in Coordinated Universal Time (UTC). Not your time? Choose your time zone", before.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/profile\"", before.Html, StringComparison.Ordinal);
        Assert.Equal("/account/profile", saved.Location);
        Assert.Contains($"Saved. Times are shown in your time zone, {ProfileChoices.TimeZoneLabel("America/Chicago")}", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains($"Times are shown in your time zone, {ProfileChoices.TimeZoneLabel("America/Chicago")}. Change it", after.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Not your time?", after.Text, StringComparison.Ordinal);
        Assert.Equal("America/Chicago", (await StoredAsync(patient.Id)).TimeZoneId);
        Assert.Equal(["time zone"], await DetailAuditsAsync(patient.Id));
    }

    [Fact]
    public async Task APatientWhoMovesChangesNameLanguageAndCountryAndSeesTheCrisisLinesOfTheNewCountry()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var form = await browser.GetAsync("/account/profile");

        await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "Sam Okafor",
            ["Profile.PreferredLanguage"] = "es",
            ["Profile.CountryCode"] = "US",
        });
        var home = await browser.GetAsync("/patient");
        var stored = await StoredAsync(patient.Id);

        Assert.Contains("selected=\"selected\">Germany<", form.Html, StringComparison.Ordinal);
        Assert.Contains("Hello, Sam Okafor", home.Text, StringComparison.Ordinal);
        Assert.Contains("988 Suicide &amp; Crisis Lifeline", home.Html, StringComparison.Ordinal);
        Assert.Equal(("Sam Okafor", "es", "US", "Europe/Berlin"), (stored.DisplayName, stored.PreferredLanguage, stored.CountryCode, stored.TimeZoneId));
        Assert.Equal(RapportApp.PatientPhone, stored.PhoneNumber);
        Assert.Equal(["name, language, country"], await DetailAuditsAsync(patient.Id));
    }

    [Fact]
    public async Task DetailsThatDoNotFitAreRefusedBesideTheirFieldsWithWhatWasTypedAndNothingIsSaved()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string>
        {
            ["DisplayName"] = "",
            ["Profile.TimeZoneId"] = "Mars/Olympus_Mons",
            ["Profile.CountryCode"] = "US",
        });
        var stored = await StoredAsync(patient.Id);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Enter the name you would like us to use.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Choose a time zone from the list.", page.Text, StringComparison.Ordinal);
        Assert.Contains("selected=\"selected\">United States<", page.Html, StringComparison.Ordinal);
        Assert.Equal(("Europe/Berlin", "DE"), (stored.TimeZoneId, stored.CountryCode));
        Assert.StartsWith("Test Patient", stored.DisplayName, StringComparison.Ordinal);
        Assert.Empty(await DetailAuditsAsync(patient.Id));
    }

    [Fact]
    public async Task APatientCannotEmptyTheirPhoneAndTheRestOfTheSameChangeIsNotSavedEither()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string>
        {
            ["PhoneNumber"] = "",
            ["Profile.TimeZoneId"] = "Asia/Tokyo",
        });
        var stored = await StoredAsync(patient.Id);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Keep a phone number here: if something goes wrong during a session, your therapist must be able to call you.", page.Text, StringComparison.Ordinal);
        Assert.Equal((RapportApp.PatientPhone, "Europe/Berlin"), (stored.PhoneNumber, stored.TimeZoneId));
        Assert.Empty(await DetailAuditsAsync(patient.Id));
    }

    [Fact]
    public async Task SavingTheDetailsUnchangedSavesAndRecordsNoChange()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var saved = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = "+44 20 7946 0123" });

        Assert.Equal("/account/profile", saved.Location);
        Assert.Empty(await DetailAuditsAsync(patient.Id));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == patient.Id && e.Action == AuditAction.PhoneNumberChanged)));
    }
}

public sealed class PatientDetailsTestsOnSqlite(SqliteApp app) : PatientDetailsTests(app);

public sealed class PatientDetailsTestsOnPostgres(PostgresApp app) : PatientDetailsTests(app);
