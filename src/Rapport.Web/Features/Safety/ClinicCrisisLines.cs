using Microsoft.EntityFrameworkCore;
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

    /// <summary>Clears the copy when a save adds, changes or removes a clinic line: before the save and again after it.</summary>
    public sealed class Invalidation(ClinicCrisisLines lines) : ForgetOnSaveInterceptor
    {
        protected override bool Touches(DbContext context) =>
            context.ChangeTracker.Entries<CrisisResource>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

        protected override void Forget() => lines.Forget();
    }
}
