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
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Forget(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Forget(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Forget(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Forget(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void Forget(DbContext? context)
        {
            // After a commit the entries are Unchanged again, so any tracked line counts: a page that loaded lines to
            // change them is the only kind of unit of work that tracks them.
            if (context is not null && context.ChangeTracker.Entries<CrisisResource>().Any())
            {
                lines.Forget();
            }
        }
    }
}
