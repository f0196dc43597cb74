using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rapport.Web.Data;

/// <summary>
/// Before the first release the migrations were squashed into one initial migration per database
/// (docs/adr/0002-migrations-apart-and-squashed.md). A developer's database built by the old migrations already has the
/// schema the initial migration creates, so when its history ends with the old last migration the initial one is
/// recorded as applied instead of run, and the database keeps its data. A database stopped part-way through the old
/// migrations lacks some of that schema and cannot be brought up to date from here: it is refused with what to do.
/// </summary>
internal static class SquashedMigrations
{
    /// <summary>The last migration before the squash on each database; the squashed schema is the one it left.</summary>
    public const string SqliteLastOld = "20261206024613_DataRights";
    public const string PostgresLastOld = "20261206024619_DataRights";

    public static async Task BaselineAsync(DatabaseFacade database, CancellationToken ct)
    {
        var history = database.GetService<IHistoryRepository>();
        // A new database has no history table: asking it for rows would log a failed query before EF creates one.
        if (!await history.ExistsAsync(ct))
        {
            return;
        }
        var applied = (await history.GetAppliedMigrationsAsync(ct)).Select(row => row.MigrationId).ToList();
        var known = database.GetMigrations().ToList();
        if (applied.Count == 0 || applied.Any(known.Contains))
        {
            return;
        }
        var lastOld = database.IsSqlite() ? SqliteLastOld : PostgresLastOld;
        if (!applied.Contains(lastOld))
        {
            throw new InvalidOperationException(
                $"This database was made by Rapport's migrations from before they were squashed and stopped at {applied.Max()}. " +
                $"Migrate it with the previous release of Rapport first (up to {lastOld}), then run this one.");
        }
        // The old rows stay in the history as the record of how this database was built; EF ignores ids it does not know.
        await database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(known[0], ProductInfo.GetVersion())), ct);
    }
}
