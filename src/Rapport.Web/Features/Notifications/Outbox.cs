using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Notifications;

/// <summary>
/// Queues e-mail on the caller's DbContext, so it commits or rolls back with the caller's change.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, OutboxDispatcher dispatcher)
{
    /// <summary>Only a <see cref="MailText"/> from a template: the tests check every template's words.</summary>
    public void Queue(string toAddress, string toName, MailText mail,
        DateTimeOffset? sendAt = null, string? correlationKey = null, MailAttachment? attachment = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        db.OutboxMessages.Add(OutboxMessage.Create(toAddress, toName, mail.Subject, mail.Body, clock.GetUtcNow(), sendAt, correlationKey, attachment));
    }

    /// <summary>Withdraws unsent messages whose correlation key starts with the prefix (a cancelled appointment's reminders).</summary>
    public Task<int> WithdrawUnsentAsync(string correlationPrefix, CancellationToken ct) =>
        db.OutboxMessages
            .Where(m => m.SentAt == null && m.CorrelationKey != null && m.CorrelationKey.StartsWith(correlationPrefix))
            .ExecuteDeleteAsync(ct);

    /// <summary>Call after commit: wakes the dispatcher so the person is not kept waiting for the next poll.</summary>
    public void SendSoon() => dispatcher.Nudge();
}
