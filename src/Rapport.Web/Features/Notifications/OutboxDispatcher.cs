using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Notifications;

public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 20;
}

/// <summary>
/// Sends due outbox messages. Several app instances may run it: each message is leased with a
/// conditional update before sending, so only one instance sends it, and the MIME Message-Id is the
/// outbox id so a receiving server can drop the rare duplicate after a crash between send and mark.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptions<SmtpOptions> smtp,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Asks the dispatcher to look now instead of at its next poll.</summary>
    public void Nudge()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Outbox dispatch round failed; will retry");
            }
            try
            {
                await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many it sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts && m.NextAttemptAt <= now
                        && (m.LeasedUntil == null || m.LeasedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var id in due)
        {
            var leaseUntil = now + TimeSpan.FromMinutes(2);
            var leased = await db.OutboxMessages
                .Where(m => m.Id == id && m.SentAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, leaseUntil), ct);
            if (leased == 0)
            {
                continue; // another instance took it
            }
            var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, ct);
            try
            {
                await transport.SendAsync(ToMime(message), ct);
                message.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Outbox message {Id} failed (attempt {Attempt}): {Error}", id, message.Attempts + 1, ex.Message);
                message.MarkFailed(ex.Message, clock.GetUtcNow());
            }
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private MimeMessage ToMime(OutboxMessage m)
    {
        var o = smtp.Value;
        var mime = new MimeMessage
        {
            MessageId = $"{m.Id:N}@rapport",
            Subject = m.Subject,
            Date = m.CreatedAt,
        };
        var text = new TextPart("plain") { Text = m.TextBody };
        if (m.AttachmentText is null)
        {
            mime.Body = text;
        }
        else
        {
            var attachment = new MimePart(ContentType.Parse(m.AttachmentMediaType ?? "text/plain"))
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.AttachmentText))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = m.AttachmentFileName,
            };
            mime.Body = new Multipart("mixed") { text, attachment };
        }
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(m.ToName, m.ToAddress));
        return mime;
    }
}
