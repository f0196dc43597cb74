using System.Net;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>/therapist/patients/{patientId}/safety-plan: the therapist writes the plan with the patient, one version per save.</summary>
public abstract class TherapistSafetyPlanTests(RapportApp app)
{
    private static Dictionary<string, string> Plan(int basedOn, string warningSigns) => new()
    {
        ["BasedOnVersion"] = basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Steps.WarningSigns"] = warningSigns,
        ["Steps.PeopleToAskForHelp"] = "My sister, +49 30 1234567.",
        ["Steps.ReasonForLiving"] = "My daughter.",
    };

    [Fact]
    public async Task EachSaveIsANewVersionPrefilledFromTheLastAndAudited()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var url = $"/therapist/patients/{patient.Id}/safety-plan";

        var first = await browser.PostFormAsync(url, Plan(0, "Not sleeping; staying in bed all day."));
        Assert.Contains("Saved as version 1.", first.Words, StringComparison.Ordinal);
        var form = await browser.GetAsync(url);
        Assert.Contains("Not sleeping; staying in bed all day.</textarea>", form.Html, StringComparison.Ordinal);
        var second = await browser.PostFormAsync(url, Plan(1, "Not sleeping; cancelling plans with friends."));

        Assert.Contains("Saved as version 2.", second.Words, StringComparison.Ordinal);
        var versions = await app.QueryAsync(db => db.SafetyPlanVersions.AsNoTracking().Where(p => p.PatientId == patient.Id).OrderBy(p => p.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Not sleeping; cancelling plans with friends.", versions[1].WarningSigns);
        Assert.Equal("Not sleeping; staying in bed all day.", versions[0].WarningSigns);
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e =>
            e.Action == AuditAction.SafetyPlanSaved && e.UserId == therapist.Id && e.PatientId == patient.Id)));
        var patientPage = await browser.GetAsync($"/therapist/patients/{patient.Id}");
        Assert.Contains("Version 2, written", patientPage.Words, StringComparison.Ordinal);
        Assert.Contains("Most important to", patientPage.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingOverANewerVersionIsRefusedKindlyAndStoresNothing()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var url = $"/therapist/patients/{patient.Id}/safety-plan";
        await browser.PostFormAsync(url, Plan(0, "Version one."));
        await browser.PostFormAsync(url, Plan(1, "Version two, saved in another tab."));

        var page = await browser.PostFormAsync(url, Plan(1, "Written from version one."));

        Assert.Contains("Someone saved version 2 of this plan while you were writing.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Written from version one.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Equal(2, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
    }

    [Fact]
    public async Task SavingThePlanAsItIsMakesNoNewVersionAndNoSavedEntryInTheAuditLog()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var url = $"/therapist/patients/{patient.Id}/safety-plan";
        await browser.PostFormAsync(url, Plan(0, "Not sleeping;\nstaying in bed all day."));

        // The same words, with the line break a browser sends and a space at the end.
        var again = await browser.PostFormAsync(url, Plan(1, "Not sleeping;\r\nstaying in bed all day. "));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("Nothing had changed, so the plan is as it was: still version 1. No new version was made.", again.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Saved as version", again.Words, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.SafetyPlanVersions.CountAsync(p => p.PatientId == patient.Id)));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.SafetyPlanSaved && e.PatientId == patient.Id)));
        var changed = await browser.PostFormAsync(url, Plan(1, "Not sleeping; staying in bed all day; not eating."));
        Assert.Contains("Saved as version 2.", changed.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyPlanIsRefused()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync($"/therapist/patients/{patient.Id}/safety-plan", new Dictionary<string, string> { ["BasedOnVersion"] = "0" });

        Assert.Contains("Write at least one step of the plan.", page.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SafetyPlanVersions.AnyAsync(p => p.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ATherapistWhoDoesNotTreatThePatientCannotOpenOrWriteTheirPlan()
    {
        var (_, patient) = await app.PatientInCareAsync();
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/therapist/patients/{patient.Id}/safety-plan")).Status);
        Assert.False(await app.QueryAsync(db => db.SafetyPlanVersions.AnyAsync(p => p.PatientId == patient.Id)));
    }
}

public sealed class TherapistSafetyPlanTestsOnSqlite(SqliteApp app) : TherapistSafetyPlanTests(app);

public sealed class TherapistSafetyPlanTestsOnPostgres(PostgresApp app) : TherapistSafetyPlanTests(app);
