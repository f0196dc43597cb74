using System.Runtime.Loader;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Rapport.Web.Data;

public static class DataSetup
{
    /// <summary>
    /// A course loads its sessions and phase history (a decision analysis its options and tries) in one query. Both
    /// lists hold a few dozen rows at most, so the joined rows stay small and one round trip beats two: the warning
    /// about loading two collections in one query is expected here, not a sign of a slow query.
    /// </summary>
    private static void SmallChildCollections(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
        w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.MultipleCollectionIncludeWarning)
            // Each app host builds EF's internal provider once, for its own interceptors; one process running many hosts
            // (the test suite, which starts an app per database and per isolated fixture) is not the per-context leak
            // this warning is about, so it is logged rather than thrown.
            .Log(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning);

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// Pooled SQLite contexts each keep a connection open (KeptOpenSqliteConnection), so the pool holds no more contexts
    /// than concurrent requests need on a small server; a context beyond it is made and disposed for its one request.
    /// </summary>
    public const int SqliteContextPoolSize = 64;

    /// <summary>Each database's migrations live in a project of their own (docs/adr/0002-migrations-apart-and-squashed.md).</summary>
    public const string SqliteMigrations = "Rapport.Migrations.Sqlite";
    public const string PostgresMigrations = "Rapport.Migrations.Postgres";

    /// <summary>
    /// The migrations assemblies reference this one, so this one cannot reference them: its build builds them and copies
    /// them beside it (Rapport.Web.csproj, BuildMigrations), but they are not in its deps.json, and .NET loads by name only
    /// what deps.json lists. EF loads the migrations assembly by name, so a name it cannot find is looked up beside the
    /// app. Tests and benchmarks reference the migrations projects and find them the ordinary way.
    /// </summary>
    private static void FindMigrationsBesideTheApp() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name is SqliteMigrations or PostgresMigrations
            && Path.Combine(AppContext.BaseDirectory, name.Name + ".dll") is var path && File.Exists(path)
                ? context.LoadFromAssemblyPath(path)
                : null;

    private static readonly Lazy<bool> MigrationsFound = new(() =>
    {
        FindMigrationsBesideTheApp();
        return true;
    });

    /// <summary>
    /// SQLite (embedded, the default) or PostgreSQL (production), chosen by <c>Database:Provider</c>;
    /// the connection string is <c>ConnectionStrings:Rapport</c>. Contexts are pooled: setting up a new one (its
    /// internal services and model lookup) cost about a tenth of a one-query page (docs/performance.md). The context
    /// keeps no state of its own beyond what EF resets when a context goes back to the pool.
    /// </summary>
    public static void AddData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClinicalTextCipher>();
        _ = MigrationsFound.Value;
        var provider = builder.Configuration["Database:Provider"] ?? Sqlite;
        var connectionString = builder.Configuration.GetConnectionString("Rapport");
        if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Rapport is not set.");
            }
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) =>
                o.UseNpgsql(connectionString, n => n.MigrationsAssembly(PostgresMigrations)).AddInterceptors(sp.GetServices<IInterceptor>()).ConfigureWarnings(SmallChildCollections)
                    .ReplaceService<IModelCacheKeyFactory, ClinicalTextCipher.ModelCacheKey>());
        }
        else if (provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var cs = new SqliteConnectionStringBuilder(connectionString ?? "Data Source=data/rapport.db");
            // A relative file lives under the content root, so `dotnet run` from anywhere finds the same database.
            if (!Path.IsPathRooted(cs.DataSource) && cs.DataSource != ":memory:")
            {
                cs.DataSource = Path.Combine(builder.Environment.ContentRootPath, cs.DataSource);
                Directory.CreateDirectory(Path.GetDirectoryName(cs.DataSource)!);
            }
            cs.DefaultTimeout = 30;
            cs.Pooling = true;
            // Statements stay prepared on connections kept open between requests (SqliteStatements); the switch exists to
            // compare, and as a way back should a future provider version disagree with it.
            var keepPrepared = builder.Configuration.GetValue("Database:KeepSqliteStatementsPrepared", true);
            // Interceptors registered in DI join every context (the tests count SQL commands with one). They are singletons.
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) =>
            {
                o.UseSqlite(cs.ToString(), s => s.MigrationsAssembly(SqliteMigrations)).AddInterceptors(sp.GetServices<IInterceptor>()).ConfigureWarnings(SmallChildCollections)
                    .ReplaceService<IModelCacheKeyFactory, ClinicalTextCipher.ModelCacheKey>();
                if (keepPrepared)
                {
                    KeptOpenSqliteConnection.Use(o);
                }
            }, poolSize: SqliteContextPoolSize);
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be {Sqlite} or {Postgres}, not '{provider}'.");
        }
    }

    /// <summary>
    /// New keys use AES-256-GCM rather than the default AES-256-CBC with HMAC-SHA256: every signed-in request unprotects its
    /// session cookie and anti-forgery token and protects a new token, and clinical text is protected value by value; GCM
    /// does each in about half the time here (docs/performance.md, "Per request, once"). A key records its own algorithm,
    /// so cookies, tokens and text protected with an older CBC key stay readable until that key expires.
    /// </summary>
    public static AuthenticatedEncryptorConfiguration NewKeyAlgorithms => new() { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM };

    /// <summary>
    /// Keys that protect cookies and tokens live in the database, so every instance shares them and
    /// sessions survive a restart. With <c>DataProtection:CertificatePath</c> set, the keys are encrypted at rest.
    /// </summary>
    public static void AddSharedKeys(this WebApplicationBuilder builder)
    {
        var dp = builder.Services.AddDataProtection().SetApplicationName("Rapport").PersistKeysToDbContext<AppDbContext>()
            .UseCryptographicAlgorithms(NewKeyAlgorithms);
        var certificate = builder.Configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrEmpty(certificate))
        {
            // Unencrypted keys next to the data would let anyone who reads the database forge any session.
            if (!builder.Environment.IsDevelopment() && !builder.Configuration.GetValue<bool>("DataProtection:AllowUnprotectedKeys"))
            {
                throw new InvalidOperationException(
                    "Set DataProtection:CertificatePath (a PFX that encrypts the session keys stored in the database), " +
                    "or DataProtection:AllowUnprotectedKeys=true for a throwaway trial.");
            }
        }
        else
        {
            dp.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration["DataProtection:CertificatePassword"]));
        }
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await MigrateAsync(db, ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        // Make sure a data-protection key exists now: created lazily, it would be written on its own connection in
        // the middle of the first save of clinical text, which SQLite refuses inside an open transaction.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Rapport.Startup").Protect("ready");
    }

    /// <summary>A database from before the squash is first baselined (<see cref="SquashedMigrations"/>), then migrated.</summary>
    internal static async Task MigrateAsync(AppDbContext db, CancellationToken ct)
    {
        await SquashedMigrations.BaselineAsync(db.Database, ct);
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>Lets <c>dotnet ef migrations add X --project src/Rapport.Migrations.Sqlite --context SqliteAppDbContext</c> build the model without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db", s => s.MigrationsAssembly(DataSetup.SqliteMigrations)).Options);
}

/// <summary>Design-time only: building migrations needs no reachable server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql("Host=localhost;Database=rapport_design", n => n.MigrationsAssembly(DataSetup.PostgresMigrations)).Options);
}
