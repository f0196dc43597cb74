using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package). The app sends to it with MailKit exactly
/// as it would to a production relay; tests read what arrived.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public MailSink()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => _received.ToArray();

    /// <summary>What the app still holds for an address, said when a wait times out (the outbox rows, set by the app).</summary>
    public Func<string, Task<string>>? Explain { get; set; }

    /// <summary>Waits for a message to this address matching the predicate (default: any).</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        // One dispatcher sends the mail of every class sharing the app, and the run keeps both cores busy: a burst
        // can queue for many seconds without anything being wrong.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(40));
        while (true)
        {
            var found = _received.FirstOrDefault(m =>
                m.To.Mailboxes.Any(x => string.Equals(x.Address, to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(m) ?? true));
            if (found is not null)
            {
                return found;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var waiting = Explain is null ? "" : await Explain(to);
                throw new TimeoutException($"No e-mail to {to} arrived. {waiting} Received: {string.Join("; ", _received.Select(m => $"{m.To} '{m.Subject}'"))}");
            }
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public IEnumerable<MimeMessage> To(string address) =>
        _received.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private sealed class Store(MailSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            sink._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            sink._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
