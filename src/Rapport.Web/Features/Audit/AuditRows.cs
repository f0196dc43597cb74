using System.Data.Common;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// Inserts a sealed block and its entries with plain INSERT statements instead of through the change tracker. The
/// appender seals a block every few requests, and SaveChanges' bookkeeping for each entity (entries, snapshots, command
/// batches, accepting the changes afterwards) was most of the block's insert (docs/performance.md, "The audit block's
/// rows"). The statements are built once per model from EF's own mapping (table and column names, each column's type
/// mapping with its converter), so the rows are stored exactly as EF would store them, on either database.
/// </summary>
/// <remarks>
/// Entries go in chunks of a power of two rows (at most <see cref="LargestChunk"/>), so a database sees at most seven
/// distinct statements for them and one for the block: on SQLite each stays prepared on its connection
/// (Data/SqliteStatements.cs), and a block of a few entries costs one statement for the entries and one for the block.
/// </remarks>
internal sealed class AuditRows
{
    internal const int LargestChunk = 64;

    private static readonly ConditionalWeakTable<IModel, AuditRows> ByModel = [];

    private readonly Insert entries;
    private readonly Insert blocks;

    private AuditRows(IModel model, ISqlGenerationHelper sql)
    {
        entries = new Insert(model.FindEntityType(typeof(AuditEvent))!, sql);
        blocks = new Insert(model.FindEntityType(typeof(AuditBlock))!, sql);
    }

    /// <summary>Adds the block and its entries in the context's current transaction.</summary>
    public static async Task InsertAsync(DbContext db, IReadOnlyList<AuditEvent> events, AuditBlock block, CancellationToken ct)
    {
        if (!ByModel.TryGetValue(db.Model, out var rows))
        {
            rows = new AuditRows(db.Model, db.GetService<ISqlGenerationHelper>());
            ByModel.AddOrUpdate(db.Model, rows);
        }
        // A command of the connection's own kind makes the parameters; EF then runs the text with them.
        await using var parameters = db.Database.GetDbConnection().CreateCommand();
        for (var done = 0; done < events.Count;)
        {
            var chunk = Math.Min(LargestChunk, 1 << BitOperations.Log2((uint)(events.Count - done)));
            await db.Database.ExecuteSqlRawAsync(rows.entries.Text(chunk), rows.entries.Values(parameters, events, done, chunk), ct);
            done += chunk;
        }
        await db.Database.ExecuteSqlRawAsync(rows.blocks.Text(1), rows.blocks.Values(parameters, [block], 0, 1), ct);
    }

    /// <summary>One table's INSERT: its columns in model order, and the statement text for each chunk size.</summary>
    private sealed class Insert
    {
        private readonly IProperty[] columns;
        private readonly RelationalTypeMapping[] mappings;
        private readonly string[] texts;
        private readonly string[] names;

        public Insert(IEntityType entity, ISqlGenerationHelper sql)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
            mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
            names = Enumerable.Range(0, LargestChunk * columns.Length).Select(i => sql.GenerateParameterName($"p{i}")).ToArray();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
            texts = new string[BitOperations.Log2(LargestChunk) + 1];
            for (var power = 0; power < texts.Length; power++)
            {
                var text = new StringBuilder(head);
                for (var row = 0; row < 1 << power; row++)
                {
                    text.Append(row == 0 ? "(" : ", (");
                    for (var column = 0; column < columns.Length; column++)
                    {
                        text.Append(column == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{(row * columns.Length) + column}"));
                    }
                    text.Append(')');
                }
                texts[power] = text.ToString();
            }
        }

        public string Text(int rows) => texts[BitOperations.Log2((uint)rows)];

        public DbParameter[] Values<T>(DbCommand factory, IReadOnlyList<T> items, int from, int rows)
            where T : class
        {
            var values = new DbParameter[rows * columns.Length];
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns.Length; column++)
                {
                    var at = (row * columns.Length) + column;
                    values[at] = mappings[column].CreateParameter(factory, names[at], columns[column].GetGetter().GetClrValue(items[from + row]), columns[column].IsNullable);
                }
            }
            return values;
        }
    }
}
