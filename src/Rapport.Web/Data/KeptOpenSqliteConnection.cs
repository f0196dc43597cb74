using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapport.Web.Data;

#pragma warning disable EF1001 // EF's SQLite connection is internal API: only creating, opening, closing and disposing it are overridden.
/// <summary>
/// EF's SQLite connection, kept open from one query to the next and from one lease of its pooled context to the next,
/// so the statements it prepared stay prepared (<see cref="SqliteStatements"/>). EF closes a connection after each query
/// it opened and when the context goes back to the pool (after rolling back any transaction of its own); here a close
/// leaves the connection open unless it is inside a transaction EF does not own or a statement is still reading or writing, in
/// which case that transaction is rolled back, the kept statements are dropped and the connection really closes. EF
/// disposes the connection with the context, which closes it for good.
/// </summary>
public sealed class KeptOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    /// <summary>Makes a context's SQLite connection this one, and its commands run on prepared statements.</summary>
    public static void Use(DbContextOptionsBuilder options) =>
        options.ReplaceService<ISqliteRelationalConnection, KeptOpenSqliteConnection>().AddInterceptors(new SqliteStatements.Reuse());

    // The close's check calls into SQLitePCLRaw's bundled e_sqlite3 itself (SqliteStatements.NativeMethods): under any other
    // SQLite library that call would be handed a foreign handle, so the layer refuses to run there.
    private static readonly Lazy<string> ProviderLibrary = new(SQLitePCL.raw.GetNativeLibraryName);

    protected override DbConnection CreateDbConnection()
    {
        var connection = (SqliteConnection)base.CreateDbConnection();
        if (ProviderLibrary.Value != "e_sqlite3")
        {
            throw new InvalidOperationException(
                $"Keeping SQLite statements prepared needs the bundled e_sqlite3 library, but the SQLite provider uses '{ProviderLibrary.Value}'. " +
                "Set Database:KeepSqliteStatementsPrepared=false.");
        }
        SqliteStatements.Track(connection);
        return connection;
    }

    protected override void CloseDbConnection()
    {
        var connection = (SqliteConnection)DbConnection;
        if (connection.State == ConnectionState.Open && !SqliteStatements.IsQuiet(connection))
        {
            SqliteStatements.Release(connection);
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync()
    {
        CloseDbConnection();
        return Task.CompletedTask;
    }

    protected override void DisposeDbConnection()
    {
        SqliteStatements.Forget((SqliteConnection)DbConnection);
        base.DisposeDbConnection();
    }

    protected override ValueTask DisposeDbConnectionAsync()
    {
        SqliteStatements.Forget((SqliteConnection)DbConnection);
        return base.DisposeDbConnectionAsync();
    }
}
#pragma warning restore EF1001
