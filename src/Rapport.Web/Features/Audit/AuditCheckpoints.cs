using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// A signed statement, kept outside the database, of how far the log reached: the last block, the number of entries
/// and the block's head. Rows cut from the end of the log leave a valid-looking shorter chain; the checkpoint is what
/// shows that something was there.
/// </summary>
public sealed record AuditCheckpoint(long Block, long Entries, string Head, DateTimeOffset At, string KeyId, string Signature)
{
    public static byte[] Payload(long block, long entries, string head, DateTimeOffset at) => Encoding.UTF8.GetBytes(string.Join('\n',
        "rapport-audit-checkpoint/1",
        block.ToString(CultureInfo.InvariantCulture),
        entries.ToString(CultureInfo.InvariantCulture),
        head,
        at.UtcTicks.ToString(CultureInfo.InvariantCulture)));

    public static AuditCheckpoint Sign(long block, long entries, string head, DateTimeOffset at, AuditKeyRing keys)
    {
        at = AuditTime.Truncate(at);
        var (keyId, signature) = keys.Sign(Payload(block, entries, head, at));
        return new AuditCheckpoint(block, entries, head, at, keyId, signature);
    }

    public bool IsSignedBy(AuditKeyRing keys) => keys.Verify(KeyId, Payload(Block, Entries, Head, At), Signature);
}

/// <summary>
/// Somewhere outside this system that receives each checkpoint as it is written, so a copy survives whatever happens to
/// the checkpoint directory. Implemented above Audit (docs/architecture.md, "Layers"): by Notifications, as an e-mail.
/// </summary>
public interface IAuditCheckpointCopy
{
    Task SendAsync(AuditCheckpoint checkpoint, string checkpointJson, CancellationToken ct);
}

/// <summary>Writes checkpoints to <see cref="AuditOptions.CheckpointDirectory"/> and reads the latest back.</summary>
public sealed class AuditCheckpoints(IServiceScopeFactory scopes, AuditKeyRing keys, TimeProvider clock,
    IOptions<AuditOptions> options, IHostEnvironment env, ILogger<AuditCheckpoints> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory => Path.GetFullPath(options.Value.CheckpointDirectory, env.ContentRootPath);

    /// <summary>Writes a checkpoint for the newest block unless the newest file already names it; returns what was written.</summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var last = await db.AuditBlocks.AsNoTracking().OrderByDescending(b => b.Number)
            .Select(b => new { b.Number, b.Head, Entries = b.FirstSequence + b.Count - 1 }).FirstOrDefaultAsync(ct);
        if (last is null || (Latest() is { } latest && latest.Block >= last.Number))
        {
            return null;
        }
        var checkpoint = AuditCheckpoint.Sign(last.Number, last.Entries, last.Head, clock.GetUtcNow(), keys);
        System.IO.Directory.CreateDirectory(Directory);
        var text = JsonSerializer.Serialize(checkpoint, Json);
        // Written whole then renamed, so a reader never sees half a file; instances sharing the directory write the same name.
        var file = Path.Combine(Directory, $"checkpoint-{checkpoint.Block:D12}.json");
        var temp = file + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, text, ct);
        File.Move(temp, file, overwrite: true);
        // A copy elsewhere (Notifications e-mails it to Audit:CheckpointEmail): Audit itself knows nothing of mail.
        foreach (var copy in scope.ServiceProvider.GetServices<IAuditCheckpointCopy>())
        {
            await copy.SendAsync(checkpoint, text, ct);
        }
        log.LogInformation("Audit checkpoint written for block {Block} ({Entries} entries)", checkpoint.Block, checkpoint.Entries);
        return checkpoint;
    }

    /// <summary>The checkpoint with the highest block number in the directory, or null when there is none.</summary>
    public AuditCheckpoint? Latest()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }
        var newest = System.IO.Directory.EnumerateFiles(Directory, "checkpoint-*.json").Order(StringComparer.Ordinal).LastOrDefault();
        return newest is null ? null : JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(newest), Json);
    }
}

/// <summary>Starts the appender with the app (so staged entries are sealed even before the first request) and writes checkpoints.</summary>
public sealed class AuditCheckpointJob(AuditWriter writer, AuditCheckpoints checkpoints, IOptions<AuditOptions> options,
    ILogger<AuditCheckpointJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        writer.EnsureStarted();
        using var timer = new PeriodicTimer(options.Value.CheckpointEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await checkpoints.WriteAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Writing an audit checkpoint failed");
            }
        }
    }
}
