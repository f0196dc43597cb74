using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Assessments;

/// <summary>The patient's intake and consents, through the pages: saved whole or not at all.</summary>
public abstract class IntakePagesTests(RapportApp app)
{
    private static Dictionary<string, string> CompleteIntake(int lastYear) => new()
    {
        ["Form.WhatBringsYou"] = "Since my mother died I cannot get going in the mornings.",
        ["Form.OnsetMonth"] = "3",
        ["Form.OnsetYear"] = lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.Events[0].Kind"] = nameof(LifeEventKind.Death),
        ["Form.Events[0].Month"] = "2",
        ["Form.Events[0].Year"] = lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.Events[0].Description"] = "My mother",
        ["Form.Events[1].Kind"] = "",
        ["Form.Events[1].Month"] = "",
        ["Form.Events[1].Year"] = "",
        ["Form.Events[1].Description"] = "",
        ["Form.Events[2].Kind"] = nameof(LifeEventKind.Move),
        ["Form.Events[2].Month"] = "9",
        ["Form.Events[2].Year"] = lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.Events[2].Description"] = "",
        ["Form.PreviousTreatment"] = "Six sessions of counselling in 2019.",
        ["Form.Medication"] = "",
        ["Form.PhoneNumber"] = "+49 170 7654321",
        ["Form.EmergencyContactName"] = "Sam Lee",
        ["Form.EmergencyContactRelationship"] = "brother",
        ["Form.EmergencyContactPhone"] = "+49 170 1234567",
        ["Form.CountryCode"] = "DE",
        ["Form.UsualLocation"] = "Leipzig",
        ["Form.ConsentToTreatment"] = "true",
        ["Form.ConsentToDataProcessing"] = "true",
    };

    private int LastYear => app.Clock.GetUtcNow().Year - 1;

    private async Task<(TestAccount Patient, Visitor Browser)> SignedInPatientAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    [Fact]
    public async Task TheIntakeFormStartsWithTheCountryOfTheProfile()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.GetAsync("/intake");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<option value=\"DE\" selected=\"selected\">", page.Html, StringComparison.Ordinal);
        Assert.Contains(ConsentTexts.For(ConsentKind.Telehealth).Body, page.Text, StringComparison.Ordinal);
        Assert.Contains("A separation or break-up", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASavedIntakeKeepsEverythingAndLeadsToThePhq9()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var form = CompleteIntake(LastYear);
        form["Form.CountryCode"] = "IE";

        var saved = await browser.PostFormAsync("/intake", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(InstrumentCatalog.MeasurePath(InstrumentCatalog.Phq9), saved.Location);
        var intake = await app.QueryAsync(db => db.Intakes.AsNoTracking().SingleAsync(i => i.PatientId == patient.Id));
        Assert.Equal("Since my mother died I cannot get going in the mornings.", intake.WhatBringsYou);
        Assert.Equal(new DateOnly(LastYear, 3, 1), intake.LowMoodSince);
        Assert.Equal("+491701234567", intake.EmergencyContactPhone);
        Assert.Equal("Leipzig", intake.UsualLocation);
        Assert.Equal("IE", intake.CountryCode);
        Assert.Equal("IE", await app.QueryAsync(db => db.Users.Where(u => u.Id == patient.Id).Select(u => u.CountryCode).SingleAsync()));
        var events = await app.QueryAsync(db => db.LifeEvents.AsNoTracking().Where(e => e.PatientId == patient.Id).OrderBy(e => e.Month).ToListAsync());
        Assert.Equal([LifeEventKind.Death, LifeEventKind.Move], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(patient.Id, e.RecordedById));
        Assert.Equal("My mother", events[0].Description);
        var consents = await app.QueryAsync(db => db.Consents.AsNoTracking().Where(c => c.PatientId == patient.Id).Select(c => c.Kind).ToListAsync());
        Assert.Equal([ConsentKind.Treatment, ConsentKind.DataProcessing], consents.Order());
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.IntakeSaved && e.PatientId == patient.Id)));
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.ConsentGiven && e.PatientId == patient.Id)));

        var measure = await browser.GetAsync(saved.Location!);
        Assert.Contains("your answers about you are saved", measure.Text, StringComparison.Ordinal);
        var again = await browser.GetAsync("/intake");
        Assert.Contains("Since my mother died I cannot get going in the mornings.", again.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"Sam Lee\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Death\" selected=\"selected\">", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIntakeWithoutAnEmergencyPhoneSavesNothingAndKeepsWhatWasTyped()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form["Form.EmergencyContactPhone"] = "";

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Give the name and phone number of someone we may call in an emergency.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Since my mother died I cannot get going in the mornings.", page.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"Leipzig\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Move\" selected=\"selected\">", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
        Assert.False(await app.QueryAsync(db => db.LifeEvents.AnyAsync(e => e.PatientId == patient.Id)));
        Assert.False(await app.QueryAsync(db => db.Consents.AnyAsync(c => c.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnOverLongAnswerIsRefusedByNameAndComesBackWholeWithNothingSaved()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var pasted = string.Concat(Enumerable.Repeat("Since my mother died I cannot get going ", 250))[..9_999] + ".";
        var form = CompleteIntake(LastYear);
        form["Form.WhatBringsYou"] = pasted;

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Contains("\u201cWhat brings you to therapy now?\u201d has 10,000 characters. Each answer can be at most 2,000 characters. Nothing was saved: shorten it and save again.",
            page.Words, StringComparison.Ordinal);
        Assert.Contains($">{pasted}</textarea>", page.Form, StringComparison.Ordinal);
        Assert.Contains("10,000 of 2,000 characters: 8,000 too many", page.Words, StringComparison.Ordinal);
        Assert.Contains("value=\"Leipzig\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("maxlength=\"2000\"", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
        Assert.False(await app.QueryAsync(db => db.LifeEvents.AnyAsync(e => e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task TheIntakeStartsWithThePhoneOfTheAccountAndKeepsANumberWrittenWithoutItsCountryCodeInInternationalForm()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var page = await browser.GetAsync("/intake");
        var form = CompleteIntake(LastYear);
        form["Form.PhoneNumber"] = "0170 7654321";

        var saved = await browser.PostFormAsync("/intake", form);

        Assert.Contains("value=\"+44 20 7946 0123\"", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("+491707654321", await app.QueryAsync(db => db.Users.Where(u => u.Id == patient.Id).Select(u => u.PhoneNumber).SingleAsync()));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.PhoneNumberChanged && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task AnIntakeWithoutThePatientsOwnPhoneSavesNothingAndAsksForItWithItsCountryCode()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form["Form.PhoneNumber"] = "";

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Give your own phone number. Write the number with its country code, e.g. +44 20 7946 0123.", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
        Assert.Equal(RapportApp.PatientPhone, await app.QueryAsync(db => db.Users.Where(u => u.Id == patient.Id).Select(u => u.PhoneNumber).SingleAsync()));
    }

    [Fact]
    public async Task AnEmergencyPhoneThatCannotBeDialledSavesNothingAndSaysHowToWriteIt()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form["Form.EmergencyContactPhone"] = "+49 12";

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Your emergency contact's phone: write the number with its country code, e.g. +44 20 7946 0123.", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnIntakeWithoutConsentToTreatmentSavesNothingAndSaysWhy()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form.Remove("Form.ConsentToTreatment");

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Tick “Consent to treatment” to start", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnIntakeMissingSeveralAnswersShowsEveryProblemAtOnceEachBesideItsAnswer()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form["Form.WhatBringsYou"] = " ";
        form["Form.EmergencyContactName"] = "";
        form["Form.UsualLocation"] = "";

        var page = await browser.PostFormAsync("/intake", form);
        var words = page.Words;

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(ErrorSummary.SeeTheFields, words, StringComparison.Ordinal);
        Assert.Matches("What brings you to therapy now\\?.*Tell us in a few words what brings you\\..*When did the low mood begin", words);
        Assert.Matches("Name .*Give the name and phone number of someone we may call in an emergency\\..*They are your", words);
        Assert.Matches("Town or area where you usually are.*Tell us the town or area where you usually are\\..*Your consent", words);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ALifeEventWithoutAWhenSavesNothingAndNamesTheRow()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var form = CompleteIntake(LastYear);
        form["Form.Events[2].Year"] = "";

        var page = await browser.PostFormAsync("/intake", form);

        Assert.Contains("Change 3: choose what happened, and roughly when (month and year).", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Intakes.AnyAsync(i => i.PatientId == patient.Id)));
        Assert.False(await app.QueryAsync(db => db.LifeEvents.AnyAsync(e => e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task APatientWithdrawsAConsentAndGivesItAgain()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await browser.PostFormAsync("/intake", CompleteIntake(LastYear));
        var before = await browser.GetAsync("/account/consents");
        Assert.Contains("Given on", before.Words, StringComparison.Ordinal);
        Assert.Contains("Not given yet.", before.Text, StringComparison.Ordinal);

        var withdrawn = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["kind"] = nameof(ConsentKind.DataProcessing) },
            "/account/consents?handler=Withdraw");

        Assert.Equal("/account/consents", withdrawn.Location);
        var consent = await app.QueryAsync(db => db.Consents.AsNoTracking().SingleAsync(c => c.PatientId == patient.Id && c.Kind == ConsentKind.DataProcessing));
        Assert.NotNull(consent.WithdrawnAt);
        var page = await browser.GetAsync(withdrawn.Location!);
        Assert.Contains("Your consent is withdrawn.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Withdrawn on", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.ConsentWithdrawn && e.PatientId == patient.Id
            && e.Subject == consent.Id.ToString())));

        var given = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["kind"] = nameof(ConsentKind.DataProcessing) },
            "/account/consents?handler=Give");

        Assert.Equal("/account/consents", given.Location);
        var records = await app.QueryAsync(db => db.Consents.AsNoTracking().Where(c => c.PatientId == patient.Id && c.Kind == ConsentKind.DataProcessing).ToListAsync());
        Assert.Equal(2, records.Count);
        Assert.Single(records, c => c.WithdrawnAt is null);
        Assert.Equal(3, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.ConsentGiven && e.PatientId == patient.Id)));
    }
}

public sealed class IntakePagesTestsOnSqlite(SqliteApp app) : IntakePagesTests(app);

public sealed class IntakePagesTestsOnPostgres(PostgresApp app) : IntakePagesTests(app);
