using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Accounts;

/// <summary>The patient's own phone (Accounts readme, rule 12): optional at registration, editable on their details page, kept in E.164.</summary>
public abstract class PatientPhoneTests(RapportApp app)
{
    private static Dictionary<string, string> Registration(string email, string? phone) => new()
    {
        ["Input.DisplayName"] = "Robin Lee",
        ["Input.Email"] = email,
        ["Input.Password"] = RapportApp.Password,
        ["Input.PhoneNumber"] = phone ?? "",
        ["Profile.TimeZoneId"] = "America/New_York",
        ["Profile.PreferredLanguage"] = "en",
        ["Profile.CountryCode"] = "US",
    };

    private static string NewEmail() => $"robin-{Guid.NewGuid():N}@example.com";

    private Task<string?> PhoneOfAsync(string email) =>
        app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PhoneNumber).SingleAsync());

    [Fact]
    public async Task APhoneGivenAtRegistrationWithoutItsCountryCodeIsKeptInInternationalFormForTheChosenCountry()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Registration(email, "(312) 555-0142"));

        Assert.Contains("Check your e-mail", page.Text, StringComparison.Ordinal);
        Assert.Equal("+13125550142", await PhoneOfAsync(email));
    }

    [Fact]
    public async Task APatientMayRegisterWithoutAPhone()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Registration(email, phone: null));

        Assert.Contains("Check your e-mail", page.Text, StringComparison.Ordinal);
        Assert.Null(await PhoneOfAsync(email));
    }

    [Fact]
    public async Task APhoneThatCannotBeDialledIsRefusedAtRegistrationWithHowToWriteItAndNoAccountIsMade()
    {
        using var browser = app.NewClient();
        var email = NewEmail();

        var page = await browser.PostFormAsync("/account/register", Registration(email, "555-01"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Write the number with its country code, e.g. +44 20 7946 0123.", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"555-01\"", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task APatientAddsTheirPhoneOnTheirDetailsPageAndIsSentBackToWhereTheyWere()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, withPhone: false);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);
        var before = await browser.GetAsync("/account/profile?returnUrl=/therapists");

        var saved = await browser.SubmitFormAsync("/account/profile?returnUrl=/therapists",
            new Dictionary<string, string> { ["PhoneNumber"] = "+49 170 7654321" });

        Assert.Contains("Add your phone number before your first appointment", before.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("/therapists", saved.Location);
        Assert.Equal("+491707654321", await PhoneOfAsync(patient.Email));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.PhoneNumberChanged && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task ThePatientsHomeAsksForAMissingPhoneAndOnceGivenShowsItWithAWayToChangeIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient, withPhone: false);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var without = await browser.GetAsync("/patient");
        await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = "+44 20 7946 0457" });
        var with = await browser.GetAsync("/patient");

        Assert.Contains("Add your phone number (needed before your first session)", without.Text, StringComparison.Ordinal);
        Assert.Contains("Your phone number: +44 20 7946 0457. Change it", with.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/profile\"", with.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatientChangesTheirPhoneAndSeesItSaved()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var saved = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = "+44 20 7946 0456" });
        var page = await browser.GetAsync(saved.Location!);

        Assert.Equal("/account/profile", saved.Location);
        Assert.Contains("and your phone number is +44 20 7946 0456.", page.Text, StringComparison.Ordinal);
        Assert.Equal("+442079460456", await PhoneOfAsync(patient.Email));
    }

    [Fact]
    public async Task APhoneThatCannotBeDialledIsRefusedOnTheDetailsPageAndTheOldOneIsKept()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.SubmitFormAsync("/account/profile", new Dictionary<string, string> { ["PhoneNumber"] = "my mobile" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Write the number with its country code, e.g. +44 20 7946 0123.", page.Text, StringComparison.Ordinal);
        Assert.Equal(RapportApp.PatientPhone, await PhoneOfAsync(patient.Email));
    }

    [Fact]
    public async Task AReturnAddressOnAnotherSiteIsNotFollowed()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var saved = await browser.SubmitFormAsync("/account/profile",
            new Dictionary<string, string> { ["PhoneNumber"] = "+44 20 7946 0456", ["ReturnUrl"] = "https://evil.example/" });

        Assert.Equal("/account/profile", saved.Location);
    }
}

public sealed class PatientPhoneTestsOnSqlite(SqliteApp app) : PatientPhoneTests(app);

public sealed class PatientPhoneTestsOnPostgres(PostgresApp app) : PatientPhoneTests(app);
