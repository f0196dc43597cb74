using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>The patient's safety plan: one step away from every page, printable, versioned when they change it.</summary>
public abstract class SafetyPlanPagesTests(RapportApp app)
{
    private async Task<(TestAccount Patient, Visitor Browser)> SignedInPatientAsync()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var browser = app.NewClient();
        await browser.SignInAsync(patient);
        return (patient, browser);
    }

    private async Task<SafetyPlanVersion> WriteFirstVersionAsync(Guid patientId, Guid authorId) =>
        await app.QueryAsync(async db =>
        {
            var plan = SafetyPlanVersion.Write(patientId, null,
                new("Not answering my phone", "Music, a hot shower", "The library", "My sister Ana", "My therapist; Samaritans", "Keep the tablets at Ana's", null),
                authorId, app.Clock.GetUtcNow());
            db.SafetyPlanVersions.Add(plan);
            await db.SaveChangesAsync();
            return plan;
        });

    private static Dictionary<string, string> Edited(int basedOn, string coping) => new()
    {
        ["Form.BasedOnVersion"] = basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Form.ReasonForLiving"] = "Seeing my niece grow up",
        ["Form.WarningSigns"] = "Not answering my phone",
        ["Form.CopingStrategies"] = coping,
        ["Form.DistractionPeopleAndPlaces"] = "The library",
        ["Form.PeopleToAskForHelp"] = "My sister Ana",
        ["Form.ProfessionalsAndCrisisLines"] = "My therapist; Samaritans",
        ["Form.MakingTheEnvironmentSafe"] = "Keep the tablets at Ana's",
    };

    [Fact]
    public async Task EveryPatientPageLinksToTheSafetyPlanInOneStep()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        foreach (var address in new[] { "/patient", "/appointments", "/measures", "/intake" })
        {
            var page = await browser.GetAsync(address);
            Assert.Contains("<a class=\"nav-safety-plan\" href=\"/safety-plan\">My safety plan</a>", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutAPlanOrATherapistThePageSaysTheyMayStartItThemselfAndShowsTheCrisisLines()
    {
        var (_, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.GetAsync("/safety-plan");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("You do not have a safety plan yet.", page.Text, StringComparison.Ordinal);
        Assert.Contains("You do not have a therapist with us yet; when you do, you will write it together in a session.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("your therapist will write it with you", page.Words, StringComparison.Ordinal);
        Assert.Contains("TelefonSeelsorge", page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:08001110111\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:112\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPlanAPatientInCareIsToldTheirTherapistWillWriteItWithThem()
    {
        var (_, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(patient);

        var page = await browser.GetAsync("/safety-plan");

        Assert.Contains("your therapist will write it with you in one of your sessions", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("You do not have a therapist", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlanShowsItsSixStepsVersionAndTheWayToPrintIt()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await WriteFirstVersionAsync(patient.Id, patient.Id);

        var page = await browser.GetAsync("/safety-plan");

        Assert.Contains("Version 1, written", page.Words, StringComparison.Ordinal);
        foreach (var heading in SafetyPlanVersion.StepHeadings)
        {
            Assert.Contains(heading, page.Text, StringComparison.Ordinal);
        }
        Assert.Contains("Keep the tablets at Ana's", page.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/safety-plan/print\">a one-page version to print</a>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/patients/{patient.Id}/rapport-plan.pdf\">a PDF to keep on your phone</a>", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanRead && e.PatientId == patient.Id
            && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task APatientChangesTheirPlanAndThePageShowsVersion2()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await WriteFirstVersionAsync(patient.Id, patient.Id);
        var form = await browser.GetAsync("/safety-plan/edit");
        Assert.Contains("Music, a hot shower", form.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.BasedOnVersion\" value=\"1\"", form.Html, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync("/safety-plan/edit", Edited(basedOn: 1, coping: "Music, a hot shower, ringing the allotment group"));

        Assert.Equal("/safety-plan", saved.Location);
        var page = await browser.GetAsync(saved.Location!);
        Assert.Contains("Your plan is saved.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Version 2, written", page.Words, StringComparison.Ordinal);
        Assert.Contains("ringing the allotment group", page.Text, StringComparison.Ordinal);
        Assert.Contains("Seeing my niece grow up", page.Text, StringComparison.Ordinal);
        Assert.Equal([1, 2], await app.QueryAsync(db => db.SafetyPlanVersions.Where(p => p.PatientId == patient.Id).OrderBy(p => p.Version)
            .Select(p => p.Version).ToListAsync()));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanSaved && e.PatientId == patient.Id
            && e.Detail == "version 2")));
    }

    [Fact]
    public async Task AStepLongerThanTheLimitIsRefusedWholeNothingIsSavedAndEverythingTypedStaysInTheForm()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await WriteFirstVersionAsync(patient.Id, patient.Id);
        var pasted = string.Concat(Enumerable.Repeat("Walk to the river and back. ", 90)).Trim();

        var refused = await browser.PostFormAsync("/safety-plan/edit", Edited(basedOn: 1, coping: pasted));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var expected = TextLimit.TooLongMessage([(SafetyPlanVersion.StepHeadings[1], pasted.Length)], SafetyPlanVersion.MaxStepLength, "step");
        Assert.Contains(expected, refused.Words, StringComparison.Ordinal);
        Assert.Contains($">{pasted}</textarea>", refused.Form, StringComparison.Ordinal);
        Assert.Contains(TextLimit.Count(pasted, SafetyPlanVersion.MaxStepLength), refused.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("maxlength", refused.Html, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AChangeBasedOnAnOlderVersionSavesNothingAndShowsTheLatestBesideWhatWasWritten()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        var therapist = await app.CreateAccountAsync(Roles.Therapist);
        await WriteFirstVersionAsync(patient.Id, therapist.Id);

        var page = await browser.PostFormAsync("/safety-plan/edit", Edited(basedOn: 0, coping: "Knitting"));

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("The plan changed while you were editing; here is the latest", page.Text, StringComparison.Ordinal);
        Assert.Contains("Music, a hot shower", page.Text, StringComparison.Ordinal);
        Assert.Contains(">Knitting</textarea>", page.Form, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.BasedOnVersion\" value=\"1\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
    }

    [Fact]
    public async Task TwoSavesAtOnceOnTheSameVersionStoreOneNewVersion()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await WriteFirstVersionAsync(patient.Id, patient.Id);
        using var second = app.NewClient();
        await second.SignInAsync(patient);

        var pages = await Task.WhenAll(
            browser.PostFormAsync("/safety-plan/edit", Edited(basedOn: 1, coping: "From the phone")),
            second.PostFormAsync("/safety-plan/edit", Edited(basedOn: 1, coping: "From the laptop")));

        Assert.Equal(2, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
        Assert.Contains(pages, p => p.Status == HttpStatusCode.Redirect);
        Assert.Contains(pages, p => p.Status == HttpStatusCode.Conflict && p.Text.Contains("The plan changed while you were editing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavingThePlanWithoutChangingAWordStoresNothingAndSaysNothingHadChanged()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;
        await WriteFirstVersionAsync(patient.Id, patient.Id);

        // The form as it was opened, sent again (one step with a space after it, which a save trims anyway).
        var saved = await browser.SubmitFormAsync("/safety-plan/edit", new Dictionary<string, string> { ["Form.WarningSigns"] = "Not answering my phone " });

        Assert.Equal("/safety-plan", saved.Location);
        var page = await browser.GetAsync(saved.Location!);
        Assert.Contains("Nothing had changed, so your plan is as it was.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Your plan is saved.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Version 1, written", page.Words, StringComparison.Ordinal);
        Assert.Equal([1], await app.QueryAsync(db => db.SafetyPlanVersions.Where(p => p.PatientId == patient.Id).Select(p => p.Version).ToListAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyPlanSaved && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnEmptyPlanIsRefusedAndNothingIsSaved()
    {
        var (patient, browser) = await SignedInPatientAsync();
        using var _b = browser;

        var page = await browser.PostFormAsync("/safety-plan/edit", new Dictionary<string, string> { ["Form.BasedOnVersion"] = "0" });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Write at least one step of the plan.", page.Text, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SafetyPlanVersions.AnyAsync(p => p.PatientId == patient.Id)));
    }
}

public sealed class SafetyPlanPagesTestsOnSqlite(SqliteApp app) : SafetyPlanPagesTests(app);

public sealed class SafetyPlanPagesTestsOnPostgres(PostgresApp app) : SafetyPlanPagesTests(app);
