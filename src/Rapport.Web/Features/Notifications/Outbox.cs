using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Notifications;

/// <summary>
/// Queues e-mail on the caller's DbContext, so it commits or rolls back with the caller's change.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, OutboxDispatcher dispatcher)
{
    /// <summary>
    /// Only a <see cref="MailText"/> from a template: the tests check every template's words.
    /// An erased account has no address (DataRights readme): nothing is queued for it, whichever feature asks.
    /// </summary>
    public void Queue(string? toAddress, string toName, MailText mail,
        DateTimeOffset? sendAt = null, string? correlationKey = null, MailAttachment? attachment = null, bool forgetAddressWhenSent = false)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (string.IsNullOrEmpty(toAddress))
        {
            return;
        }
        db.OutboxMessages.Add(OutboxMessage.Create(toAddress, toName, mail.Subject, mail.Body, clock.GetUtcNow(), sendAt, correlationKey, attachment,
            forgetAddressWhenSent));
    }

    /// <summary>
    /// Erases an address from the outbox (DataRights readme, rule 4): messages not yet sent to it are withdrawn, and those
    /// sent keep their subject and time but lose the address and name. Runs in the caller's transaction; returns how many
    /// rows held the address.
    /// </summary>
    public async Task<int> ForgetAddressAsync(string address, CancellationToken ct)
    {
        var withdrawn = await db.OutboxMessages.Where(m => m.SentAt == null && m.ToAddress == address).ExecuteDeleteAsync(ct);
        var forgotten = await db.OutboxMessages.Where(m => m.SentAt != null && m.ToAddress == address)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ToAddress, "").SetProperty(m => m.ToName, ""), ct);
        return withdrawn + forgotten;
    }

    /// <summary>How many messages wait to be sent: a count for the admin's dashboard.</summary>
    public Task<int> UnsentCountAsync(CancellationToken ct) => db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);

    /// <summary>Withdraws unsent messages whose correlation key starts with the prefix (a cancelled appointment's reminders).</summary>
    public Task<int> WithdrawUnsentAsync(string correlationPrefix, CancellationToken ct) =>
        db.OutboxMessages
            .Where(m => m.SentAt == null && m.CorrelationKey != null && m.CorrelationKey.StartsWith(correlationPrefix))
            .ExecuteDeleteAsync(ct);

    /// <summary>Call after commit: wakes the dispatcher so the person is not kept waiting for the next poll.</summary>
    public void SendSoon() => dispatcher.Nudge();
}
