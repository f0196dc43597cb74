using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.IntegrationTests.Features.Audit;

/// <summary>
/// A clinic whose log was the old chain of rows keeps every entry: the migration sets the old table aside, still
/// append-only, and queues its rows in order; the appender then seals them into signed blocks that verify.
/// </summary>
public abstract class AuditMigrationTests
{
    /// <summary>The last migration before the blocks, on this provider.</summary>
    protected abstract string PreviousMigration { get; }

    protected abstract AppDbContext NewDatabase();

    protected abstract void UseDatabase(IServiceCollection services, string connectionString);

    [Fact]
    public async Task EntriesOfTheOldChainAreSealedIntoSignedBlocksInTheirOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = NewDatabase();
        var checkpoints = Directory.CreateTempSubdirectory("rapport-checkpoints-").FullName;
        try
        {
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, ct);
            var user = Guid.NewGuid();
            var start = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).UtcTicks;
            for (var i = 1; i <= 3; i++)
            {
                // The old columns, as the old writer filled them (its hashes do not matter any more: the rows are re-sealed).
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "AuditEvents" ("Sequence", "OccurredAt", "Action", "Outcome", "UserId", "Subject", "Detail", "PreviousHash", "Hash")
                    VALUES ({(long)i}, {(db.Database.IsNpgsql() ? new DateTimeOffset(start + i, TimeSpan.Zero) : start + i)}, {"account.sign-in"},
                            {"success"}, {(db.Database.IsNpgsql() ? user : user.ToString().ToUpperInvariant())}, {$"old {i}"}, {"password"}, {new string('0', 64)}, {new string('1', 64)})
                    """, ct);
            }

            await db.GetService<IMigrator>().MigrateAsync(cancellationToken: ct);
            var queued = await db.AuditInbox.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Subject).ToListAsync(ct);
            var refused = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEventsBeforeBlocks\"", ct));

            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            UseDatabase(services, db.Database.GetConnectionString()!);
            services.AddLogging();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new AuditKeyRing(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), []));
            services.AddSingleton(Options.Create(new AuditOptions { CheckpointDirectory = checkpoints, InboxPollEvery = TimeSpan.FromMilliseconds(50) }));
            services.AddSingleton<IHostEnvironment>(new MigratedHost(checkpoints));
            services.AddSingleton<AuditWriter>();
            services.AddSingleton<AuditCheckpoints>();
            services.AddSingleton<AuditVerifier>();
            await using var app = services.BuildServiceProvider();
            // The appender's first round after start finds the queued rows.
            await app.GetRequiredService<AuditWriter>().WriteAsync(new AuditEntry("test.after-migration"), ct);
            var report = await app.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            var sealedInOrder = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Subject).ToListAsync(ct);

            Assert.Equal(["old 1", "old 2", "old 3"], queued);
            Assert.Contains("append-only", refused?.Message, StringComparison.Ordinal);
            Assert.True(report.Intact, report.Reason);
            Assert.Equal(["old 1", "old 2", "old 3", null], sealedInOrder);
            Assert.False(await db.AuditInbox.AnyAsync(ct));
        }
        finally
        {
            await db.Database.EnsureDeletedAsync(ct);
            Directory.Delete(checkpoints, recursive: true);
        }
    }

    private sealed class MigratedHost(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Rapport.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

public sealed class AuditMigrationTestsOnSqlite : AuditMigrationTests
{
    protected override string PreviousMigration => "20261205092735_IdempotencyAndPhone";
    protected override AppDbContext NewDatabase() => MigrationDatabases.NewSqlite();
    protected override void UseDatabase(IServiceCollection services, string connectionString) =>
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString).ConfigureWarnings(MigrationDatabases.ManyHosts));
}

public sealed class AuditMigrationTestsOnPostgres : AuditMigrationTests
{
    protected override string PreviousMigration => "20261205092740_IdempotencyAndPhone";
    protected override AppDbContext NewDatabase() => MigrationDatabases.NewPostgres();
    protected override void UseDatabase(IServiceCollection services, string connectionString) =>
        services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString).ConfigureWarnings(MigrationDatabases.ManyHosts));
}
