using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.IntegrationTests.Infrastructure;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// On SQLite a pooled context keeps its connection open and its statements prepared between requests
/// (Data/SqliteStatements.cs, docs/adr/0007-sqlite-statements-kept-prepared.md). These tests hold it to what the app relies
/// on: the second run of a query is not prepared again, nothing a request leaves unfinished reaches the next one, and a
/// query run inside its own reading still reads right. PostgreSQL has no such layer, so there is no twin class.
/// </summary>
public sealed class KeptSqliteStatementsTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"rapport-statements-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private IDbContextFactory<SqliteAppDbContext> _contexts = null!;

    public async ValueTask InitializeAsync()
    {
        await MigratedTemplates.CopySqliteTo(_path);
        // WAL, as the app runs it (Data/DataSetup.cs): there an old read snapshot, not a lock, is what a careless keep would carry.
        await using (var setup = new SqliteConnection($"Data Source={_path};Pooling=false"))
        {
            await setup.OpenAsync();
            await using var wal = setup.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteNonQueryAsync();
        }
        // One context in the pool, so each lease is the same context with the same connection, as under steady load.
        _services = new ServiceCollection().AddPooledDbContextFactory<SqliteAppDbContext>(o =>
        {
            o.UseSqlite($"Data Source={_path}", s => s.MigrationsAssembly(DataSetup.SqliteMigrations)).ConfigureWarnings(MigrationDatabases.ManyHosts);
            KeptOpenSqliteConnection.Use(o);
        }, poolSize: 1).BuildServiceProvider();
        _contexts = _services.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>();
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the pool disposes its context, which closes the kept connection for good.
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task AQueryAskedAgainOnTheNextLeaseRunsOnTheStatementPreparedTheFirstTime()
    {
        var ct = TestContext.Current.CancellationToken;
        SqliteConnection first;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            Assert.Equal(0, await db.Roles.CountAsync(r => r.Name == "Nobody", ct));
            first = (SqliteConnection)db.Database.GetDbConnection();
        }
        Assert.Equal(ConnectionState.Open, first.State);

        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            Assert.Equal(0, await db.Roles.CountAsync(r => r.Name == "Nobody", ct));
            Assert.Same(first, db.Database.GetDbConnection());
        }

        Assert.Equal((1, 1), SqliteStatements.CountsOf(first));
    }

    [Fact]
    public async Task AContextGivenBackInsideAnUnfinishedTransactionLeavesNoLockAndNoRowBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            await db.Database.BeginTransactionAsync(ct);
            db.Roles.Add(new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = "Unfinished", NormalizedName = "UNFINISHED" });
            await db.SaveChangesAsync(ct);
            // Neither committed nor disposed: the request ended with an exception, say.
        }

        await AnotherWriterAddsTheRoleAtOnceAndNotTheUnfinishedOne("Other", "Unfinished", ct);
    }

    [Fact]
    public async Task TheSameQueryRunInsideItsOwnReadingGetsAStatementOfItsOwnAndBothReadEveryRow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            db.Roles.AddRange(new[] { "Z-A", "Z-B", "Z-C" }.Select(n => new IdentityRole<Guid> { Id = Guid.NewGuid(), Name = n, NormalizedName = n }));
            await db.SaveChangesAsync(ct);
        }

        var outer = new List<string>();
        var inner = new List<List<string>>();
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            var names = db.Roles.AsNoTracking().Where(r => r.Name!.StartsWith("Z-")).OrderBy(r => r.Name).Select(r => r.Name!);
            await foreach (var name in names.AsAsyncEnumerable().WithCancellation(ct))
            {
                outer.Add(name);
                inner.Add(await names.ToListAsync(ct));
            }
        }

        Assert.Equal(["Z-A", "Z-B", "Z-C"], outer);
        Assert.All(inner, names => Assert.Equal(["Z-A", "Z-B", "Z-C"], names));
    }

    [Fact]
    public async Task AStatementKeptBeforeItsConnectionReallyClosedNeverRunsOnAConnectionSomeoneElseNowHolds()
    {
        var ct = TestContext.Current.CancellationToken;
        // Two leases that each leave a reader of a table stepping, so each give-back really closes the connection.
        var abandoned = new List<IAsyncEnumerator<int>>();
        for (var lease = 0; lease < 2; lease++)
        {
            await using var db = await _contexts.CreateDbContextAsync(ct);
            Assert.Equal(0, await db.Roles.CountAsync(r => r.Name == "Uncommitted", ct));
            var open = db.Database.SqlQueryRaw<int>("SELECT 1 AS Value FROM AspNetRoles UNION ALL SELECT 2").AsAsyncEnumerable().GetAsyncEnumerator(ct);
            Assert.True(await open.MoveNextAsync());
            abandoned.Add(open);
        }

        // Someone else opens the same database with the same connection string and writes without committing yet.
        await using var other = new SqliteConnection($"Data Source={_path}");
        await other.OpenAsync(ct);
        await using var transaction = other.BeginTransaction();
        await using (var insert = other.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('5f1c9d7e-0000-4000-8000-000000000002', 'Uncommitted', 'UNCOMMITTED')";
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            Assert.Equal(0, await db.Roles.CountAsync(r => r.Name == "Uncommitted", ct));
        }
        // Not collected (and their statements finalised) before the lease above ran.
        GC.KeepAlive(abandoned);
    }

    [Fact]
    public async Task AContextGivenBackWithAReaderStillSteppingLetsTheNextLeaseSeeWhatOthersCommittedSince()
    {
        var ct = TestContext.Current.CancellationToken;
        IAsyncEnumerator<int> open;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            // A reader of a table left half-read (the request failed while rendering, say) keeps its read snapshot while it steps.
            open = db.Database.SqlQueryRaw<int>("SELECT 1 AS Value FROM AspNetRoles UNION ALL SELECT 2").AsAsyncEnumerable().GetAsyncEnumerator(ct);
            Assert.True(await open.MoveNextAsync());
        }

        await AnotherWriterAddsTheRoleAtOnceAndNotTheUnfinishedOne("CommittedAfterTheReader", "Never", ct);
        // Not collected (and its statement finalised) before the next lease ran.
        GC.KeepAlive(open);
    }

    [Fact]
    public async Task AConnectionGivenBackInsideATransactionBegunWithRawSqlIsRolledBackBeforeAnyoneElseGetsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _contexts.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE", ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('5f1c9d7e-0000-4000-8000-000000000003', 'RawBegun', 'RAWBEGUN')", ct);
            // Given back without COMMIT or ROLLBACK: EF does not know about this transaction.
        }

        await AnotherWriterAddsTheRoleAtOnceAndNotTheUnfinishedOne("AfterRaw", "RawBegun", ct);
    }

    /// <summary>
    /// Another writer that waits at most a second adds <paramref name="role"/>: it would time out while the pooled connection
    /// still held the write lock. Then the pool's next lease sees that role and not <paramref name="unfinished"/>.
    /// </summary>
    private async Task AnotherWriterAddsTheRoleAtOnceAndNotTheUnfinishedOne(string role, string unfinished, CancellationToken ct)
    {
        await using (var other = new SqliteConnection($"Data Source={_path};Pooling=false;Default Timeout=1"))
        {
            await other.OpenAsync(ct);
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ($id, $name, $name)";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$name", role);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(ct));
        }

        await using var db = await _contexts.CreateDbContextAsync(ct);
        var names = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        Assert.Contains(role, names);
        Assert.DoesNotContain(unfinished, names);
    }
}
