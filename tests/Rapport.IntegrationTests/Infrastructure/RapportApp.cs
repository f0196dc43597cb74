using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Web.Data;
using Rapport.Web.Features.Accounts;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over HTTP on a real database, sending mail to a real SMTP server.
/// One subclass per database; the test classes are written once and run against each.
/// Environment "Testing": no demo seed, migrations applied at start, production-like headers (HSTS).
/// </summary>
public abstract class RapportApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "quiet river morning tea";
    public const string TurnSecret = "test-turn-shared-secret";

    public MailSink Mail { get; } = new();
    /// <summary>This app's audit signing key (PEM), from configuration as in production; never in the database.</summary>
    public virtual string AuditSigningKey { get; } = NewAuditKey();
    /// <summary>Where this app writes its signed audit checkpoints: outside the database, one directory per app.</summary>
    public string CheckpointDirectory { get; } = Path.Combine(Path.GetTempPath(), "rapport-checkpoints-" + Guid.NewGuid().ToString("N"));

    public static string NewAuditKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
    public ShiftableClock Clock { get; } = new();
    /// <summary>Everything the app logged at the levels its configuration lets through.</summary>
    public LogSink Logs { get; } = new();
    public abstract string Provider { get; }
    protected virtual int RateLimit => 100_000;
    /// <summary>Booking changes one patient may make per hour; the limit itself is proven by its own app.</summary>
    protected virtual int BookingWritesPerHour => 100_000;
    protected abstract string ConnectionString { get; }

    protected RapportApp() => Mail.Explain = ExplainOutboxAsync;

    private async Task<string> ExplainOutboxAsync(string to)
    {
        var unsent = await this.QueryAsync(db => db.OutboxMessages.Where(m => m.SentAt == null)
            .Select(m => new { m.ToAddress, m.Subject, m.Attempts, m.NextAttemptAt, m.LeasedUntil, m.LastError }).ToListAsync());
        var mine = unsent.Where(m => string.Equals(m.ToAddress, to, StringComparison.OrdinalIgnoreCase))
            .Select(m => $"'{m.Subject}' attempts {m.Attempts}, next {m.NextAttemptAt:O}, leased until {m.LeasedUntil:O}, error {m.LastError}");
        return $"The app's clock says {Clock.GetUtcNow():O}; {unsent.Count} message(s) unsent in all; to this address: [{string.Join("; ", mine)}].";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The app runs from its build output here, not a publish: its CSS and scripts, with the Brotli and gzip forms the
        // build made of them, are found through the static web assets manifest, as `dotnet run` finds them in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Rapport", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Outbox:PollInterval", "00:00:01");
        builder.UseSetting("App:BaseUrl", "https://rapport.test");
        builder.UseSetting("DataProtection:AllowUnprotectedKeys", "true");
        builder.UseSetting("Instruments:Epds:TextsFile", TestEpdsTexts.Path);
        builder.UseSetting("Audit:SigningKey", AuditSigningKey);
        builder.UseSetting("Audit:CheckpointDirectory", CheckpointDirectory);
        builder.UseSetting("LiveSessions:StunUrls", "stun:turn.rapport.test:3478");
        builder.UseSetting("LiveSessions:TurnUrls", "turns:turn.rapport.test:443?transport=tcp,turn:turn.rapport.test:3478");
        builder.UseSetting("LiveSessions:TurnSharedSecret", TurnSecret);
        // Every test client shares one address here; the limit itself is proven by RateLimitTests.
        builder.UseSetting("RateLimits:AccountPostsPerMinute", RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:BookingWritesPerHour", BookingWritesPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, SqlCommandCounter>();
            s.AddTransient<IStartupFilter, SqlCommandCounter.RequestCapture>();
            // The real PBKDF2 hasher with fewer rounds: hashing is most of the CPU a thousand tests spend (they create and
            // sign in several people each), and what the tests prove does not depend on the work factor. The app keeps
            // Identity's default in every environment of its own.
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public virtual ValueTask InitializeAsync()
    {
        _ = Server; // start the host (and so migrate) once, before the tests
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        if (Directory.Exists(CheckpointDirectory))
        {
            Directory.Delete(CheckpointDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>A browser-like client: HTTPS base address (cookies are Secure), cookies kept, redirects not followed.</summary>
    public Visitor NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://rapport.test"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    /// <summary>Creates a confirmed account directly; staff get TOTP enrolled and the key is returned.</summary>
    /// <summary>A fictional number (Ofcom's drama range) every test patient has unless asked not to: any booking needs one.</summary>
    public const string PatientPhone = "+442079460123";

    public async Task<TestAccount> CreateAccountAsync(string role, bool twoFactor = false, bool withPhone = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RapportUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = new RapportUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = $"Test {role} {email[..8]}",
            TimeZoneId = "Europe/Berlin",
            CountryCode = "DE",
            CreatedAt = DateTimeOffset.UtcNow,
            PhoneNumber = role == Roles.Patient && withPhone ? PatientPhone : null,
        };
        Ensure(await users.CreateAsync(user, Password));
        Ensure(await users.AddToRoleAsync(user, role));
        string? key = null;
        if (twoFactor || role != Roles.Patient)
        {
            Ensure(await users.ResetAuthenticatorKeyAsync(user));
            Ensure(await users.SetTwoFactorEnabledAsync(user, true));
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new TestAccount(user.Id, email, Password, key, Clock);
    }

    private static void Ensure(IdentityResult r)
    {
        if (!r.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record TestAccount(Guid Id, string Email, string Password, string? AuthenticatorKey, TimeProvider? Clock = null)
{
    /// <summary>The next code this person's authenticator app shows that they have not used yet.</summary>
    public string CurrentCode() => AuthenticatorApp.NextCode(AuthenticatorKey!, Clock);
}

public class SqliteApp : RapportApp
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-it-").FullName;
    public override string Provider => DataSetup.Sqlite;
    protected override string ConnectionString => $"Data Source={Path.Combine(_dir, "rapport.db")}";

    public override async ValueTask InitializeAsync()
    {
        await MigratedTemplates.CopySqliteTo(Path.Combine(_dir, "rapport.db"));
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server that ./test.sh starts (RAPPORT_TEST_POSTGRES).
/// Without that server the tests fail loudly: they are never silently skipped. The databases go
/// when ./test.sh stops the throwaway server.
/// </summary>
public class PostgresApp : RapportApp
{
    private readonly string _database = $"rapport_it_{Guid.NewGuid():N}";

    public override string Provider => DataSetup.Postgres;

    private static string ServerConnection => Environment.GetEnvironmentVariable("RAPPORT_TEST_POSTGRES")
        ?? throw new InvalidOperationException("RAPPORT_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnection) { Database = _database }.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        await MigratedTemplates.CreatePostgresDatabase(ServerConnection, _database);
        await base.InitializeAsync();
    }
}

/// <summary>An app of its own for tests that move the clock, so other tests' sessions are not disturbed.</summary>
public sealed class IsolatedSqliteApp : SqliteApp;

/// <summary>An app of its own for tests that move the clock, so other tests' sessions are not disturbed.</summary>
public sealed class IsolatedPostgresApp : PostgresApp;

/// <summary>An app with the production-like rate limit on account forms.</summary>
public sealed class RateLimitedSqliteApp : SqliteApp
{
    protected override int RateLimit => 5;
}

/// <summary>An app whose patients may make only a few booking changes an hour, to prove the booking write limit.</summary>
public sealed class BookingWritesLimitedSqliteApp : SqliteApp
{
    public const int WritesPerHour = 3;
    protected override int BookingWritesPerHour => WritesPerHour;
}

/// <inheritdoc cref="BookingWritesLimitedSqliteApp"/>
public sealed class BookingWritesLimitedPostgresApp : PostgresApp
{
    protected override int BookingWritesPerHour => BookingWritesLimitedSqliteApp.WritesPerHour;
}

/// <summary>
/// An app of its own (tests move its clock) whose background jobs (escalation, message notices, erasure and retention)
/// are off, so the test alone decides when they run.
/// </summary>
public sealed class ManualEscalationSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Safety:RunEscalation", "false");
        builder.UseSetting("Messaging:RunNotifier", "false");
        builder.UseSetting("DataRights:RunJobs", "false");
        // The ladder's e-mails are read from the outbox as queued (a sent message forgets its body), so nothing sends them here.
        builder.UseSetting("Outbox:RunDispatcher", "false");
    }
}

/// <inheritdoc cref="ManualEscalationSqliteApp"/>
public sealed class ManualEscalationPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Safety:RunEscalation", "false");
        builder.UseSetting("Messaging:RunNotifier", "false");
        builder.UseSetting("DataRights:RunJobs", "false");
        // The ladder's e-mails are read from the outbox as queued (a sent message forgets its body), so nothing sends them here.
        builder.UseSetting("Outbox:RunDispatcher", "false");
    }
}
