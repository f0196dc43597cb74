using Microsoft.Extensions.Caching.Memory;
using Rapport.Web.Features.Booking;
using Rapport.Web.Features.Therapists;

namespace Rapport.UnitTests.Features.Booking;

public sealed class NextFreeCacheTests
{
    private static readonly Slot Monday = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 9, 50, 0, TimeSpan.Zero));

    [Fact]
    public void AKnownNextFreeTimeIsServedUntilTheTherapistIsForgotten()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new NextFreeCache(memory);
        var therapist = Guid.NewGuid();
        cache.Set(therapist, 28, Monday);

        Assert.True(cache.TryGet(therapist, 28, out var slot));
        Assert.Equal(Monday, slot);

        cache.Forget(therapist);

        Assert.False(cache.TryGet(therapist, 28, out _));
    }

    [Fact]
    public void NoFreeTimeIsRememberedToo()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new NextFreeCache(memory);
        var therapist = Guid.NewGuid();
        cache.Set(therapist, 7, null);

        Assert.True(cache.TryGet(therapist, 7, out var slot));
        Assert.Null(slot);
        Assert.False(cache.TryGet(therapist, 14, out _));
    }
}
