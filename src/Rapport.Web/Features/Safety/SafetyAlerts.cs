using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Raising, acknowledging and escalating safety alerts. E-mails say only that someone needs attention and
/// where to sign in: nothing about who, why or which answer (the patient's privacy; issue 4 §6).
/// </summary>
public sealed class SafetyAlerts(AppDbContext db, Outbox outbox, TimeProvider clock, IOptions<SafetyOptions> options,
    AuditWriter audit, IConfiguration config, ILogger<SafetyAlerts> log)
{
    private string BaseUrl => config.PublicBaseUrl();

    /// <summary>Adds the alert and its e-mails to the caller's unit of work: they commit with the answer or not at all.</summary>
    public async Task<SafetyAlert> RaiseAsync(Guid patientId, Guid? responseId, string instrumentId, CriticalAnswer answer, Guid? assignedTherapistId, CancellationToken ct)
    {
        var alert = SafetyAlert.Raise(patientId, responseId, instrumentId, answer, assignedTherapistId, clock.GetUtcNow(), options.Value);
        db.SafetyAlerts.Add(alert);
        if (assignedTherapistId is { } therapistId && await db.Users.FindAsync([therapistId], ct) is { Email: { } email } therapist)
        {
            outbox.Queue(email, therapist.DisplayName, "Rapport: please sign in",
                $"""
                Hello {therapist.DisplayName},

                Someone in your care needs your attention today. Please sign in to Rapport to see it:
                {BaseUrl}/therapist/alerts
                """, correlationKey: $"safety-alert:{alert.Id:N}");
        }
        else
        {
            await QueueToAdminsAsync(alert, "raised", ct);
        }
        return alert;
    }

    /// <summary>Escalates every open alert past its time. Safe with several instances: each alert is escalated once.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.SafetyAlerts.Where(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.EscalateAt <= now)
            .OrderBy(a => a.EscalateAt).Take(100).ToListAsync(ct);
        var escalated = 0;
        foreach (var alert in due)
        {
            alert.Escalate(now);
            await QueueToAdminsAsync(alert, "escalated", ct);
            try
            {
                // One save per alert: the version check makes a concurrent acknowledgement or a second instance win cleanly.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                log.LogInformation(ex, "Alert {AlertId} changed while escalating; leaving it to the other writer.", alert.Id);
                // Forget only this alert's attempt (the alert and its queued mails). Clearing the whole tracker would
                // detach the other due alerts, whose mails and audit rows would then be saved without the alert itself.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged || ReferenceEquals(e.Entity, alert)).ToList())
                {
                    entry.State = EntityState.Detached;
                }
                continue;
            }
            escalated++;
            await audit.WriteAsync(new AuditEntry(AuditAction.SafetyAlertEscalated, AuditOutcome.Success, null, alert.PatientId,
                alert.Id.ToString(), null, $"{alert.Level} alert unacknowledged after {(now - alert.RaisedAt).TotalMinutes:F0} min"), ct);
        }
        if (escalated > 0)
        {
            outbox.SendSoon();
        }
        return escalated;
    }

    private async Task QueueToAdminsAsync(SafetyAlert alert, string step, CancellationToken ct)
    {
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            where ur.RoleId == RoleIds.Admin && u.Email != null
                            select new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        foreach (var admin in admins)
        {
            outbox.Queue(admin.Email!, admin.DisplayName, "Rapport: please sign in",
                $"""
                Hello {admin.DisplayName},

                Someone in the clinic's care needs attention and their therapist has not yet responded. Please sign in to Rapport to see it:
                {BaseUrl}/admin/alerts
                """, correlationKey: $"safety-alert:{alert.Id:N}:{step}:{admin.Id:N}");
        }
    }
}

/// <summary>Runs the escalation check every minute (configurable) on every instance; the database decides who escalates.</summary>
public sealed class SafetyEscalationService(IServiceScopeFactory scopes, IOptions<SafetyOptions> options, TimeProvider clock,
    ILogger<SafetyEscalationService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckEvery, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().EscalateDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Safety alert escalation check failed; it runs again at the next tick.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
