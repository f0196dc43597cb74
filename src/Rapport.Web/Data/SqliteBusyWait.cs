using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.Web.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database. SQLite has one writer at a time; without a busy timeout of its own a
/// second writer gets SQLITE_BUSY at once, and the ADO.NET driver retries only after sleeping a fixed, long interval,
/// so a write that waited a millisecond for the lock cost the request far more. With <c>PRAGMA busy_timeout</c>
/// SQLite retries in short, growing steps and returns as soon as the lock is free. The setting belongs to the native
/// connection, which the driver's pool keeps open, so it is sent once per native connection, not once per use.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    /// <summary>30 s, as long as the driver's own command timeout (<c>DefaultTimeout</c>): a longer wait is a fault.</summary>
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Needs(connection) is { } sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            Prepared.AddOrUpdate(sqlite.Handle!, Prepared);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Needs(connection) is { } sqlite)
        {
            await using var command = sqlite.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Prepared.AddOrUpdate(sqlite.Handle!, Prepared);
        }
    }

    private static SqliteConnection? Needs(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } sqlite && !Prepared.TryGetValue(handle, out _) ? sqlite : null;
}
