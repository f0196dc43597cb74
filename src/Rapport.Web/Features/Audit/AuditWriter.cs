using Microsoft.EntityFrameworkCore;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// The one place that appends to the audit chain. Appends are serialised: in this process by a
/// semaphore, across app instances by a PostgreSQL advisory lock (SQLite has a single writer anyway),
/// and the primary key on <see cref="AuditEvent.Sequence"/> refuses a forked chain if both ever failed.
/// It writes through its own DbContext so an audit row survives the caller's rollback
/// (a refused or failed action is still recorded).
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditWriter> log)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private const long PostgresAdvisoryLockKey = 0x5241_5050_4f52_5401; // "RAPPORT" + 1

    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", ct);
            }
            var last = await db.AuditEvents.AsNoTracking()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(ct);
            var row = AuditEvent.Chain((last?.Sequence ?? 0) + 1, last?.Hash ?? AuditEvent.GenesisHash, entry, clock.GetUtcNow());
            db.AuditEvents.Add(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An action whose audit cannot be written must not silently succeed.
            log.LogError(ex, "Audit write failed for {Action}", entry.Action);
            throw;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var count = 0L;
        // Streams in order so a long chain is verified without loading it whole.
        var rows = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        ChainBreak? broken = null;
        string previous = AuditEvent.GenesisHash;
        long expected = 1;
        await foreach (var row in rows.WithCancellation(ct))
        {
            count++;
            broken = AuditEvent.FindFirstBreakFrom(expected, previous, row);
            if (broken is not null)
            {
                break;
            }
            previous = row.Hash;
            expected++;
        }
        return new AuditChainReport(count, broken is null, broken?.Sequence, broken?.Reason);
    }
}

public sealed record AuditChainReport(long RowsChecked, bool Intact, long? FirstBrokenSequence, string? Reason);
