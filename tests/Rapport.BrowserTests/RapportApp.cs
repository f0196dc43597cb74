using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.BrowserTests;

/// <summary>
/// The real app on real Kestrel (127.0.0.1, a free port), in Development with the demo clinic seeded,
/// its own SQLite file and mail pickup folder in a temp directory. One instance per test class; for scale-out
/// tests, <see cref="WithRedis"/> and <see cref="AnotherInstance"/> make several instances of one deployment.
/// </summary>
public sealed partial class RapportApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The demo clinic's password (appsettings.Development.json, Data/DemoClinic.cs).</summary>
    public const string DemoPassword = "calm-harbour-lantern-42";

    private readonly string _root = Directory.CreateTempSubdirectory("rapport-browser-").FullName;
    private readonly int _port = FreeLoopbackPort();
    private readonly string _database;
    private readonly string? _redis;
    /// <summary>True when this app has a database of its own (not another instance's), which starts as the seeded template.</summary>
    private readonly bool _ownDatabase;

    /// <summary>
    /// The demo clinic migrated and seeded once for the whole run, in a directory with the audit key and checkpoints that
    /// signed its log; every app with a database of its own starts from a copy. Seeding each of the 17 apps took seconds of
    /// CPU that the browser lane spends beside the integration tests. The copy is the same seed, made minutes earlier:
    /// the demo's dates are whole days around "now", and each app still runs the migrator and the (idempotent) seed at start.
    /// </summary>
    private static readonly Lazy<Task<string>> SeededTemplate = new(SeedTemplateAsync);

    public RapportApp() : this(null, null)
    {
    }

    private RapportApp(string? database, string? redis)
    {
        _database = database ?? Path.Combine(_root, "rapport.db");
        _ownDatabase = database is null;
        _redis = redis;
        // Kestrel must know the port before the host is built, because App:BaseUrl (used in e-mailed links) is read at start-up.
        UseKestrel(k => k.Listen(IPAddress.Loopback, _port));
    }

    public string BaseUrl => $"http://127.0.0.1:{_port}";
    public int Port => _port;
    public string MailDirectory => Path.Combine(_root, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Rapport", $"Data Source={_database}");
        if (_redis is not null)
        {
            builder.UseSetting("Redis:Configuration", _redis);
        }
        builder.UseSetting("Smtp:PickupDirectory", MailDirectory);
        builder.UseSetting("App:BaseUrl", BaseUrl);
        builder.UseSetting("Demo:Seed", "true");
        // Without the session a newcomer may join at start-up (README): each test books the calls it makes, at times it chooses.
        builder.UseSetting("Demo:LiveSession", "false");
        // The audit key and checkpoints live beside the database, so a second instance of the deployment shares them.
        var beside = Path.GetDirectoryName(Path.GetFullPath(_database))!;
        builder.UseSetting("Audit:GeneratedKeyFile", Path.Combine(beside, "audit-signing-key.pem"));
        builder.UseSetting("Audit:CheckpointDirectory", Path.Combine(beside, "audit-checkpoints"));
        // The real PBKDF2 hasher with fewer rounds: every class seeds the demo clinic's fifteen accounts and signs people in,
        // and no browser test depends on the work factor. The app itself keeps Identity's default.
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>An instance whose live-session signalling goes through the Redis server at <paramref name="redis"/> (host:port).</summary>
    public static RapportApp WithRedis(string redis) => new(null, redis);

    /// <summary>
    /// A second instance of the same deployment: the same SQLite file (WAL; so the same data-protection keys, which
    /// live in the database) and the same Redis, on its own port. Start it after this one has created the database.
    /// </summary>
    public RapportApp AnotherInstance() => new(_database, _redis);

    public async ValueTask InitializeAsync()
    {
        if (_ownDatabase)
        {
            var template = await SeededTemplate.Value;
            foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(_root, Path.GetRelativePath(template, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }
        StartServer();
    }

    private static async Task<string> SeedTemplateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("rapport-browser-template-").FullName;
        var seeder = new RapportApp(Path.Combine(directory, "rapport.db"), null);
        seeder.StartServer();
        await seeder.DisposeAsync();
        // Closing the last connection folds SQLite's write-ahead log into the file, so the directory is the whole database.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return directory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the WAL for a moment; a leftover temp folder is harmless.
        }
    }

    /// <summary>The current TOTP code for an account whose authenticator key the app stores.</summary>
    public async Task<string> TotpCodeForAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key.");
        // The codes this app has accepted are in its own database; another app seeded from the same template has the same
        // key but has seen none of them.
        return AuthenticatorApp.NextCode(key, server: _database);
    }

    /// <summary>The next unused code an authenticator app shows for a base32 key (RFC 6238: SHA-1, 6 digits, 30 s).</summary>
    public static string TotpCode(string base32Key) => AuthenticatorApp.NextCode(base32Key);

    /// <summary>Waits for the outbox to deliver a message to <paramref name="to"/> and returns the first link in it.</summary>
    public async Task<string> LinkInLatestMailToAsync(string to, string pathStart, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(MailDirectory))
            {
                foreach (var file in new DirectoryInfo(MailDirectory).EnumerateFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc))
                {
                    MimeMessage message;
                    try
                    {
                        message = await MimeMessage.LoadAsync(file.FullName);
                    }
                    catch (IOException)
                    {
                        continue; // the app is still writing it: read it on the next pass
                    }
                    using var _ = message;
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
                    {
                        var link = Link().Matches(message.TextBody ?? "").Select(m => m.Value)
                            .FirstOrDefault(l => l.StartsWith(BaseUrl + pathStart, StringComparison.Ordinal));
                        return link ?? throw new InvalidOperationException($"The mail to {to} has no {pathStart} link:\n{message.TextBody}");
                    }
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No mail to {to} arrived in {MailDirectory}.");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
