using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.TreatmentCourses;

namespace Rapport.IntegrationTests.Features.TreatmentCourses;

/// <summary>The patient's draft inventory completed with the therapist, and the formulation agreed.</summary>
public abstract class InventoryAndFormulationPagesTests(RapportApp app)
{
    private static Dictionary<string, string> Person(string name, string role, int ring, string? area = null) => new()
    {
        ["Person.Name"] = name,
        ["Person.Role"] = role,
        ["Person.ClosenessRing"] = ring.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Person.Contact"] = nameof(ContactFrequency.Daily),
        ["Person.ExpectationsMet"] = nameof(ExpectationsMet.NotMet),
        ["Person.UnsatisfyingAspects"] = "We argue about the evenings",
        ["Person.KnowsAboutDepression"] = "false",
        ["Person.RelatedProblemArea"] = area ?? "",
    };

    private static IEnumerable<KeyValuePair<string, string>> Formulation(string wording, params ProblemArea[] areas) =>
        areas.Select(a => new KeyValuePair<string, string>("Form.Areas", a.ToString()))
            .Append(new("Form.Primary", areas[0].ToString()))
            .Append(new("Form.Stage", areas.Contains(ProblemArea.RoleDispute) ? nameof(DisputeStage.Impasse) : ""))
            .Append(new("Form.TriggerEvent", "Lost my job in the spring"))
            .Append(new("Form.Goals", "Talk about the evenings without a row\nFind a new routine"))
            .Append(new("Form.Wording", wording));

    [Fact]
    public async Task ThePatientDraftsTheListTheTherapistCompletesItAndThenThePatientCanNoLongerChangeIt()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var patientBrowser = await app.BrowserForAsync(patient);
        using var therapistBrowser = await app.BrowserForAsync(therapist);

        var added = await patientBrowser.PostFormAsync("/my-plan/people", Person("Kai <b>", "Partner", 1), "/my-plan/people?handler=Save");
        var mine = await patientBrowser.GetAsync(added.Location!);

        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Contains("Kai <b> added to your list.", mine.Words, StringComparison.Ordinal);
        Assert.Contains("Kai &lt;b&gt;", mine.Html, StringComparison.Ordinal);
        Assert.Contains("Closeness circle: the important people around Me", mine.Html, StringComparison.Ordinal);

        var inventoryUrl = CoursePages.Course(patient, "inventory");
        var draft = await therapistBrowser.GetAsync(inventoryUrl);
        Assert.Contains("Draft prepared by the patient.", draft.Words, StringComparison.Ordinal);
        Assert.Contains("prepared by the patient", draft.Words, StringComparison.Ordinal);
        Assert.Contains("We argue about the evenings", draft.Words, StringComparison.Ordinal);

        var completed = await therapistBrowser.PostFormAsync(inventoryUrl, new Dictionary<string, string>(), CoursePages.Handler(inventoryUrl, "Complete"));
        Assert.Contains("The inventory is complete.", (await therapistBrowser.GetAsync(completed.Location!)).Words, StringComparison.Ordinal);

        var locked = await patientBrowser.GetAsync("/my-plan/people");
        Assert.Contains("Your list has been gone through with your therapist; ask them in your next session to change it.", locked.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Add to my list", locked.Words, StringComparison.Ordinal);

        var refused = await patientBrowser.PostFormAsync("/my-plan/people", Person("Noor", "Friend", 2), "/my-plan/people?handler=Save");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("ask them in your next session to change it", refused.Words, StringComparison.Ordinal);
        var people = await app.QueryAsync(async db => (await db.InterpersonalInventories.SingleAsync(i => i.PatientId == patient.Id)).People.Select(p => p.Name).ToList());
        Assert.Equal(["Kai <b>"], people);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.InventorySaved && e.UserId == patient.Id)));
    }

    [Fact]
    public async Task TheTherapistAddsChangesAndRemovesPeopleAndTheCircleShowsThemByArea()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "inventory");

        await browser.PostFormAsync(url, Person("Sam", "Partner", 1, nameof(ProblemArea.RoleDispute)), CoursePages.Handler(url, "Save"));
        await browser.PostFormAsync(url, Person("Ana", "Sister", 3), CoursePages.Handler(url, "Save"));
        var ana = await app.QueryAsync(async db => (await db.InterpersonalInventories.SingleAsync(i => i.PatientId == patient.Id)).People.Single(p => p.Name == "Ana").Id);
        var moved = Person("Ana", "Sister", 2, nameof(ProblemArea.Grief));
        moved["PersonId"] = ana.ToString();
        await browser.PostFormAsync(url, moved, CoursePages.Handler(url, "Save"));
        await browser.PostFormAsync(url, Person("Lee", "Boss", 3), CoursePages.Handler(url, "Save"));
        var lee = await app.QueryAsync(async db => (await db.InterpersonalInventories.SingleAsync(i => i.PatientId == patient.Id)).People.Single(p => p.Name == "Lee").Id);
        var removed = await browser.PostFormAsync(url, new Dictionary<string, string> { ["PersonId"] = lee.ToString() }, CoursePages.Handler(url, "Remove"));
        var page = await browser.GetAsync(removed.Location!);

        Assert.Contains("Lee removed.", page.Words, StringComparison.Ordinal);
        Assert.Contains("class=\"person area-dispute\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"person area-grief\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("1 Sam Partner 1 · closest Every day Role dispute", page.Words, StringComparison.Ordinal);
        Assert.Contains("2 Ana Sister 2 · close Every day Grief", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Boss", page.Words, StringComparison.Ordinal);
        // Change and Remove are targets of their own (site.css .row-actions: 44 px each, a gap between; WCAG 2.2, 2.5.8).
        Assert.Equal(2, Regex.Matches(page.Html, "<div class=\"row-actions\">\\s*<a href=\"[^\"]+\">Change").Count);
    }

    [Fact]
    public async Task AThirdProblemAreaIsRefusedAndNothingIsSaved()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var courseId = await app.CourseWithAgreedFormulationAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "formulation");

        var page = await browser.PostFormAsync(url, Formulation("Three things at once.", ProblemArea.RoleDispute, ProblemArea.Grief, ProblemArea.RoleTransition),
            CoursePages.Handler(url, "Save"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("IPT keeps to one problem area, two at most.", page.Words, StringComparison.Ordinal);
        var saved = await app.QueryAsync(db => db.Formulations.SingleAsync(f => f.CourseId == courseId));
        Assert.Equal(1, saved.Revision);
        Assert.True(saved.IsAgreed);
        Assert.Null(saved.SecondaryArea);
    }

    [Fact]
    public async Task DeficitsPairedWithAnotherAreaIsRefusedAndNothingIsSaved()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var browser = await app.BrowserForAsync(therapist);
        var url = CoursePages.Course(patient, "formulation");

        var page = await browser.PostFormAsync(url, Formulation("Lonely and a new job.", ProblemArea.InterpersonalDeficits, ProblemArea.RoleTransition),
            CoursePages.Handler(url, "Save"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Interpersonal deficits is chosen only when no other problem area fits, so it cannot be paired with another.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Lonely and a new job.", page.Html, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Formulations.AnyAsync(f => db.TreatmentCourses.Any(c => c.Id == f.CourseId && c.PatientId == patient.Id))));
    }

    [Fact]
    public async Task ThePatientReadsTheFormulationInPlainWordsAndConfirmsItInThePortal()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.CourseInInitialPhaseAsync(therapist, patient);
        using var therapistBrowser = await app.BrowserForAsync(therapist);
        using var patientBrowser = await app.BrowserForAsync(patient);
        var url = CoursePages.Course(patient, "formulation");
        var written = await therapistBrowser.PostFormAsync(url, Formulation("Your low mood began when the rows with Sam stopped being sorted out.", ProblemArea.RoleDispute),
            CoursePages.Handler(url, "Save"));
        var therapistPage = await therapistBrowser.GetAsync(written.Location!);
        Assert.Contains("Waiting for the patient's agreement to revision 1.", therapistPage.Words, StringComparison.Ordinal);
        Assert.Contains("At this stage: Impasse: talks have stopped", therapistPage.Words, StringComparison.Ordinal);

        var mine = await patientBrowser.GetAsync("/my-plan/formulation");
        Assert.Contains("A conflict with someone important", mine.Words, StringComparison.Ordinal);
        Assert.Contains("Your low mood began when the rows with Sam stopped being sorted out.", mine.Words, StringComparison.Ordinal);
        Assert.Contains("Find a new routine", mine.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Role dispute", mine.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Impasse", mine.Words, StringComparison.OrdinalIgnoreCase);

        var agreed = await patientBrowser.PostFormAsync("/my-plan/formulation", new Dictionary<string, string> { ["Agree"] = "true" });
        var after = await patientBrowser.GetAsync(agreed.Location!);

        Assert.Contains("Your agreement is recorded", after.Words, StringComparison.Ordinal);
        Assert.Contains("You agreed to this on", after.Words, StringComparison.Ordinal);
        Assert.Contains("via the portal (confirmed by the patient)", (await therapistBrowser.GetAsync(url)).Words, StringComparison.Ordinal);
        var formulation = await app.QueryAsync(db => db.Formulations.SingleAsync(f => db.TreatmentCourses.Any(c => c.Id == f.CourseId && c.PatientId == patient.Id)));
        Assert.Equal(AgreementChannel.Portal, formulation.AgreedVia);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.FormulationAgreed && e.UserId == patient.Id)));

        var revised = await therapistBrowser.PostFormAsync(url, Formulation("Reworded.", ProblemArea.RoleDispute), CoursePages.Handler(url, "Save"));
        var revisedPage = await therapistBrowser.GetAsync(revised.Location!);

        Assert.Contains("The change withdrew the patient's agreement: ask them to agree again.", revisedPage.Words, StringComparison.Ordinal);
        Assert.Contains("The patient had agreed revision 1; the change since withdrew that agreement.", revisedPage.Words, StringComparison.Ordinal);
        Assert.Contains("needs your agreement again", (await patientBrowser.GetAsync("/my-plan/formulation")).Words, StringComparison.Ordinal);
    }
}

public sealed class InventoryAndFormulationPagesTestsOnSqlite(SqliteApp app) : InventoryAndFormulationPagesTests(app);

public sealed class InventoryAndFormulationPagesTestsOnPostgres(PostgresApp app) : InventoryAndFormulationPagesTests(app);
