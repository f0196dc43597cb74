using Microsoft.Extensions.Caching.Memory;

namespace Rapport.Web.Features.Booking;

/// <summary>
/// Each therapist's next free time, as the directory shows it, kept for 30 seconds. The directory is a
/// guide, not a promise: booking always re-checks the slot against the database. A booking, cancellation
/// or move on this instance, and an availability change, forget the therapist at once; changes made on
/// other instances age out within 30 seconds.
/// </summary>
public sealed class NextFreeCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Entry(Slot? Slot);

    public bool TryGet(Guid therapistId, int days, out Slot? slot)
    {
        if (cache.TryGetValue(Key(therapistId, days), out Entry? entry) && entry is not null)
        {
            slot = entry.Slot;
            return true;
        }
        slot = null;
        return false;
    }

    /// <summary>
    /// Entries live 20–30 seconds, spread by therapist, so that a thousand therapists cached by one request do not
    /// all expire in the same instant and make the next requests recompute them together.
    /// </summary>
    public void Set(Guid therapistId, int days, Slot? slot) =>
        cache.Set(Key(therapistId, days), new Entry(slot), Lifetime - TimeSpan.FromMilliseconds((therapistId.GetHashCode() & 0x7fffffff) % 10_000));

    /// <summary>Drops every entry of this therapist (a new generation makes the old keys unreachable).</summary>
    public void Forget(Guid therapistId) =>
        cache.Set(("next-free-generation", therapistId), Generation(therapistId) + 1, TimeSpan.FromHours(1));

    private int Generation(Guid therapistId) =>
        cache.TryGetValue(("next-free-generation", therapistId), out int g) ? g : 0;

    private (string, Guid, int, int) Key(Guid therapistId, int days) => ("next-free", therapistId, days, Generation(therapistId));
}
