using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Rapport.Web.Data;
using Rapport.Web.Features.Audit;

namespace Rapport.Benchmarks;

/// <summary>
/// The audit log on a real PostgreSQL server (RAPPORT_BENCH_POSTGRES, a server connection string; benchmarks/audit.sh
/// starts one). Appends: 64 callers at once, each writing 32 entries and waiting for each to be sealed, with the
/// group-commit appender (blocks of up to 256) and with blocks of one entry (one transaction per entry under the
/// lock: what the log did before). Verify: the whole check over a log of 1,000,000 entries in 3,907 signed blocks with
/// a checkpoint, built once and reused (database rapport_bench_audit_1m, key and checkpoint in the temp directory).
/// </summary>
[Config(typeof(InProcessConfig))]
public class AuditAppendBenchmarks
{
    private const int Callers = 64;
    private const int EachWrites = 32;
    private ServiceProvider _services = null!;
    private AuditWriter _writer = null!;

    /// <summary>1: every entry its own transaction (the log before group commit); 256: the default.</summary>
    [Params(1, 256)]
    public int MaxBlockSize { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = AuditBench.Services($"rapport_bench_audit_appends_{MaxBlockSize}", MaxBlockSize);
        await AuditBench.MigrateAsync(_services);
        _writer = _services.GetRequiredService<AuditWriter>();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    [Benchmark(OperationsPerInvoke = Callers * EachWrites)]
    public Task SixtyFourCallersAppend() => Task.WhenAll(Enumerable.Range(0, Callers).Select(async c =>
    {
        for (var i = 0; i < EachWrites; i++)
        {
            await _writer.WriteAsync(new AuditEntry("bench.append", UserId: Guid.NewGuid(), IpAddress: "203.0.113.7", Detail: $"caller {c} entry {i}"));
        }
    }));
}

[Config(typeof(InProcessConfig))]
public class AuditVerifyBenchmarks
{
    private const long Entries = 1_000_000;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = AuditBench.Services("rapport_bench_audit_1m", 256);
        await AuditBench.MigrateAsync(_services);
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.AuditEvents.LongCountAsync() < Entries)
            {
                await SeedAsync(db, _services.GetRequiredService<AuditKeyRing>());
                await _services.GetRequiredService<AuditCheckpoints>().WriteAsync(CancellationToken.None);
            }
        }
        var report = await _services.GetRequiredService<AuditVerifier>().VerifyAsync();
        if (!report.Intact || report.RowsChecked < Entries)
        {
            throw new InvalidOperationException($"The benchmark log is not what it should be: {report}");
        }
    }

    /// <summary>
    /// Builds the log exactly as the appender would (same leaves, full blocks of 256, signed with the same key), but
    /// written with PostgreSQL's binary COPY: a million single appends would take the benchmark longer than measuring.
    /// </summary>
    private static async Task SeedAsync(AppDbContext db, AuditKeyRing keys)
    {
        await db.Database.ExecuteSqlRawAsync("""
            ALTER TABLE "AuditEvents" DISABLE TRIGGER USER; ALTER TABLE "AuditBlocks" DISABLE TRIGGER USER;
            DELETE FROM "AuditEvents"; DELETE FROM "AuditBlocks";
            ALTER TABLE "AuditEvents" ENABLE TRIGGER USER; ALTER TABLE "AuditBlocks" ENABLE TRIGGER USER;
            """);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var head = AuditBlock.GenesisHead;
        var blocks = new List<AuditBlock>();
        await using (var events = await connection.BeginBinaryImportAsync(
            "COPY \"AuditEvents\" (\"Sequence\", \"Block\", \"OccurredAt\", \"Action\", \"Outcome\", \"UserId\", \"PatientId\", \"Subject\", \"IpAddress\", \"Detail\") FROM STDIN (FORMAT BINARY)"))
        {
            for (long first = 1, number = 1; first <= Entries; first += 256, number++)
            {
                var count = (int)Math.Min(256, Entries - first + 1);
                var leaves = new List<byte[]>(count);
                for (var i = 0; i < count; i++)
                {
                    var e = AuditEvent.Seal(first + i, number, new AuditEntry("bench.verify", UserId: Guid.NewGuid(), PatientId: Guid.NewGuid(),
                        Subject: $"GET /patients/{first + i}", IpAddress: "203.0.113.7", Detail: "status 200"), start.AddMilliseconds(first + i));
                    leaves.Add(e.LeafHash());
                    await events.StartRowAsync();
                    await events.WriteAsync(e.Sequence);
                    await events.WriteAsync(e.Block);
                    await events.WriteAsync(e.OccurredAt);
                    await events.WriteAsync(e.Action);
                    await events.WriteAsync(e.Outcome);
                    await events.WriteAsync(e.UserId);
                    await events.WriteAsync(e.PatientId);
                    await events.WriteAsync(e.Subject);
                    await events.WriteAsync(e.IpAddress);
                    await events.WriteAsync(e.Detail);
                }
                var block = AuditBlock.Seal(number, first, leaves, head, start.AddMilliseconds(first + count), keys);
                head = block.Head;
                blocks.Add(block);
            }
            await events.CompleteAsync();
        }
        db.AuditBlocks.AddRange(blocks);
        await db.SaveChangesAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _services.DisposeAsync();

    [Benchmark]
    public async Task<long> VerifyAMillionEntries() => (await _services.GetRequiredService<AuditVerifier>().VerifyAsync()).RowsChecked;
}

/// <summary>
/// In the benchmark's own process: these measure a database server's work, not JIT differences, and a shared machine
/// under load cannot always build a separate benchmark process within BenchmarkDotNet's two-minute limit.
/// </summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
}

internal static class AuditBench
{
    public static ServiceProvider Services(string database, int maxBlockSize)
    {
        var server = Environment.GetEnvironmentVariable("RAPPORT_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set RAPPORT_BENCH_POSTGRES to a PostgreSQL server connection string (benchmarks/audit.sh does).");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        var root = Path.Combine(Path.GetTempPath(), "rapport-bench-audit");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audit:AllowGeneratedKey"] = "true",
            ["Audit:GeneratedKeyFile"] = Path.Combine(root, "signing-key.pem"),
            ["Audit:CheckpointDirectory"] = Path.Combine(root, database),
            ["Audit:MaxBlockSize"] = maxBlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Audit:MaxBlockDelay"] = maxBlockSize == 1 ? "00:00:00" : "00:00:00.002",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment(root));
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connection, n => n.MigrationsAssembly(DataSetup.PostgresMigrations)));
        services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        services.AddSingleton(sp => AuditKeyRing.Load(config, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditVerifier>();
        return services.BuildServiceProvider();
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    private sealed class BenchEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";
        public string ApplicationName { get; set; } = "Rapport.Benchmarks";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
