using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// One database per provider migrated once for the whole test run, which every app's own database starts as a copy of.
/// A run starts some 34 apps (the shared ones, and one for each class that moves the clock or needs other settings);
/// migrating each from nothing cost about 2 s of CPU apiece. The copy is the same schema the migrations build, and each
/// app still runs the migrator at start (`Database:MigrateOnStart`), which finds nothing pending, so a migration that
/// fails on a fresh database still fails the run. Migration tests themselves start from empty databases of their own
/// (<see cref="MigrationDatabases"/>).
/// </summary>
public static class MigratedTemplates
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresAsync);

    /// <summary>Copies the migrated SQLite template to <paramref name="path"/>.</summary>
    public static async Task CopySqliteTo(string path)
    {
        var template = await SqliteTemplate.Value;
        File.Copy(template, path);
    }

    /// <summary>Creates <paramref name="database"/> on the test server as a copy of the migrated PostgreSQL template.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Both names are made here from GUIDs; identifiers cannot be parameters.")]
    public static async Task CreatePostgresDatabase(string serverConnection, string database)
    {
        var template = await PostgresTemplate.Value;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        // PostgreSQL copies a template only while nobody else is connected to it; concurrent copies by other apps are
        // refused with "source database is being accessed by other users", so they wait their turn.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", connection);
                await create.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rapport-template-{Guid.NewGuid():N}.db");
        // Journal mode stays the default (one file) while migrating, so a plain file copy is the whole database;
        // each app switches its copy to WAL at start.
        await using (var db = MigrationDatabases.NewSqliteAt(path))
        {
            await db.Database.MigrateAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var name = $"rapport_template_{Guid.NewGuid():N}";
        await using (var db = MigrationDatabases.NewPostgresNamed(name))
        {
            await db.Database.MigrateAsync();
        }
        return name;
    }
}
