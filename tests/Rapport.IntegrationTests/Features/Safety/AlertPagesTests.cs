using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.LiveSessions;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>The alert lists and one alert's page: reaching the patient, taking the alert on, and closing it with a risk review.</summary>
public abstract class AlertPagesTests(RapportApp app)
{
    private async Task<(TestAccount Therapist, TestAccount Patient, RaisedAlarm Alert)> AlertForTherapistAsync(int item9 = 1)
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var outcome = await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(14, item9));
        return (therapist, patient, outcome.Alert!);
    }

    private static Task<SafetyAlert> AlertAsync(RapportApp app, Guid id) =>
        app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>
    /// Presses one of the alert page's buttons as a browser does: the action answers with a redirect to the alert's own
    /// address (so a reload does not post it again), and the page there shows what happened.
    /// </summary>
    internal static async Task<Visitor.Page> ActOnAlertAsync(Visitor browser, Guid alertId, string handler, IDictionary<string, string>? fields = null)
    {
        var alertPage = $"/alerts/{alertId}";
        var posted = await browser.PostFormAsync(alertPage, fields ?? new Dictionary<string, string>(), $"{alertPage}?handler={handler}");
        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal(alertPage, posted.Location);
        return await browser.GetAsync(alertPage);
    }

    internal static Dictionary<string, string> CompleteReview(RapportApp app) => new()
    {
        ["Form.Thoughts"] = nameof(ThoughtsFrequency.SomeDays),
        ["Form.Plan"] = nameof(PlanState.NoPlan),
        ["Form.Intent"] = nameof(IntentState.NoIntent),
        ["Form.Means"] = nameof(MeansAccess.ReducedTogether),
        ["Form.PastAttempts"] = nameof(PastAttempts.None),
        ["Form.Protective"] = "Her two children; her sister visits on Sundays.",
        ["Form.Formulation"] = "Thoughts rose after the argument with her partner; repairing it and seeing her sister reduce them.",
        ["Form.Actions"] = nameof(RiskAction.CalledThePatient),
        ["Form.FollowUpAt"] = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"))
            .ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task TheTherapistSeesTheOpenAlertWithItsLevelTriggerAndConfiguredResponseTime()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync(item9: 2);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/alerts");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Open (1)", page.Words, StringComparison.Ordinal);
        Assert.Contains(await app.DisplayNameAsync(patient), page.Words, StringComparison.Ordinal);
        Assert.Contains("High: respond within 1 hour", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 item 9 answered 2 (\u201cMore than half the days\u201d)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Goes to the clinical lead on duty and the supervisor at", page.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/alerts/{alert.AlertId}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAlertPageShowsHowToReachThePatientTheirCrisisLinesAndWhoWasTold()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync(item9: 3);
        await app.CompleteIntakeAsync(patient, "Since my father died I cannot sleep.");
        await app.QueryAsync(db => db.Users.Where(u => u.Id == patient.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "+49 30 901820")));
        await app.QueryAsync(async db =>
        {
            var appointment = await db.Appointments.FirstAsync(a => a.PatientId == patient.Id);
            var session = LiveSession.Open(appointment, appointment.StartUtc);
            session.ConfirmLocation(Side.Therapist, "At her mother's flat, Kassel", appointment.StartUtc.AddMinutes(1));
            db.LiveSessions.Add(session);
            return await db.SaveChangesAsync();
        });
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/alerts/{alert.AlertId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("href=\"tel:&#x2B;4930901820\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Kim Example (Sister)", page.Words, StringComparison.Ordinal);
        Assert.Contains("Germany", page.Words, StringComparison.Ordinal);
        Assert.Contains("Berlin, Neukölln", page.Words, StringComparison.Ordinal);
        Assert.Contains("At her mother's flat, Kassel (confirmed", page.Words, StringComparison.Ordinal);
        Assert.Contains("112", page.Words, StringComparison.Ordinal);
        Assert.Contains("PHQ-9 item 9 answered 3", page.Words, StringComparison.Ordinal);
        Assert.Contains($"{await app.DisplayNameAsync(therapist)}, clinician on call", page.Words, StringComparison.Ordinal);
        Assert.Contains("Take this on", page.Words, StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyAlertRead && e.UserId == therapist.Id
            && e.PatientId == patient.Id && e.Subject == alert.AlertId.ToString() && e.Outcome == AuditOutcome.Success)));
    }

    [Fact]
    public async Task TakingTheAlertOnStopsTheLadderButLeavesItOpenForItsReview()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await ActOnAlertAsync(browser, alert.AlertId, "Acknowledge");

        Assert.Contains("You have taken this alert on.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Close with a risk review", page.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.AlertId);
        Assert.True(stored.IsOpen);
        Assert.Equal(therapist.Id, stored.AcknowledgedById);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyAlertAcknowledged && e.UserId == therapist.Id && e.PatientId == patient.Id && e.Subject == alert.AlertId.ToString())));
    }

    [Fact]
    public async Task AnIncompleteReviewIsRefusedBesideEachMissingFieldKeepingWhatWasTyped()
    {
        var (therapist, _, alert) = await AlertForTherapistAsync(item9: 2);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        var fields = CompleteReview(app);
        fields.Remove("Form.Intent");
        fields["Form.Formulation"] = "Low mood.";

        var page = await browser.PostFormAsync($"/alerts/{alert.AlertId}", fields, $"/alerts/{alert.AlertId}?handler=Close");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Say whether there is intent to act.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Write your formulation in at least 20 characters", page.Words, StringComparison.Ordinal);
        Assert.Contains("Her two children; her sister visits on Sundays.", page.Words, StringComparison.Ordinal);
        Assert.Contains("value=\"NoPlan\" checked", page.Html, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.AlertId);
        Assert.True(stored.IsOpen);
        Assert.Null(stored.AcknowledgedAt);
        Assert.False(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SafetyAlertClosed && e.Subject == alert.AlertId.ToString())));
    }

    [Fact]
    public async Task ACompleteReviewClosesTheAlertAndIsKeptEncryptedWithIt()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync(item9: 2);
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await ActOnAlertAsync(browser, alert.AlertId, "Close", CompleteReview(app));

        Assert.Contains("Closed. Your risk review is kept with the alert.", page.Words, StringComparison.Ordinal);
        Assert.Contains("Thoughts rose after the argument with her partner", page.Words, StringComparison.Ordinal);
        Assert.Contains("Called the patient", page.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.AlertId);
        Assert.False(stored.IsOpen);
        Assert.Equal(therapist.Id, stored.ClosedById);
        Assert.Equal(IntentState.NoIntent, stored.Review!.Intent);
        Assert.DoesNotContain("partner", await app.RawTextAsync("SafetyAlerts", "ReviewJson", "Id", alert.AlertId), StringComparison.Ordinal);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.SafetyAlertClosed && e.UserId == therapist.Id && e.PatientId == patient.Id)));
        var list = await browser.GetAsync("/therapist/alerts");
        Assert.Contains("Open (0)", list.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedAlertIsNotClosedAgain()
    {
        var (therapist, _, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);
        await browser.PostFormAsync($"/alerts/{alert.AlertId}", CompleteReview(app), $"/alerts/{alert.AlertId}?handler=Close");
        var second = CompleteReview(app);
        second["Form.Formulation"] = "A second review that must not replace the first one.";

        var page = await browser.PostFormAsync($"/alerts/{alert.AlertId}", second, $"/alerts/{alert.AlertId}?handler=Close");

        Assert.Contains("This alert is already closed.", page.Words, StringComparison.Ordinal);
        Assert.StartsWith("Thoughts rose", (await AlertAsync(app, alert.AlertId)).Review!.Formulation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistOutsideThePatientsCareNeitherSeesNorTakesOnTheAlert()
    {
        var (_, _, alert) = await AlertForTherapistAsync();
        var stranger = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(stranger);

        var page = await browser.GetAsync($"/alerts/{alert.AlertId}");
        var taken = await browser.PostFormAsync("/therapist/alerts", new Dictionary<string, string>(), $"/alerts/{alert.AlertId}?handler=Acknowledge");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, taken.Status);
        Assert.Null((await AlertAsync(app, alert.AlertId)).AcknowledgedAt);
    }

    [Fact]
    public async Task TheTherapistsHomeCountsTheirOpenAlertsAndLinksToThem()
    {
        var (therapist, _, _) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var home = await browser.GetAsync("/therapist");

        Assert.Contains("Alerts (1)", home.Words, StringComparison.Ordinal);
        // An alert can come from a questionnaire answer or a message: the card counts alerts, not answers.
        Assert.Contains("1 open safety alert needs you to look at it.", home.Words, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/alerts\"", home.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPageOfATherapistWithAnOpenAlertShowsTheCountInTheHeader()
    {
        var (therapist, _, _) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/calendar");
        var header = page.Html[..page.Html.IndexOf("</header>", StringComparison.Ordinal)];

        Assert.Contains("Safety alerts: <strong>1</strong> open", header, StringComparison.Ordinal);
        Assert.Contains("href=\"/therapist/alerts\"", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATherapistWithNoOpenAlertSeesNoAlertCountInTheHeader()
    {
        var therapist = await app.CreatePracticeTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync("/therapist/calendar");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Safety alerts:", page.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePatientPageListsTheOpenAlertFirstWithALinkToIt()
    {
        var (therapist, patient, alert) = await AlertForTherapistAsync();
        using var browser = app.NewClient();
        await browser.SignInAsync(therapist);

        var page = await browser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Contains("Open safety alerts (1)", page.Words, StringComparison.Ordinal);
        Assert.Contains($"href=\"/alerts/{alert.AlertId}\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Html.IndexOf("Open safety alerts", StringComparison.Ordinal) < page.Html.IndexOf("id=\"intake\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdminWhoIsNotAClinicianSeesAnUnownedAlertWithItsContactsButCannotCloseIt()
    {
        var patient = await app.CreateAccountAsync(Roles.Patient);
        var alert = (await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(18, item9: 2))).Alert!;
        var admin = await app.CreateAccountAsync(Roles.Admin);
        using var browser = app.NewClient();
        await browser.SignInAsync(admin);

        var list = await browser.GetAsync("/admin/alerts");
        var page = await browser.GetAsync($"/alerts/{alert.AlertId}");
        var closed = await browser.PostFormAsync($"/alerts/{alert.AlertId}", CompleteReview(app), $"/alerts/{alert.AlertId}?handler=Close");
        var taken = await browser.PostFormAsync($"/alerts/{alert.AlertId}", new Dictionary<string, string>(), $"/alerts/{alert.AlertId}?handler=Acknowledge");

        Assert.Contains(await app.DisplayNameAsync(patient), list.Words, StringComparison.Ordinal);
        Assert.Contains("Nobody was on call: the admins were told at once.", list.Words, StringComparison.Ordinal);
        Assert.Contains("Reach ", page.Words, StringComparison.Ordinal);
        Assert.Contains("Only a clinician can take on or close a safety alert.", page.Words, StringComparison.Ordinal);
        Assert.DoesNotContain("Take this on", page.Words, StringComparison.Ordinal);
        Assert.Contains("Only a clinician can take on or close a safety alert.", closed.Words, StringComparison.Ordinal);
        Assert.Contains("Only a clinician can take on or close a safety alert.", taken.Words, StringComparison.Ordinal);
        var stored = await AlertAsync(app, alert.AlertId);
        Assert.True(stored.IsOpen);
        Assert.Null(stored.AcknowledgedAt);
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

/// <summary>
/// An alert its clinician leaves too long reaches the clinical lead on duty, who takes it on from outside the patient's
/// care (break-glass) and closes it. The clock and the lead rota are clinic-wide, so the app is this class's own.
/// </summary>
public abstract class EscalatedAlertTests(RapportApp app)
{
    [Fact]
    public async Task TheLeadOnDutyTakesOnAnEscalatedAlertReadsTheRecordUntilClosingItAndTheResponsibleClinicianSeesThat()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var lead = await app.CreatePracticeTherapistAsync();
        await app.OnDutyAsLeadAsync(lead);
        var alert = (await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(20, item9: 2))).Alert!;
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().EscalateDueAsync(CancellationToken.None);
        }
        using var leadBrowser = app.NewClient();
        await leadBrowser.SignInAsync(lead);
        var recordBefore = await leadBrowser.GetAsync($"/therapist/patients/{patient.Id}");

        var taken = await AlertPagesTests.ActOnAlertAsync(leadBrowser, alert.AlertId, "Acknowledge");
        var recordDuring = await leadBrowser.GetAsync($"/therapist/patients/{patient.Id}");
        using var therapistBrowser = app.NewClient();
        await therapistBrowser.SignInAsync(therapist);
        var seenByTherapist = await therapistBrowser.GetAsync($"/alerts/{alert.AlertId}");
        var closed = await AlertPagesTests.ActOnAlertAsync(leadBrowser, alert.AlertId, "Close", AlertPagesTests.CompleteReview(app));
        var recordAfter = await leadBrowser.GetAsync($"/therapist/patients/{patient.Id}");

        Assert.Equal(HttpStatusCode.NotFound, recordBefore.Status);
        Assert.Contains("You may read the patient's record until you close it", taken.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recordDuring.Status);
        Assert.Contains($"{await app.DisplayNameAsync(lead)} took this alert on from outside the patient's care", seenByTherapist.Words, StringComparison.Ordinal);
        Assert.Contains("Closed. Your risk review is kept with the alert.", closed.Words, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, recordAfter.Status);
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.EmergencyAccessOpened && e.UserId == lead.Id && e.PatientId == patient.Id)));
        Assert.True(await app.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.EmergencyAccessEnded && e.UserId == lead.Id && e.PatientId == patient.Id)));
    }

    [Fact]
    public async Task AnEscalatedAlertShowsOnTheAdminsDeskWithTheClinicianFirstTold()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        await app.QueryAsync(async db => await db.ClinicalLeadShifts.Where(s => s.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CancelledAt, app.Clock.GetUtcNow())));
        await app.AnswerAsync(patient, InstrumentCatalog.Phq9, CareRecords.Phq9(20, item9: 2));
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
        Assert.Contains("Escalated at", page.Words, StringComparison.Ordinal);
        Assert.Contains(await app.DisplayNameAsync(therapist), page.Words, StringComparison.Ordinal);
    }
}

public sealed class EscalatedAlertTestsOnSqlite(IsolatedSqliteApp app) : EscalatedAlertTests(app), IClassFixture<IsolatedSqliteApp>;

public sealed class EscalatedAlertTestsOnPostgres(IsolatedPostgresApp app) : EscalatedAlertTests(app), IClassFixture<IsolatedPostgresApp>;
