using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Rapport.Web.Data;

namespace Rapport.Web.Features.Safety;

/// <summary>
/// The clinic's own crisis lines, kept in memory: every patient page shows crisis lines, the clinic has a handful and
/// changes them rarely (readme, rule on crisis lines). A save on this instance that touches one clears the copy at once;
/// another instance reads the change within <see cref="KeptFor"/>.
/// </summary>
public sealed class ClinicCrisisLines(IMemoryCache cache)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private static readonly object Key = new();

    public async Task<IReadOnlyList<CrisisResource>> AllAsync(AppDbContext db, CancellationToken ct)
    {
        if (cache.TryGetValue(Key, out IReadOnlyList<CrisisResource>? lines) && lines is not null)
        {
            return lines;
        }
        lines = await db.CrisisResources.AsNoTracking().ToListAsync(ct);
        cache.Set(Key, lines, KeptFor);
        return lines;
    }

    public void Forget() => cache.Remove(Key);

    /// <summary>Clears the copy when a save adds, changes or removes a clinic line: before the save and again after its commit.</summary>
    public sealed class Invalidation(ClinicCrisisLines lines) : SaveChangesInterceptor
    {
        // Saves that touch a clinic line, so they clear the copy again once committed: a request between the first
        // clearing and the commit may have kept the old lines, and a removed line is no longer tracked by then.
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> touching = [];

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Before(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Before(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            After(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return Task.CompletedTask;
        }

        private void Before(DbContext? context)
        {
            if (context is not null && context.ChangeTracker.Entries<CrisisResource>()
                    .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                touching.AddOrUpdate(context, this);
                lines.Forget();
            }
        }

        private void After(DbContext? context)
        {
            if (context is not null && touching.Remove(context))
            {
                lines.Forget();
            }
        }
    }
}
