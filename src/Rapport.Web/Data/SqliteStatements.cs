using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.Web.Data;

/// <summary>
/// SQLite statements kept prepared on a pooled context's connection, which stays open between requests.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite prepares (parses and plans) a command's SQL again on every execution unless the same command
/// object runs again on the same open connection, and EF creates a new command for every query and opens and closes the
/// connection around it. For the patient's home, whose one query has a dozen sub-selects, preparing took longer than
/// running it, and opening and closing the pooled connection (the provider registers its SQL functions again each time)
/// came next (docs/performance.md, "Prepared once"). The provider has no statement cache of its own
/// (docs/adr/0007-sqlite-statements-kept-prepared.md). So a pooled context keeps its connection open
/// (<see cref="KeptOpenSqliteConnection"/>), and <see cref="Reuse"/> hands EF a command that runs on a statement that
/// connection prepared before. A connection is used by one context at a time, as EF requires.
/// </remarks>
public static class SqliteStatements
{
    /// <summary>Distinct SQL texts kept prepared per connection; the least recently used goes first.</summary>
    public const int MaxPerConnection = 96;

    private static readonly ConditionalWeakTable<SqliteConnection, Prepared> Caches = [];

    /// <summary>Gives a new connection a statement cache of its own.</summary>
    public static void Track(SqliteConnection connection) => Caches.AddOrUpdate(connection, new Prepared());

    /// <summary>
    /// Called before the connection really closes because it was not quiet: rolls back a transaction still open (one EF
    /// does not own, begun with raw SQL: the provider would hand the handle on inside it), and starts an empty cache, since
    /// closing disposes the kept commands' statements and the handle goes to someone else.
    /// </summary>
    public static void Release(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            // The provider marks its own transaction object rolled back (it listens for rollbacks), so its close does not try again.
            _ = SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK");
        }
        Forget(connection);
        Track(connection);
    }

    /// <summary>How many statements this connection prepared, and how many times it ran one again without preparing it.</summary>
    public static (int Prepared, int Reused) CountsOf(SqliteConnection connection) =>
        Caches.TryGetValue(connection, out var cache) ? cache.Counts : default;

    /// <summary>Disposes a connection's kept statements (before it closes for good).</summary>
    public static void Forget(SqliteConnection connection)
    {
        if (Caches.TryGetValue(connection, out var cache))
        {
            cache.DisposeAll();
            Caches.Remove(connection);
        }
    }

    /// <summary>
    /// Whether a connection may stay open for the next request: not inside a transaction (begun, even if nothing has run
    /// in it yet: the autocommit check), and with no statement still reading a table or writing (SQLite's transaction
    /// state), either of which would hold SQLite's write lock or an old snapshot into the next request. In autocommit mode
    /// such a statement is what keeps a transaction open, so SQLite's own state answers in one call; asking every kept
    /// statement whether it was busy took 2.5 % of the home's CPU samples (docs/performance.md, "Prepared once", the close's
    /// check). A statement over no table (<c>SELECT 1</c>) left stepping holds neither lock nor snapshot and is kept open
    /// with its connection; SQLite would then refuse a VACUUM on that connection, which the app never runs.
    /// </summary>
    public static bool IsQuiet(SqliteConnection connection)
    {
        var handle = connection.Handle;
        if (handle is null || !Caches.TryGetValue(connection, out _) || SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            return false;
        }
        return NativeMethods.sqlite3_txn_state(handle, IntPtr.Zero) == NativeMethods.SqliteTxnNone;
    }

    /// <summary>
    /// Hands EF a command that runs on this connection's prepared statement for the same SQL. Registered for SQLite only;
    /// a connection without a cache (one EF made for a one-off check) gets EF's ordinary command.
    /// </summary>
    public sealed class Reuse : DbCommandInterceptor
    {
        public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
            !result.HasResult && eventData.Connection is SqliteConnection connection && Caches.TryGetValue(connection, out var cache)
                ? InterceptionResult<DbCommand>.SuppressWithResult(new ReusedCommand(connection, cache))
                : result;
    }

    /// <summary>One connection's prepared commands by SQL text, least recently used first out. Used by one context at a time.</summary>
    private sealed class Prepared
    {
        private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _bySql = new(StringComparer.Ordinal);
        private readonly LinkedList<SqliteCommand> _byUse = [];
        private readonly Lock _lock = new();
        private int _prepared;
        private int _reused;

        public (int Prepared, int Reused) Counts
        {
            get
            {
                lock (_lock)
                {
                    return (_prepared, _reused);
                }
            }
        }

        [SuppressMessage("Security", "CA2100", Justification = "The SQL is EF's own, with every value a parameter; this only keeps it prepared.")]
        public SqliteCommand Take(SqliteConnection connection, string sql)
        {
            lock (_lock)
            {
                if (_bySql.Remove(sql, out var node))
                {
                    _byUse.Remove(node);
                    _reused++;
                    return node.Value;
                }
                _prepared++;
            }
            return new SqliteCommand(sql, connection);
        }

        /// <summary>
        /// Keeps a command whose reader is done. While the same SQL is already kept (a query run inside another with the
        /// same text) the second one is simply disposed.
        /// </summary>
        public void Keep(SqliteCommand command)
        {
            SqliteCommand? evicted = null;
            lock (_lock)
            {
                if (_bySql.ContainsKey(command.CommandText))
                {
                    evicted = command;
                }
                else
                {
                    _bySql[command.CommandText] = _byUse.AddLast(command);
                    if (_bySql.Count > MaxPerConnection && _byUse.First is { } oldest)
                    {
                        _byUse.RemoveFirst();
                        _bySql.Remove(oldest.Value.CommandText);
                        evicted = oldest.Value;
                    }
                }
            }
            evicted?.Dispose();
        }

        public void DisposeAll()
        {
            lock (_lock)
            {
                foreach (var command in _byUse)
                {
                    command.Dispose();
                }
                _byUse.Clear();
                _bySql.Clear();
            }
        }
    }

    /// <summary>Where EF puts a command's parameters until it runs; the provider's collection has no public constructor.</summary>
    private sealed class Parameters : SqliteParameterCollection;

    /// <summary>
    /// The command EF fills in (text, parameters, transaction, timeout) and runs. At execution it takes the connection's
    /// prepared command for that text, binds the parameters to it, and gives it back when EF disposes this one.
    /// </summary>
    private sealed class ReusedCommand(SqliteConnection connection, Prepared cache) : DbCommand
    {
        private readonly Parameters _parameters = new();
        private SqliteCommand? _taken;
        private SqliteDataReader? _reader;
        private int? _timeout;

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout
        {
            get => _timeout ?? connection.DefaultTimeout;
            set => _timeout = value;
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new ArgumentException("SQLite runs only text commands.", nameof(value));
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (!ReferenceEquals(value, connection))
                {
                    throw new NotSupportedException("A reused SQLite command stays on the connection that prepared it.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Ready().ExecuteReader(behavior);

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        private SqliteCommand Ready()
        {
            if (_taken is not null && _taken.CommandText != CommandText)
            {
                GiveBack();
            }
            var command = _taken ??= cache.Take(connection, CommandText);
            command.Transaction = (SqliteTransaction?)DbTransaction;
            command.CommandTimeout = CommandTimeout;
            command.Parameters.Clear();
            foreach (SqliteParameter parameter in _parameters)
            {
                command.Parameters.Add(parameter);
            }
            return command;
        }

        private void GiveBack()
        {
            var command = _taken!;
            _taken = null;
            // A reader still open keeps its statement running: that command cannot serve anyone else.
            if (_reader is { IsClosed: false })
            {
                command.Dispose();
            }
            else
            {
                command.Parameters.Clear();
                command.Transaction = null;
                cache.Keep(command);
            }
            _reader = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _taken is not null)
            {
                GiveBack();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// SQLite's <c>sqlite3_txn_state</c> (SQLite 3.34 and later), which SQLitePCLRaw 2.1 does not wrap, called in the same
/// native library the provider loads (the app uses SQLitePCLRaw's bundled <c>e_sqlite3</c>, never another provider). The
/// handle is passed as the provider's SafeHandle, so it cannot be released during the call.
/// </summary>
internal static class NativeMethods
{
    /// <summary>No transaction is open on the connection, neither reading nor writing.</summary>
    public const int SqliteTxnNone = 0;

    /// <summary>The highest transaction state over the connection's databases when <paramref name="schema"/> is null.</summary>
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int sqlite3_txn_state(SQLitePCL.sqlite3 db, IntPtr schema);
}
