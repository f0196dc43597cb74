using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// Inserts a sealed block and its entries with plain INSERT statements instead of through <c>SaveChanges</c>. The
/// appender seals a block every few requests, and SaveChanges' work for each (an entry and a snapshot per row, the
/// command batch, a savepoint around it and its release, accepting the changes afterwards) was most of the block's
/// insert (docs/performance.md, "The audit block's rows"). The statements are built once per model from EF's own
/// mapping (table and column names, each column's type mapping with its converter), so the rows are stored exactly as
/// EF would store them, on either database.
/// </summary>
/// <remarks>
/// The entries' statement has a text for each of 1 to 16 rows, and for 32 and 64: a block of up to 16 entries (what
/// blocks hold under load) or of exactly 32 or 64 costs one statement for its entries and one for the block, a larger
/// block a few more, and a database sees at most nineteen distinct texts. On SQLite each stays prepared on its
/// connection (Data/SqliteStatements.cs).
/// </remarks>
internal sealed class AuditRows
{
    /// <summary>The row counts the entries' statement comes in.</summary>
    internal static readonly int[] EntryChunks = [.. Enumerable.Range(1, 16), 32, 64];

    private static readonly ConditionalWeakTable<IModel, AuditRows> ByModel = [];

    private readonly Insert entries;
    private readonly Insert blocks;

    private AuditRows(IModel model, ISqlGenerationHelper sql)
    {
        entries = new Insert(model.FindEntityType(typeof(AuditEvent))!, sql, EntryChunks);
        blocks = new Insert(model.FindEntityType(typeof(AuditBlock))!, sql, [1]);
    }

    /// <summary>How many of the remaining entries the next statement takes: the largest chunk that fits.</summary>
    internal static int NextChunk(int remaining) => EntryChunks.Last(size => size <= remaining);

    /// <summary>Adds the block and its entries in the context's current transaction.</summary>
    public static async Task InsertAsync(DbContext db, IReadOnlyList<AuditEvent> events, AuditBlock block, CancellationToken ct)
    {
        if (!ByModel.TryGetValue(db.Model, out var rows))
        {
            rows = new AuditRows(db.Model, db.GetService<ISqlGenerationHelper>());
            ByModel.AddOrUpdate(db.Model, rows);
        }
        // A command of the connection's own kind makes the parameters; EF then runs the text with them. (EF passes the
        // text through string.Format; it holds only quoted identifiers and parameter names, never a brace.)
        await using var parameters = db.Database.GetDbConnection().CreateCommand();
        for (var done = 0; done < events.Count;)
        {
            var chunk = NextChunk(events.Count - done);
            await db.Database.ExecuteSqlRawAsync(rows.entries.Text(chunk), rows.entries.Values(parameters, events, done, chunk), ct);
            done += chunk;
        }
        await db.Database.ExecuteSqlRawAsync(rows.blocks.Text(1), rows.blocks.Values(parameters, [block], 0, 1), ct);
    }

    /// <summary>One table's INSERT: its columns in model order, and the statement text for each row count it comes in.</summary>
    private sealed class Insert
    {
        private readonly IProperty[] columns;
        private readonly IClrPropertyGetter[] getters;
        private readonly RelationalTypeMapping[] mappings;
        private readonly string[] names;
        private readonly string?[] texts;

        public Insert(IEntityType entity, ISqlGenerationHelper sql, int[] rowCounts)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
            getters = columns.Select(p => p.GetGetter()).ToArray();
            mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
            var most = rowCounts.Max();
            var plain = Enumerable.Range(0, most * columns.Length).Select(i => $"p{i}").ToArray();
            names = plain.Select(sql.GenerateParameterName).ToArray();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
            texts = new string?[most + 1];
            foreach (var rows in rowCounts)
            {
                var text = new StringBuilder(head);
                for (var row = 0; row < rows; row++)
                {
                    text.Append(row == 0 ? "(" : ", (");
                    for (var column = 0; column < columns.Length; column++)
                    {
                        text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(plain[(row * columns.Length) + column]));
                    }
                    text.Append(')');
                }
                texts[rows] = text.ToString();
            }
        }

        public string Text(int rows) => texts[rows]!;

        public DbParameter[] Values<T>(DbCommand factory, IReadOnlyList<T> items, int from, int rows)
            where T : class
        {
            var values = new DbParameter[rows * columns.Length];
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns.Length; column++)
                {
                    var at = (row * columns.Length) + column;
                    values[at] = mappings[column].CreateParameter(factory, names[at], getters[column].GetClrValue(items[from + row]), columns[column].IsNullable);
                }
            }
            return values;
        }
    }
}
