using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Rapport.Web.Features.Audit;

/// <summary>
/// After a save (or the transaction around it) commits entries staged with <see cref="Auditor.Stage"/>, waits until
/// the appender has sealed them, so a use case answers only once its change is in the tamper-evident log.
/// The waiting happens after the commit: the entries are durable whatever happens next.
/// </summary>
public sealed class AuditSealInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, List<PendingAuditEntry>> Staged = new();
    private static readonly ConditionalWeakTable<DbContext, List<long>> Committing = new();

    internal static void Track(DbContext db, PendingAuditEntry entry) => Staged.GetOrCreateValue(db).Add(entry);

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Staged.TryGetValue(db, out var staged) && staged.Count > 0)
        {
            // Only what this save wrote: an entry staged before a failed save and then cleared from the unit of work
            // (a retry after a conflict) was never stored, and waiting for its seal would only wait out the timeout.
            var ids = staged.Where(e => db.Entry(e).State == EntityState.Unchanged).Select(e => e.Id).ToList();
            staged.RemoveAll(e => db.Entry(e).State is EntityState.Unchanged or EntityState.Detached);
            if (db.Database.CurrentTransaction is null)
            {
                await Writer.WhenSealedAsync(ids, cancellationToken);
            }
            else
            {
                Committing.GetOrCreateValue(db).AddRange(ids);
            }
        }
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Committing.TryGetValue(db, out var ids) && ids.Count > 0)
        {
            var committed = ids.ToList();
            ids.Clear();
            await Writer.WhenSealedAsync(committed, cancellationToken);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Committing.TryGetValue(db, out var ids))
        {
            ids.Clear();
        }
        return Task.CompletedTask;
    }

    // Resolved lazily: the writer needs scopes of the DbContext this interceptor is part of.
    private AuditWriter Writer => services.GetRequiredService<AuditWriter>();
}
