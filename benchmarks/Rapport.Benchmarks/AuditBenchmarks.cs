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
/// lock: what the log did before). Verify: the whole check over a log of 1,000,000 entries, built once and reused
/// (database rapport_bench_audit_1m, key in the temp directory).
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
        await using var scope = _services.CreateAsyncScope();
        var have = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.LongCountAsync();
        var writer = _services.GetRequiredService<AuditWriter>();
        // 512 callers keep the appender's blocks full while the log is built.
        await Task.WhenAll(Enumerable.Range(0, 512).Select(async c =>
        {
            for (var i = have + c; i < Entries; i += 512)
            {
                await writer.WriteAsync(new AuditEntry("bench.verify", UserId: Guid.NewGuid(), IpAddress: "203.0.113.7", Detail: $"entry {i}"));
            }
        }));
        var report = await _services.GetRequiredService<AuditVerifier>().VerifyAsync();
        if (!report.Intact || report.RowsChecked < Entries)
        {
            throw new InvalidOperationException($"The benchmark log is not what it should be: {report}");
        }
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
        services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connection));
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
