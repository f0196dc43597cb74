using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Safety;

namespace Rapport.IntegrationTests.Features.Safety;

/// <summary>
/// An alert nobody acknowledges goes to the admins after its delay (issue 4 §6). These tests move the app's
/// clock and run the escalation sweep themselves (the job that runs it every minute is off in their app).
/// </summary>
public abstract class AlertEscalationTests(RapportApp app)
{
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

    private Task<int> EscalationRowsAsync(SafetyAlert alert)
    {
        var id = alert.Id.ToString();
        return app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.SafetyAlertEscalated && e.Subject == id));
    }

    private Task<int> QueuedToAsync(TestAccount account) =>
        app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == account.Email));

    [Fact]
    public async Task AHighAlertNobodyAcknowledgesGoesToTheAdminsAfterAnHour()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
        var raised = await RaiseAsync(patient, item9: 2);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await SweepAsync();
        var before = await AlertAsync(a => a.Id == raised.Id);
        var rowsBefore = await EscalationRowsAsync(raised);
        var queuedBefore = await QueuedToAsync(admin);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();
        var after = await AlertAsync(a => a.Id == raised.Id);
        var mail = await app.Mail.WaitForAsync(admin.Email, m => m.Subject == "Rapport: please sign in");

        Assert.Null(before.EscalatedAt);
        Assert.Equal(0, rowsBefore);
        Assert.Equal(0, queuedBefore);
        Assert.NotNull(after.EscalatedAt);
        Assert.True(after.EscalatedAt >= raised.EscalateAt);
        Assert.Equal(1, await EscalationRowsAsync(raised));
        Assert.Contains("https://rapport.test/admin/alerts", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("PHQ", mail.TextBody!, StringComparison.OrdinalIgnoreCase);
        var row = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Action == AuditAction.SafetyAlertEscalated && e.Subject == raised.Id.ToString()));
        Assert.Equal(patient.Id, row.PatientId);
    }

    [Fact]
    public async Task AnElevatedAlertWaitsFourHours()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var raised = await RaiseAsync(await app.PatientOfAsync(therapist), item9: 1);

        app.Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(58));
        await SweepAsync();
        var before = await AlertAsync(a => a.Id == raised.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await SweepAsync();
        var after = await AlertAsync(a => a.Id == raised.Id);

        Assert.Null(before.EscalatedAt);
        Assert.NotNull(after.EscalatedAt);
    }

    [Fact]
    public async Task AnAcknowledgedAlertNeverEscalates()
    {
        var therapist = await app.CreateListedTherapistAsync();
        var raised = await RaiseAsync(await app.PatientOfAsync(therapist), item9: 3);
        await app.QueryAsync(async db =>
        {
            var alert = await db.SafetyAlerts.SingleAsync(a => a.Id == raised.Id);
            alert.Acknowledge(therapist.Id, "Called the patient; safety plan reviewed together.", app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromHours(6));
        await SweepAsync();
        var after = await AlertAsync(a => a.Id == raised.Id);

        Assert.Null(after.EscalatedAt);
        Assert.Equal("Called the patient; safety plan reviewed together.", after.ActionTaken);
        Assert.DoesNotContain("safety plan", await app.RawTextAsync("SafetyAlerts", "ActionTaken", "Id", raised.Id), StringComparison.Ordinal);
        Assert.Equal(0, await EscalationRowsAsync(raised));
    }

    [Fact]
    public async Task SeveralSweepsAtOnceEscalateEachAlertOnceAndMailTheAdminsOnce()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var therapist = await app.CreateListedTherapistAsync();
        var patient = await app.PatientOfAsync(therapist);
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
            Assert.Equal(1, await EscalationRowsAsync(alert));
        }
        Assert.Equal(alerts.Count, await QueuedToAsync(admin));
    }

    [Fact]
    public async Task AnAlertChangedByAnotherWriterMidSweepDoesNotStopTheOthersBeingEscalated()
    {
        var admin = await app.CreateAccountAsync(Roles.Admin);
        var patient = await app.PatientOfAsync(await app.CreateListedTherapistAsync());
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
            Assert.Equal(1, await EscalationRowsAsync(alert));
        }
        Assert.Equal(alerts.Count, await QueuedToAsync(admin));
    }
}

public sealed class AlertEscalationTestsOnSqlite(ManualEscalationSqliteApp app) : AlertEscalationTests(app), IClassFixture<ManualEscalationSqliteApp>;

public sealed class AlertEscalationTestsOnPostgres(ManualEscalationPostgresApp app) : AlertEscalationTests(app), IClassFixture<ManualEscalationPostgresApp>;
