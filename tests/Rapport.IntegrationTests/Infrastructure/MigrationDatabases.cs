using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Contexts on databases of their own that do not exist yet, for tests that run the migrations step by step.</summary>
public static class MigrationDatabases
{
    /// <summary>
    /// These contexts are built beside the many app hosts of the test run, each with EF's internal provider: the warning
    /// about many providers is logged here, as the app does (Data/DataSetup.cs), instead of failing by test order.
    /// </summary>
    public static void ManyHosts(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
        w.Log(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning);

    /// <summary>
    /// Saves what a test added on a database still at an earlier migration. Today's model may map columns that schema
    /// lacks (a later migration adds them), and EF would write them: they are added, nullable, for the save and dropped
    /// again, so the migration under test then runs on exactly the schema it was written for.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names come from the EF model, not from input.")]
    public static async Task SaveOnEarlierSchemaAsync(this AppDbContext db, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        var added = new List<(string Table, string Column)>();
        foreach (var table in db.ChangeTracker.Entries().Select(e => e.Metadata).Distinct()
            .Select(t => (Type: t, Name: t.GetTableName())).Where(t => t.Name is not null).DistinctBy(t => t.Name))
        {
            var existing = new HashSet<string>(StringComparer.Ordinal);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = sqlite
                    ? $"SELECT name FROM pragma_table_info('{table.Name}')"
                    : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table.Name}'";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    existing.Add(reader.GetString(0));
                }
            }
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table.Name!, table.Type.GetSchema());
            foreach (var property in table.Type.GetProperties())
            {
                if (property.GetColumnName(store) is { } column && !existing.Contains(column))
                {
                    var add = $"ALTER TABLE \"{table.Name}\" ADD COLUMN \"{column}\" {property.GetColumnType()} NULL";
                    await db.Database.ExecuteSqlRawAsync(add, ct);
                    added.Add((table.Name!, column));
                }
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (table, column) in added)
        {
            var drop = $"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\"";
            await db.Database.ExecuteSqlRawAsync(drop, ct);
        }
    }

    public static AppDbContext NewSqlite() => NewSqliteAt(Path.Combine(Path.GetTempPath(), $"rapport-migration-{Guid.NewGuid():N}.db"));

    public static AppDbContext NewSqliteAt(string path) => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
        .UseSqlite($"Data Source={path};Pooling=false").ConfigureWarnings(ManyHosts).Options);

    public static AppDbContext NewPostgres() => NewPostgresNamed($"rapport_migration_{Guid.NewGuid():N}");

    /// <summary>Unpooled, so nothing stays connected to the database once the context is disposed.</summary>
    public static AppDbContext NewPostgresNamed(string database)
    {
        var server = Environment.GetEnvironmentVariable("RAPPORT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("RAPPORT_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).ConfigureWarnings(ManyHosts).Options);
    }
}
