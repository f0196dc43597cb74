using Microsoft.EntityFrameworkCore;
using Rapport.IntegrationTests.Infrastructure;

namespace Rapport.IntegrationTests.Features.Platform;

/// <summary>
/// On SQLite a second writer waits inside SQLite for the first to finish (Data/SqliteBusyWait.cs) instead of failing
/// at once and sleeping in the driver: every connection the app opens carries the busy timeout.
/// </summary>
public sealed class SqliteBusyWaitTests(SqliteApp app)
{
    [Fact]
    public async Task EveryConnectionTheAppOpensWaitsThirtySecondsForABusyDatabase()
    {
        var timeouts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            timeouts.Add(await app.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").SingleAsync()));
        }

        Assert.All(timeouts, t => Assert.Equal(30_000, t));
    }

    [Fact]
    public async Task AWriteWaitsForAnotherConnectionsTransactionAndThenSucceeds()
    {
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE busy_wait_probe (n INTEGER)"));
        var holding = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = app.QueryAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO busy_wait_probe VALUES (1)");
            holding.SetResult();
            await release.Task;
            await tx.CommitAsync();
            return 1;
        });
        await holding.Task;

        // SQLite's driver runs "async" commands synchronously, so the waiting write gets a thread of its own.
        var waiter = Task.Run(() => app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO busy_wait_probe VALUES (2)")));
        await Task.Delay(300);
        var finishedWhileHeld = waiter.IsCompleted;
        release.SetResult();
        await holder;
        await waiter;

        Assert.False(finishedWhileHeld);
        Assert.Equal(2, await app.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM busy_wait_probe").SingleAsync()));
    }
}
