using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Rapport.Web.Features.Notifications;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Auto, StartTls, SslOnConnect or None (None only for a local relay or tests).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string FromAddress { get; set; } = "no-reply@rapport.local";
    public string FromName { get; set; } = "Rapport";
    /// <summary>Where messages go as .eml files when no SMTP host is configured (Development).</summary>
    public string PickupDirectory { get; set; } = "data/mail";
}

/// <summary>Hands a finished MIME message to the outside world.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Real SMTP through MailKit: what production and the integration tests use.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient { Timeout = 20_000 };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), o.Port, o.Security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Development without a mail server: each message becomes an .eml file, listed on /dev/mailbox.</summary>
public sealed class PickupFolderMailTransport(IOptions<SmtpOptions> options, IHostEnvironment env) : IMailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory, env.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // The message id is the outbox id, so a re-send after a crash overwrites rather than duplicates.
        var name = $"{message.Date.UtcDateTime:yyyyMMddHHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
        await using var file = File.Create(Path.Combine(Directory, name));
        await message.WriteToAsync(file, ct);
    }
}
