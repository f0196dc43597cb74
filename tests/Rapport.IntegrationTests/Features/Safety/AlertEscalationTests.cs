using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Features.CareRelationships;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>
/// The escalation ladder: the clinician on call at once; after an hour (High) or four (Elevated) the clinical lead on
/// duty and the supervisor; then reminders to everyone told until a clinician takes it on. These tests move the app's
/// clock and run the sweep themselves (the job that runs it every minute is off in their app), and read the e-mails as
/// queued in the outbox (nothing sends them there: a sent message forgets its body).
/// </summary>
public abstract class AlertEscalationTests(RapportApp app)
{
    private static readonly string[] ClinicalWords = ["PHQ", "item", "suicid", "harm", "risk", "depress", "score", "answer"];

    private async Task<SafetyAlert> RaiseAsync(TestAccount patient, int item9)
    {
        using var api = await app.ApiAsync(patient);
        var result = await (await api.AnswerAsync(InstrumentCatalog.Phq9, Questionnaires.Phq9(0, 0, 0, 0, 0, 0, 0, 0, item9)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var responseId = result.GetProperty("id").GetGuid();
        return await AlertAsync(a => a.ResponseId == responseId);
    }

    private Task<SafetyAlert> AlertAsync(System.Linq.Expressions.Expression<Func<SafetyAlert, bool>> which) =>
        app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(which));

    private async Task SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().EscalateDueAsync(CancellationToken.None);
    }

    private Task<int> AuditRowsAsync(SafetyAlert alert, string action)
    {
        var id = alert.Id.ToString();
        return app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.Subject == id));
    }

    private Task<List<OutboxMessage>> MailsAboutAsync(SafetyAlert alert, TestAccount to)
    {
        var key = $"safety-alert:{alert.Id:N}";
        return app.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == to.Email && m.CorrelationKey != null && m.CorrelationKey.StartsWith(key)).OrderBy(m => m.CreatedAt).ToListAsync());
    }

    private Task<List<(Guid, AlertRecipientRole)>> ToldAsync(SafetyAlert alert) =>
        app.QueryAsync(async db => (await db.SafetyAlertRecipients.Where(r => r.AlertId == alert.Id).ToListAsync())
            .OrderBy(r => r.NotifiedAt).ThenBy(r => r.Role).Select(r => (r.UserId, r.Role)).ToList());

    /// <summary>No clinical lead on duty: the rota is clinic-wide, and an earlier test of this class may have planned one.</summary>
    private Task NoLeadOnDutyAsync() =>
        app.QueryAsync(db => db.ClinicalLeadShifts.Where(s => s.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CancelledAt, app.Clock.GetUtcNow().AddMinutes(-1))));

    private async Task<(TestAccount Therapist, TestAccount Patient, TestAccount Lead, TestAccount Supervisor)> TeamAsync()
    {
        var (therapist, patient) = await app.PatientInCareAsync();
        var lead = await app.CreatePracticeTherapistAsync();
        await app.OnDutyAsLeadAsync(lead);
        var supervisor = await app.CreatePracticeTherapistAsync();
        await app.AssignSupervisorAsync(supervisor, therapist);
        return (therapist, patient, lead, supervisor);
    }

    [Fact]
    public async Task AHighAnswerTellsTheResponsibleClinicianAtOnceThatItIsUrgentWithoutAWordOfWhatOrWho()
    {
        var (therapist, patient) = await app.PatientInCareAsync();

        var alert = await RaiseAsync(patient, item9: 3);
        var mail = Assert.Single(await MailsAboutAsync(alert, therapist));

        Assert.Equal([(therapist.Id, AlertRecipientRole.OnCall)], await ToldAsync(alert));
        Assert.Equal(AlertMail.HighSubject, mail.Subject);
        Assert.Contains("within 1 hour", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://rapport.test/alerts/{alert.Id}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.DisplayNameAsync(patient), mail.TextBody!, StringComparison.Ordinal);
        Assert.All(ClinicalWords, w => Assert.DoesNotContain(w, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnElevatedAnswerSaysTodayAndGivesTheConfiguredFourHours()
    {
        var (therapist, patient) = await app.PatientInCareAsync();

        var alert = await RaiseAsync(patient, item9: 1);
        var mail = Assert.Single(await MailsAboutAsync(alert, therapist));

        Assert.Equal(AlertMail.ElevatedSubject, mail.Subject);
        Assert.Contains("within 4 hours", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHighAlertNobodyTakesOnReachesTheLeadAndTheSupervisorAfterAnHourAndNotBefore()
    {
        var (therapist, patient, lead, supervisor) = await TeamAsync();
        var raised = await RaiseAsync(patient, item9: 2);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await SweepAsync();
        var toldBefore = await ToldAsync(raised);
        var leadMailsBefore = (await MailsAboutAsync(raised, lead)).Count;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();
        var after = await AlertAsync(a => a.Id == raised.Id);
        var toLead = Assert.Single(await MailsAboutAsync(raised, lead));

        Assert.Equal([(therapist.Id, AlertRecipientRole.OnCall)], toldBefore);
        Assert.Equal(0, leadMailsBefore);
        Assert.NotNull(after.EscalatedAt);
        Assert.Equal([(therapist.Id, AlertRecipientRole.OnCall), (lead.Id, AlertRecipientRole.ClinicalLead), (supervisor.Id, AlertRecipientRole.Supervisor)],
            await ToldAsync(raised));
        Assert.Single(await MailsAboutAsync(raised, supervisor));
        Assert.Equal(AlertMail.HighSubject, toLead.Subject);
        Assert.Contains("every 15 minutes", toLead.TextBody, StringComparison.Ordinal);
        Assert.All(ClinicalWords, w => Assert.DoesNotContain(w, toLead.Subject + toLead.TextBody, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await AuditRowsAsync(raised, AuditAction.SafetyAlertEscalated));
        Assert.Equal(patient.Id, await app.QueryAsync(db => db.AuditEvents
            .Where(e => e.Action == AuditAction.SafetyAlertEscalated && e.Subject == raised.Id.ToString()).Select(e => e.PatientId).SingleAsync()));
    }

    [Fact]
    public async Task AfterTheEscalationEveryoneToldIsRemindedEveryFifteenMinutesUntilAClinicianTakesItOn()
    {
        var (therapist, patient, lead, supervisor) = await TeamAsync();
        var raised = await RaiseAsync(patient, item9: 3);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        await SweepAsync();
        var therapistMailsEarly = (await MailsAboutAsync(raised, therapist)).Count;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await SweepAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        await SweepAsync();
        await app.QueryAsync(async db =>
        {
            var alert = await db.SafetyAlerts.SingleAsync(a => a.Id == raised.Id);
            alert.Acknowledge(lead.Id, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromHours(2));
        await SweepAsync();

        Assert.Equal(1, therapistMailsEarly);
        var toTherapist = await MailsAboutAsync(raised, therapist);
        Assert.Equal([AlertMail.HighSubject, AlertMail.Subject(RiskLevel.High, 1), AlertMail.Subject(RiskLevel.High, 2)], toTherapist.Select(m => m.Subject));
        Assert.Equal(3, (await MailsAboutAsync(raised, lead)).Count);
        Assert.Equal(3, (await MailsAboutAsync(raised, supervisor)).Count);
        Assert.Equal(2, await AuditRowsAsync(raised, AuditAction.SafetyAlertReminded));
        Assert.Equal(2, (await AlertAsync(a => a.Id == raised.Id)).Reminders);
    }

    [Fact]
    public async Task AnElevatedAlertEscalatesAfterFourHoursAndRemindsFourHoursLater()
    {
        var (therapist, patient, lead, _) = await TeamAsync();
        var raised = await RaiseAsync(patient, item9: 1);

        app.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(58));
        await SweepAsync();
        var before = await AlertAsync(a => a.Id == raised.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();
        var escalated = await AlertAsync(a => a.Id == raised.Id);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await SweepAsync();
        var remindersEarly = (await AlertAsync(a => a.Id == raised.Id)).Reminders;
        app.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();

        Assert.Null(before.EscalatedAt);
        Assert.NotNull(escalated.EscalatedAt);
        Assert.Equal(0, remindersEarly);
        Assert.Equal(1, (await AlertAsync(a => a.Id == raised.Id)).Reminders);
        Assert.Equal(AlertMail.ElevatedSubject, (await MailsAboutAsync(raised, lead))[0].Subject);
        Assert.Equal(2, (await MailsAboutAsync(raised, therapist)).Count);
    }

    [Fact]
    public async Task WithNoLeadOnDutyAndNoSupervisorTheEscalationGoesToTheAdmins()
    {
        await NoLeadOnDutyAsync();
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var (_, patient) = await app.PatientInCareAsync();
        var raised = await RaiseAsync(patient, item9: 2);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await SweepAsync();

        var mail = Assert.Single(await MailsAboutAsync(raised, admin));
        Assert.Equal(AlertMail.HighSubject, mail.Subject);
        Assert.Contains("https://rapport.test/admin/alerts", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains((admin.Id, AlertRecipientRole.Admin), await ToldAsync(raised));
    }

    [Fact]
    public async Task AnAlertAboutSomeoneNoClinicianIsResponsibleForTellsTheAdminsSoAtOnceWithTheTimeAClinicianHas()
    {
        await NoLeadOnDutyAsync();
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.CreateAccountAsync(Roles.Patient);

        var raised = await RaiseAsync(patient, item9: 2);
        var mail = Assert.Single(await MailsAboutAsync(raised, admin));

        Assert.Equal(AlertMail.HighSubject, mail.Subject);
        Assert.Contains("needs a response from a clinician within 1 hour, and no clinician is responsible for them who can be told", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://rapport.test/admin/alerts", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("waited", mail.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.DisplayNameAsync(patient), mail.TextBody!, StringComparison.Ordinal);
        Assert.All(ClinicalWords, w => Assert.DoesNotContain(w, mail.Subject + mail.TextBody, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnAlertTakenOnBeforeItsHourNeverClimbs()
    {
        var (therapist, patient, lead, _) = await TeamAsync();
        var raised = await RaiseAsync(patient, item9: 3);
        await app.QueryAsync(async db =>
        {
            var alert = await db.SafetyAlerts.SingleAsync(a => a.Id == raised.Id);
            alert.Acknowledge(therapist.Id, app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromHours(6));
        await SweepAsync();
        var after = await AlertAsync(a => a.Id == raised.Id);

        Assert.Null(after.EscalatedAt);
        Assert.True(after.IsOpen);
        Assert.Empty(await MailsAboutAsync(raised, lead));
        Assert.Equal(0, await AuditRowsAsync(raised, AuditAction.SafetyAlertEscalated));
    }

    [Fact]
    public async Task SeveralSweepsAtOnceClimbEachRungOnceAndMailEachPersonOnce()
    {
        var (_, patient, lead, _) = await TeamAsync();
        var alerts = new List<SafetyAlert>();
        for (var i = 0; i < 5; i++)
        {
            alerts.Add(await RaiseAsync(patient, item9: 2));
        }

        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SweepAsync)));
        await SweepAsync();

        foreach (var alert in alerts)
        {
            Assert.NotNull((await AlertAsync(a => a.Id == alert.Id)).EscalatedAt);
            Assert.Equal(1, await AuditRowsAsync(alert, AuditAction.SafetyAlertEscalated));
            Assert.Single(await MailsAboutAsync(alert, lead));
        }
    }

    [Fact]
    public async Task AnAlertChangedByAnotherWriterMidSweepDoesNotStopTheOthersClimbing()
    {
        var (_, patient, lead, _) = await TeamAsync();
        var alerts = new List<SafetyAlert>();
        for (var i = 0; i < 3; i++)
        {
            alerts.Add(await RaiseAsync(patient, item9: 2));
        }
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The sweep has read the first alert; then another writer changes it before the sweep saves.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var first = await db.SafetyAlerts.SingleAsync(a => a.Id == alerts[0].Id);
            await app.QueryAsync(other => other.Database.ExecuteSqlAsync($"UPDATE \"SafetyAlerts\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = {first.Id}"));
            await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().EscalateDueAsync(CancellationToken.None);
        }
        var afterConflict = await app.QueryAsync(db => db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patient.Id)
            .Select(a => new { a.Id, a.EscalatedAt }).ToListAsync());
        await SweepAsync();

        Assert.Null(afterConflict.Single(a => a.Id == alerts[0].Id).EscalatedAt);
        Assert.All(afterConflict.Where(a => a.Id != alerts[0].Id), a => Assert.NotNull(a.EscalatedAt));
        foreach (var alert in alerts)
        {
            Assert.NotNull((await AlertAsync(a => a.Id == alert.Id)).EscalatedAt);
            Assert.Equal(1, await AuditRowsAsync(alert, AuditAction.SafetyAlertEscalated));
            Assert.Single(await MailsAboutAsync(alert, lead));
        }
    }
}

public sealed class AlertEscalationTestsOnSqlite(ManualEscalationSqliteApp app) : AlertEscalationTests(app), IClassFixture<ManualEscalationSqliteApp>;

public sealed class AlertEscalationTestsOnPostgres(ManualEscalationPostgresApp app) : AlertEscalationTests(app), IClassFixture<ManualEscalationPostgresApp>;
