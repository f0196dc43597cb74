using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>/therapist/alerts and /admin/alerts: seeing safety alerts and acknowledging them with a note of the action taken.</summary>
public abstract class AlertPagesTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, SafetyAlert Alert)> AlertForTherapistAsync(int item9 = 1)
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var outcome = await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14, item9));
        return (therapist, patient, outcome.Alert!);
    }

    private static Task<SafetyAlert> AlertAsync(RapportApp app, Guid id) =>
        app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.Id == id));

    [Fact]
    public async Task TheTherapistSeesTheOpenAlertWithItsLevelTriggerAndResponseTime()
    {
        var (therapist, patient, _) = await AlertForTherapistAsync(item9: 2);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/alerts");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Open (1)", page.Words, StringComparison.Ordinal);
        Assert.Contains(await app.DisplayNameAsync(patient), page.Words, StringComparison.Ordinal);
        Assert.Contains("High: respond within 1 hour", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 item 9 answered 2 (\u201cMore than half the days\u201d)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Goes to the clinic's admins at", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgingWithoutANoteShowsTheRuleAndSavesNothing()
    {
        var (therapist, _, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string> { ["Note"] = "  " },
            $"/therapist/alerts?handler=Acknowledge&id={alert.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Write what you did (for example: called the patient, safety plan reviewed).", page.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.Id);
        Assert.True(stored.IsOpen);
        Assert.Null(stored.ActionTaken);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyAlertAcknowledged && e.Subject == alert.Id.ToString())));
    }

    [Fact]
    public async Task AcknowledgingWithANoteRecordsItTheClinicianAndAnAuditRow()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string> { ["Note"] = "Called the patient; no plan or intent; safety plan reviewed." },
            $"/therapist/alerts?handler=Acknowledge&id={alert.Id}");

        Assert.Contains("Acknowledged. Your note is kept with the alert.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Open (0)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Called the patient; no plan or intent; safety plan reviewed.", page.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.Id);
        Assert.False(stored.IsOpen);
        Assert.Equal(therapist.Id, stored.AcknowledgedById);
        Assert.Equal("Called the patient; no plan or intent; safety plan reviewed.", stored.ActionTaken);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyAlertAcknowledged && e.UserId == therapist.Id && e.PatientId == patient.Id && e.Subject == alert.Id.ToString())));
    }

    [Fact]
    public async Task AnAlertAcknowledgedAlreadyIsNotAcknowledgedAgain()
    {
        var (therapist, _, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var action = $"/therapist/alerts?handler=Acknowledge&id={alert.Id}";
        await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string> { ["Note"] = "Called the patient this morning." }, action);

        var page = await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string> { ["Note"] = "A second note that must not replace the first." }, action);

        Assert.Contains("This alert was already acknowledged.", page.Words, StringComparison.Ordinal);
        Assert.Equal("Called the patient this morning.", (await AlertAsync(app, alert.Id)).ActionTaken);
    }

    [Fact]
    public async Task ATherapistCannotAcknowledgeAnotherTherapistsAlert()
    {
        var (_, _, alert) = await AlertForTherapistAsync();
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        var page = await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string> { ["Note"] = "Trying to close someone else's alert." },
            $"/therapist/alerts?handler=Acknowledge&id={alert.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.True((await AlertAsync(app, alert.Id)).IsOpen);
    }

    [Fact]
    public async Task TheTherapistsHomeCountsTheirOpenAlertsAndLinksToThem()
    {
        var (therapist, _, _) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var home = await browser.GetAsync("/therapist");

        Assert.Contains("Alerts (1)", home.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/alerts\"", home.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/patients\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePatientPageListsTheOpenAlertFirstWithALinkToAcknowledgeIt()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Contains("Open safety alerts (1)", page.Words, StringComparison.Ordinal);
        Assert.Contains($"/therapist/alerts#alert-{alert.Id:N}", page.Html, StringComparison.Ordinal);
        Assert.True(page.Html.IndexOf("Open safety alerts", StringComparison.Ordinal) < page.Html.IndexOf("id=\"intake\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdminSeesTheAlertOfAPatientWithNoTherapistAndAcknowledgesIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var alert = (await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18, item9: 2))).Alert!;
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.GetAsync("/admin/alerts");

        Assert.Contains(await app.DisplayNameAsync(patient), page.Words, StringComparison.Ordinal);
        Assert.Contains("No therapist assigned yet: the clinic's admins were alerted at once.", page.Words, StringComparison.Ordinal);
        var done = await browser.PostFormAsync("/admin/alerts", new Dictionary<string, string> { ["Note"] = "Phoned the patient; referred to the duty psychiatrist." },
            $"/admin/alerts?handler=Acknowledge&id={alert.Id}");
        Assert.Contains("Acknowledged.", done.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.Id);
        Assert.Equal(admin.Id, stored.AcknowledgedById);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyAlertAcknowledged && e.UserId == admin.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task ATherapistIsRefusedTheAdminsAlertPage()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var (page, _) = await browser.GetFollowingAsync("/admin/alerts");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }
}

public sealed class AlertPagesTestsOnSqlite(SqliteApp app) : AlertPagesTests(app);

public sealed class AlertPagesTestsOnPostgres(PostgresApp app) : AlertPagesTests(app);

/// <summary>An alert its therapist leaves too long reaches the admins; the clock moves, so the app is this class's own.</summary>
public abstract class EscalatedAlertTests(RapportApp app)
{
    [Fact]
    public async Task AnAlertEscalatedAfterAnHourShowsOnTheAdminsPageAndTheAdminMayAcknowledgeIt()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var alert = (await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(20, item9: 2))).Alert!;
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().EscalateDueAsync(CancellationToken.None);
        }
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var page = await browser.GetAsync("/admin/alerts");

        Assert.Contains(await app.DisplayNameAsync(patient), page.Words, StringComparison.Ordinal);
        Assert.Contains("Escalated to the clinic's admins at", page.Words, StringComparison.Ordinal);
        Assert.Contains(await app.DisplayNameAsync(therapist), page.Words, StringComparison.Ordinal);
        var done = await browser.PostFormAsync("/admin/alerts", new Dictionary<string, string> { ["Note"] = "Reached the patient by phone; therapist informed." },
            $"/admin/alerts?handler=Acknowledge&id={alert.Id}");
        Assert.Contains("Acknowledged.", done.Words, StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.SafetyAlerts.AnyAsync(a => a.Id == alert.Id && a.AcknowledgedAt == null)));
    }
}

public sealed class EscalatedAlertTestsOnSqlite(IsolatedSqliteApp app) : EscalatedAlertTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class EscalatedAlertTestsOnPostgres(IsolatedPostgresApp app) : EscalatedAlertTests(app), IClassFixture<IsolatedPostgresApp>;
