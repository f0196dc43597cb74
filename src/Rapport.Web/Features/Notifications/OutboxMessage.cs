namespace Rapport.Web.Features.Notifications;

/// <summary>
/// An e-mail waiting to leave. Written in the same transaction as the change that causes it,
/// so a message exists exactly when its cause does; sent later by <see cref="OutboxDispatcher"/>.
/// Bodies never carry clinical content: they say that something is waiting and link to it.
/// </summary>
public sealed class OutboxMessage
{
    public static readonly int MaxAttempts = 8;

    private OutboxMessage() { }

    public Guid Id { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>A dispatcher holds the message until this instant; another instance skips it meanwhile.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>
    /// Names what the message is about ("reminder:{appointment}:1h"), unique while set, so a scheduled
    /// message is never queued twice and can be withdrawn or moved when its cause changes.
    /// </summary>
    public string? CorrelationKey { get; private set; }
    public string? AttachmentFileName { get; private set; }
    public string? AttachmentMediaType { get; private set; }
    public string? AttachmentText { get; private set; }
    /// <summary>
    /// The last message to an erased account (DataRights readme): once sent, its address and name are erased too, so
    /// the outbox keeps no trace of where the person could be reached.
    /// </summary>
    public bool ForgetAddressWhenSent { get; private set; }

    public static OutboxMessage Create(string toAddress, string toName, string subject, string textBody, DateTimeOffset now,
        DateTimeOffset? sendAt = null, string? correlationKey = null, MailAttachment? attachment = null, bool forgetAddressWhenSent = false) => new()
        {
            ForgetAddressWhenSent = forgetAddressWhenSent,
            Id = Guid.CreateVersion7(now),
            ToAddress = toAddress,
            ToName = toName,
            Subject = subject,
            TextBody = textBody,
            CreatedAt = now,
            // A message whose moment has passed (a 1-hour reminder for a booking 30 minutes ahead) goes at once.
            NextAttemptAt = sendAt is { } at && at > now ? at : now,
            CorrelationKey = correlationKey,
            AttachmentFileName = attachment?.FileName,
            AttachmentMediaType = attachment?.MediaType,
            AttachmentText = attachment?.Text,
        };

    public bool GaveUp => SentAt is null && Attempts >= MaxAttempts;

    /// <summary>
    /// Once sent, the body and attachment are erased: they hold single-use links (invitation, reset,
    /// confirmation) that must not stay usable to anyone who later reads the database or a backup.
    /// </summary>
    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        TextBody = "";
        if (ForgetAddressWhenSent)
        {
            ToAddress = "";
            ToName = "";
        }
        AttachmentText = null;
        LeasedUntil = null;
        LastError = null;
    }

    /// <summary>Backs off exponentially (30 s, 1 min, 2 min …) so a mail server outage is ridden out, not hammered.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        LeasedUntil = null;
        NextAttemptAt = now + TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Min(Attempts - 1, 10)));
    }
}

/// <summary>A small text attachment, such as an .ics calendar file.</summary>
public sealed record MailAttachment(string FileName, string MediaType, string Text);
