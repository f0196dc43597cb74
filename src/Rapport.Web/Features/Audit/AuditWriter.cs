using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

public sealed class AuditOptions
{
    /// <summary>Most entries sealed in one block (one transaction).</summary>
    public int MaxBlockSize { get; set; } = 256;
    /// <summary>How long the appender waits for more entries after the first, trading a little latency for fewer commits.</summary>
    public TimeSpan MaxBlockDelay { get; set; } = TimeSpan.FromMilliseconds(2);
    /// <summary>How often an idle appender looks for entries staged by a transaction it was not told about (another instance's).</summary>
    public TimeSpan InboxPollEvery { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a save waits for its staged entries to be sealed; they are durable either way.</summary>
    public TimeSpan SealTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromMinutes(1);
    public string CheckpointDirectory { get; set; } = "data/audit-checkpoints";
    /// <summary>When set, each checkpoint is also e-mailed here, so a copy lives outside this system altogether.</summary>
    public string? CheckpointEmail { get; set; }
}

/// <summary>
/// The one appender of the audit log on this instance (group commit). Entries arrive through a bounded channel
/// (<see cref="WriteAsync"/>) or are staged in the inbox by a use case's own transaction; the appender seals up to
/// <see cref="AuditOptions.MaxBlockSize"/> of them at a time into one <see cref="AuditBlock"/>, in one transaction
/// under a cross-instance lock (PostgreSQL advisory lock; SQLite has a single writer), and only then tells each
/// caller. So nothing is acknowledged before it is durable, and the block number's primary key refuses a fork.
/// </summary>
public sealed class AuditWriter : IAsyncDisposable
{
    private const long PostgresAdvisoryLockKey = 0x5241_5050_4f52_5401; // "RAPPORT" + 1

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly AuditKeyRing keys;
    private readonly AuditOptions options;
    private readonly ILogger<AuditWriter> log;
    private readonly Channel<Submission> queue;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> inboxWaiters = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock startLock = new();
    private Task? loop;
    private long lastInboxLook;

    public AuditWriter(IServiceScopeFactory scopes, TimeProvider clock, AuditKeyRing keys, IOptions<AuditOptions> options, ILogger<AuditWriter> log)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.keys = keys;
        this.options = options.Value;
        this.log = log;
        // Bounded: under a flood callers wait to enqueue instead of growing memory without limit.
        queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(Math.Max(1024, this.options.MaxBlockSize * 8))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Appends one entry and returns once the block holding it is committed; throws when it could not be.</summary>
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        EnsureStarted();
        var submission = new Submission(entry, clock.GetUtcNow(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(submission, ct);
        // Once queued the entry will be written even if the caller gives up; waiting on is what makes the caller's
        // success depend on its audit.
        await submission.Sealed.Task;
    }

    /// <summary>
    /// Waits until entries staged by a committed transaction are sealed. They are durable already, so a timeout is
    /// logged, not thrown: the appender (this instance's or another's) seals them on its next round.
    /// </summary>
    public async Task WhenSealedAsync(IReadOnlyCollection<long> inboxIds, CancellationToken ct = default)
    {
        if (inboxIds.Count == 0)
        {
            return;
        }
        EnsureStarted();
        var waits = inboxIds.Select(id => inboxWaiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task).ToArray();
        queue.Writer.TryWrite(Submission.Wake);
        try
        {
            // Real time, not the injected clock: tests move that clock, and a wait must not depend on it.
            await Task.WhenAll(waits).WaitAsync(options.SealTimeout, ct);
        }
        catch (TimeoutException)
        {
            log.LogWarning("Audit entries {Ids} were not sealed within {Timeout}; they stay in the inbox until they are", inboxIds, options.SealTimeout);
        }
    }

    internal void EnsureStarted()
    {
        if (loop is not null)
        {
            return;
        }
        lock (startLock)
        {
            loop ??= Task.Run(() => RunAsync(stopping.Token));
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<Submission>(options.MaxBlockSize);
        while (!stop.IsCancellationRequested)
        {
            batch.Clear();
            try
            {
                await WaitForWorkAsync(stop);
                Drain(batch);
                await GatherMoreAsync(batch);
                // Keep sealing while the inbox has a backlog (a burst of staged entries, or rows left by a stopped instance).
                while (await SealAsync(batch, stop) && !stop.IsCancellationRequested)
                {
                    batch.Clear();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                // The app is shutting down and its services are gone; whatever is staged waits in the inbox.
                break;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Sealing an audit block of {Count} entries failed", batch.Count(s => s.Entry is not null));
                foreach (var s in batch)
                {
                    s.Sealed.TrySetException(new InvalidOperationException("The audit entry could not be written.", ex));
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
        }
        foreach (var s in batch)
        {
            s.Sealed.TrySetCanceled(CancellationToken.None);
        }
        while (queue.Reader.TryRead(out var left))
        {
            left.Sealed.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stop)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stop);
        poll.CancelAfter(options.InboxPollEvery);
        try
        {
            await queue.Reader.WaitToReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // Idle: fall through and look at the inbox.
        }
    }

    /// <summary>
    /// Waits for more entries only while more are arriving (callers answered by the last block come straight back),
    /// and never longer than <see cref="AuditOptions.MaxBlockDelay"/>: a lone caller is not kept waiting for company.
    /// </summary>
    private async Task GatherMoreAsync(List<Submission> batch)
    {
        if (batch.Count == 0 || options.MaxBlockDelay <= TimeSpan.Zero)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var quiet = 0;
        while (batch.Count < options.MaxBlockSize && quiet < 2 && Stopwatch.GetElapsedTime(started) < options.MaxBlockDelay)
        {
            var before = batch.Count;
            await Task.Yield();
            Drain(batch);
            quiet = batch.Count == before ? quiet + 1 : 0;
        }
    }

    private void Drain(List<Submission> batch)
    {
        while (batch.Count < options.MaxBlockSize && queue.Reader.TryRead(out var s))
        {
            if (s.Entry is not null)
            {
                batch.Add(s);
            }
        }
    }

    private sealed record LastSealed(long Number, string Head, long Next);

    // Read once per block, so compiled once (Data/CompiledQuery.cs).
    private static readonly CompiledQuery<Func<AppDbContext, CancellationToken, Task<LastSealed?>>> LastBlock = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, CancellationToken ct) => db.AuditBlocks.AsNoTracking().OrderByDescending(b => b.Number)
            .Select(b => new LastSealed(b.Number, b.Head, b.FirstSequence + b.Count)).FirstOrDefault()));

    /// <summary>Seals one block; true when the inbox had more than fitted, so another round should follow at once.</summary>
    private async Task<bool> SealAsync(List<Submission> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (batch.Count == 0 && inboxWaiters.IsEmpty && !await db.AuditInbox.AnyAsync(ct))
        {
            // An idle poll with nothing staged anywhere: no need to take the lock (on SQLite, the database's one writer slot).
            return false;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", ct);
        }
        var last = await LastBlock.For(db)(db, ct);
        var room = options.MaxBlockSize - batch.Count;
        // Under steady load the appender never idles, so it looks at the inbox when somebody here waits on it, and
        // otherwise (entries staged by another instance, or left by a stopped one) at most once per poll interval:
        // one query fewer in most blocks.
        var lookAtInbox = room > 0 && (batch.Count == 0 || !inboxWaiters.IsEmpty
            || Stopwatch.GetElapsedTime(lastInboxLook) >= options.InboxPollEvery);
        var staged = lookAtInbox
            ? await db.AuditInbox.AsNoTracking().OrderBy(e => e.Id).Take(room).ToListAsync(ct)
            : [];
        if (lookAtInbox)
        {
            lastInboxLook = Stopwatch.GetTimestamp(); // only the appender loop reads and writes it
        }
        var waiting = inboxWaiters.Keys.ToArray();
        var stillStaged = waiting.Length == 0 ? []
            : (await db.AuditInbox.AsNoTracking().Where(e => waiting.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();

        var sealedIds = staged.Select(e => e.Id).ToHashSet();
        if (staged.Count + batch.Count > 0)
        {
            var number = (last?.Number ?? 0) + 1;
            var sequence = last?.Next ?? 1;
            var events = new List<AuditEvent>(staged.Count + batch.Count);
            // Staged entries first: they committed before this round began.
            events.AddRange(staged.Select(e => AuditEvent.Seal(sequence++, number, e.ToEntry(), e.OccurredAt)));
            events.AddRange(batch.Select(s => AuditEvent.Seal(sequence++, number, s.Entry!, s.At)));
            var block = AuditBlock.Seal(number, events[0].Sequence, events.Select(e => e.LeafHash()).ToList(),
                last?.Head ?? AuditBlock.GenesisHead, clock.GetUtcNow(), keys);
            await AuditRows.InsertAsync(db, events, block, ct);
            if (sealedIds.Count > 0)
            {
                // By id, never by range: a lower id may still be committing and must wait for the next block.
                var ids = sealedIds.ToArray();
                await db.AuditInbox.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
            }
        }
        await tx.CommitAsync(ct);

        foreach (var s in batch)
        {
            s.Sealed.TrySetResult();
        }
        foreach (var id in waiting)
        {
            // Sealed by this block, or no longer staged because another instance sealed it first.
            if ((sealedIds.Contains(id) || !stillStaged.Contains(id)) && inboxWaiters.TryRemove(id, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
        foreach (var id in sealedIds)
        {
            if (inboxWaiters.TryRemove(id, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
        return room > 0 && staged.Count == room;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        stopping.Dispose();
    }

    private sealed record Submission(AuditEntry? Entry, DateTimeOffset At, TaskCompletionSource Sealed)
    {
        /// <summary>A nudge to look at the inbox now rather than at the next poll.</summary>
        public static readonly Submission Wake = new(null, default, new TaskCompletionSource());
    }
}
