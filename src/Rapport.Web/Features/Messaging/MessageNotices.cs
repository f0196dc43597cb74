using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;
using Rapport.Web.Features.CareRelationships;
using Rapport.Web.Features.Notifications;
using Rapport.Web.Features.Platform;

namespace Rapport.Web.Features.Messaging;

/// <summary>
/// The content-free e-mail about unread messages (readme, rule 9): only for a message still unread
/// <see cref="MessagingOptions.NotifyAfter"/> after it was sent, at most one per conversation every
/// <see cref="MessagingOptions.NotifyEvery"/>. Each e-mail and the conversation's <see cref="Conversation.NotifiedAt"/>
/// are one save under the conversation's version, so with several instances each e-mail is queued once.
/// </summary>
public sealed class MessageNotices(AppDbContext db, Outbox outbox, CareAccess care, PeopleNames names, TimeProvider clock, IOptions<MessagingOptions> options,
    IConfiguration config, ILogger<MessageNotices> log)
{
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sentBy = now - options.Value.NotifyAfter;
        var quietSince = now - options.Value.NotifyEvery;
        var due = await db.Conversations
            .Where(c => (c.NotifiedAt == null || c.NotifiedAt <= quietSince)
                && db.Messages.Any(m => m.ConversationId == c.Id && m.ReadAt == null && m.RetractedAt == null && m.SentAt <= sentBy
                    && (c.NotifiedAt == null || m.SentAt > c.NotifiedAt)))
            .OrderBy(c => c.NotifiedAt).Take(100).ToListAsync(ct);
        var queued = 0;
        foreach (var conversation in due)
        {
            var waiting = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversation.Id && m.ReadAt == null && m.RetractedAt == null && m.SentAt <= sentBy
                    && (conversation.NotifiedAt == null || m.SentAt > conversation.NotifiedAt))
                .Select(m => m.SentByPatient).Distinct().ToListAsync(ct);
            var recipients = new List<Guid>();
            if (waiting.Contains(false))
            {
                recipients.Add(conversation.PatientId);
            }
            // The patient's message waits for whoever acts for them now: the covering clinician during cover.
            if (waiting.Contains(true) && await care.ClinicianToNotifyAsync(conversation.PatientId, ct) is { IsClinicalLead: false } onCall)
            {
                recipients.Add(onCall.ClinicianId);
            }
            var people = await names.ReachableAsync(recipients, ct);
            foreach (var person in people)
            {
                var link = config.PublicBaseUrl() + (person.Id == conversation.PatientId ? "/messages" : "/therapist/messages");
                outbox.Queue(person.Email!, person.DisplayName, MessageMail.NewMessage(person.DisplayName, link),
                    correlationKey: $"message-notice:{conversation.Id:N}:{now.UtcTicks}:{person.Id:N}");
            }
            conversation.Notified(now);
            try
            {
                await db.SaveChangesAsync(ct);
                queued += people.Count;
            }
            catch (DbUpdateException)
            {
                // Another instance notified this conversation first (its version moved): theirs stands.
                log.LogInformation("Conversation {ConversationId} was notified by another instance.", conversation.Id);
                db.ChangeTracker.Clear();
            }
        }
        if (queued > 0)
        {
            outbox.SendSoon();
        }
        return queued;
    }
}

/// <summary>Runs the e-mail check every <see cref="MessagingOptions.CheckEvery"/> on every instance; the database decides who sends.</summary>
public sealed class MessageNoticeService(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, TimeProvider clock,
    ILogger<MessageNoticeService> log) : PeriodicCheck(scopes, clock, log)
{
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override string What => "The unread-message check";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<MessageNotices>().SendDueAsync(ct);
}
