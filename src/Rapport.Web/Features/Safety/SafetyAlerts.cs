using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.Assessments;
using Rapport.Web.Features.Audit;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// Raising safety alerts and climbing their escalation ladder (readme, "The escalation ladder"). Every rung is rows
/// in the alert's own transaction: the alert's new state, who was told (<see cref="SafetyAlertRecipient"/>) and their
/// e-mails in the outbox, so a rung happens once for the whole cluster or not at all. E-mails say only how urgent it
/// is and where to sign in (<see cref="AlertMail"/>).
/// </summary>
public sealed class SafetyAlerts(AppDbContext db, Outbox outbox, TimeProvider clock, IOptions<SafetyOptions> options,
    CareAccess care, PeopleNames people, AuditWriter audit, IConfiguration config, ILogger<SafetyAlerts> log)
{
    private string BaseUrl => config.PublicBaseUrl();

    private string LinkFor(SafetyAlert alert, AlertRecipientRole role) =>
        role == AlertRecipientRole.Admin ? $"{BaseUrl}/admin/alerts" : $"{BaseUrl}/alerts/{alert.Id}";

    /// <summary>
    /// Adds the alert, who is told and their e-mails to the caller's unit of work: they commit with the answer or not at
    /// all. <paramref name="responseId"/> is null for a risk answer in a refused resubmission (nothing was stored).
    /// </summary>
    public async Task<SafetyAlert> RaiseAsync(Guid patientId, Guid? responseId, string instrumentId, CriticalAnswer answer, Guid? assignedTherapistId,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var alert = SafetyAlert.Raise(patientId, responseId, instrumentId, answer, assignedTherapistId, now, options.Value);
        await TellFirstAsync(alert, AlertMail.ToOnCall, now, ct);
        return alert;
    }

    /// <summary>Adds the alert and tells the clinician it was routed to (the admins when nobody was), in the caller's unit of work.</summary>
    private async Task TellFirstAsync(SafetyAlert alert, Func<string, RiskLevel, SafetyOptions, string, MailText> mail, DateTimeOffset now, CancellationToken ct)
    {
        db.SafetyAlerts.Add(alert);
        if (alert.AssignedTherapistId is { } therapistId && (await people.ReachableAsync([therapistId], ct)).FirstOrDefault() is { } therapist)
        {
            db.SafetyAlertRecipients.Add(SafetyAlertRecipient.Told(alert.Id, therapistId, AlertRecipientRole.OnCall, now));
            outbox.Queue(therapist.Email, therapist.DisplayName, mail(therapist.DisplayName, alert.Level, options.Value, LinkFor(alert, AlertRecipientRole.OnCall)),
                correlationKey: $"safety-alert:{alert.Id:N}");
        }
        else
        {
            await TellAsync(alert, await AdminsAsync(ct), AlertStep.Raised, now, ct);
        }
    }

    /// <summary>
    /// A patient's message matched a risk expression (Messaging readme, rule 11): the alert goes to the clinician on call
    /// now (cover, else responsible, else the lead on duty, else the admins) with its own e-mail subject, and climbs the
    /// same ladder. Added to the caller's unit of work, so it commits with the message or not at all.
    /// </summary>
    public async Task<SafetyAlert> RaiseForMessageAsync(Guid patientId, Guid messageId, string words, RiskLevel level, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var onCall = await care.ClinicianToNotifyAsync(patientId, ct);
        var alert = SafetyAlert.RaiseForMessage(patientId, messageId, words, level, onCall?.ClinicianId, now, options.Value);
        await TellFirstAsync(alert, AlertMail.MessageToOnCall, now, ct);
        return alert;
    }

    /// <summary>
    /// Climbs one rung for every open alert nobody has taken on whose next rung is due: the escalation to the clinical
    /// lead on duty and the supervisor (the admins when there is neither), then reminders to everyone told so far.
    /// Safe with several instances: the alert's version lets one save win, and the losers' e-mails go with it.
    /// </summary>
    public async Task<int> EscalateDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.SafetyAlerts.Where(a => a.ClosedAt == null && a.AcknowledgedAt == null && a.EscalateAt <= now)
            .OrderBy(a => a.EscalateAt).Take(100).ToListAsync(ct);
        var climbed = 0;
        foreach (var alert in due)
        {
            var step = alert.NextStep(now, options.Value);
            var told = await db.SafetyAlertRecipients.Where(r => r.AlertId == alert.Id).Select(r => r.UserId).ToListAsync(ct);
            if (step == AlertStep.Escalated)
            {
                var lead = await care.LeadOnDutyAsync(ct);
                var supervisors = await care.SupervisorsOfPatient(alert.PatientId).ToListAsync(ct);
                var fresh = (lead is { } l ? new[] { (l, AlertRecipientRole.ClinicalLead) } : [])
                    .Concat(supervisors.Select(s => (s, AlertRecipientRole.Supervisor)))
                    .Where(p => !told.Contains(p.Item1)).DistinctBy(p => p.Item1).ToList();
                await TellAsync(alert, fresh.Count > 0 ? fresh : await AdminsAsync(ct), step, now, ct);
            }
            else
            {
                var everyone = await db.SafetyAlertRecipients.Where(r => r.AlertId == alert.Id)
                    .Select(r => new { r.UserId, r.Role }).ToListAsync(ct);
                await TellAsync(alert, [.. everyone.DistinctBy(r => r.UserId).Select(r => (r.UserId, r.Role))], step, now, ct);
            }
            try
            {
                // One save per alert: the version check makes a concurrent acknowledgement or a second instance win cleanly.
                await db.SaveChangesAsync(ct);
            }
            // A concurrent sweep either changed the alert first (the version check) or, on PostgreSQL, deadlocked with this
            // one over the unique mail keys (each save inserts its rows in its own key order) and this one was chosen as the
            // victim, which the execution strategy reports as a transient failure: either way the other writer wins.
            catch (Exception ex) when (ex is DbUpdateException || ex.InnerException is DbUpdateException)
            {
                log.LogInformation("Alert {AlertId} changed while escalating; leaving it to the other writer.", alert.Id);
                // Forget only this alert's attempt (the alert, its recipients and mails). Clearing the whole tracker would
                // detach the other due alerts, whose mails and audit rows would then be saved without the alert itself.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged || ReferenceEquals(e.Entity, alert)).ToList())
                {
                    entry.State = EntityState.Detached;
                }
                continue;
            }
            climbed++;
            var waited = now - alert.RaisedAt;
            await audit.WriteAsync(new AuditEntry(step == AlertStep.Escalated ? AuditAction.SafetyAlertEscalated : AuditAction.SafetyAlertReminded,
                AuditOutcome.Success, null, alert.PatientId, alert.Id.ToString(), null,
                $"{alert.Level} alert not taken on after {waited.TotalMinutes:F0} min{(step == AlertStep.Reminded ? $"; reminder {alert.Reminders}" : "")}"), ct);
        }
        if (climbed > 0)
        {
            outbox.SendSoon();
        }
        return climbed;
    }

    /// <summary>Records who is told at this rung and queues their e-mails (once each: the correlation key is unique).</summary>
    private async Task TellAsync(SafetyAlert alert, IReadOnlyList<(Guid UserId, AlertRecipientRole Role)> recipients, AlertStep step, DateTimeOffset now,
        CancellationToken ct)
    {
        var users = (await people.ReachableAsync(recipients.Select(p => p.UserId), ct)).ToDictionary(u => u.Id);
        var waited = now - alert.RaisedAt;
        foreach (var (userId, role) in recipients)
        {
            if (step != AlertStep.Reminded)
            {
                db.SafetyAlertRecipients.Add(SafetyAlertRecipient.Told(alert.Id, userId, role, now));
            }
            if (!users.TryGetValue(userId, out var user))
            {
                continue;
            }
            var link = LinkFor(alert, role);
            var (mail, key) = step switch
            {
                AlertStep.Reminded => (AlertMail.Reminder(user.DisplayName, alert.Level, alert.Reminders, waited, link),
                    $"safety-alert:{alert.Id:N}:reminder-{alert.Reminders}:{userId:N}"),
                AlertStep.Escalated => (AlertMail.Escalated(user.DisplayName, alert.Level, waited, options.Value, link),
                    $"safety-alert:{alert.Id:N}:escalated:{userId:N}"),
                _ => (AlertMail.NobodyResponsible(user.DisplayName, alert.Level, options.Value, link),
                    $"safety-alert:{alert.Id:N}:raised:{userId:N}"),
            };
            outbox.Queue(user.Email, user.DisplayName, mail, correlationKey: key);
        }
    }

    private async Task<IReadOnlyList<(Guid, AlertRecipientRole)>> AdminsAsync(CancellationToken ct)
    {
        var admins = await people.ReachableAdminsAsync(ct);
        return [.. admins.Select(a => (a, AlertRecipientRole.Admin))];
    }
}

/// <summary>Runs the ladder check every minute (configurable) on every instance; the database decides who climbs it.</summary>
public sealed class SafetyEscalationService(IServiceScopeFactory scopes, IOptions<SafetyOptions> options, TimeProvider clock,
    ILogger<SafetyEscalationService> log) : PeriodicCheck(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override string What => "The safety alert escalation check";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<SafetyAlerts>().EscalateDueAsync(ct);
}
