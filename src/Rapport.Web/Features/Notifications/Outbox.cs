using Rapport.Web.Data;

namespace Rapport.Web.Features.Notifications;

/// <summary>
/// Queues e-mail on the caller's DbContext, so it commits or rolls back with the caller's change.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, OutboxDispatcher dispatcher)
{
    public void Queue(string toAddress, string toName, string subject, string textBody) =>
        db.OutboxMessages.Add(OutboxMessage.Create(toAddress, toName, subject, textBody, clock.GetUtcNow()));

    /// <summary>Call after commit: wakes the dispatcher so the person is not kept waiting for the next poll.</summary>
    public void SendSoon() => dispatcher.Nudge();
}
