using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Web.Data;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>Contexts on databases of their own that do not exist yet, for tests that run the migrations themselves.</summary>
public static class MigrationDatabases
{
    /// <summary>
    /// These contexts are built beside the many app hosts of the test run, each with EF's internal provider: the warning
    /// about many providers is logged here, as the app does (Data/DataSetup.cs), instead of failing by test order.
    /// </summary>
    public static void ManyHosts(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
        w.Log(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning);

    public static AppDbContext NewSqlite() => NewSqliteAt(Path.Combine(Path.GetTempPath(), $"rapport-migration-{Guid.NewGuid():N}.db"));

    public static AppDbContext NewSqliteAt(string path) => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
        .UseSqlite($"Data Source={path};Pooling=false", s => s.MigrationsAssembly(DataSetup.SqliteMigrations)).ConfigureWarnings(ManyHosts).Options);

    public static AppDbContext NewPostgres() => NewPostgresNamed($"rapport_migration_{Guid.NewGuid():N}");

    /// <summary>Unpooled, so nothing stays connected to the database once the context is disposed.</summary>
    public static AppDbContext NewPostgresNamed(string database)
    {
        var server = Environment.GetEnvironmentVariable("RAPPORT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("RAPPORT_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL.");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString;
        return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection, n => n.MigrationsAssembly(DataSetup.PostgresMigrations)).ConfigureWarnings(ManyHosts).Options);
    }
}
