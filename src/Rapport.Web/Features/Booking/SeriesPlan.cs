namespace Rapport.Web.Features.Booking;

/// <summary>
/// Checks every occurrence of a weekly series against one calendar load (pure: no database), so the
/// whole course is known to fit, or each clash is known with alternatives, before anything is written.
/// </summary>
public static class SeriesPlan
{
    public sealed record Result(IReadOnlyList<DateTimeOffset> Starts, IReadOnlyList<SeriesConflict> Conflicts);

    /// <summary>The instants a calendar load must cover: the series plus four days either side for alternatives.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(DateTimeOffset firstStartUtc, int count, int everyWeeks = 1) =>
        (firstStartUtc.AddDays(-4), firstStartUtc.AddDays(7 * everyWeeks * (count - 1) + 4));

    /// <summary>Checks <paramref name="count"/> occurrences, one every <paramref name="everyWeeks"/> weeks (a fortnightly IPT contract uses 2).</summary>
    public static Result Check(TherapistCalendar calendar, DateTimeOffset firstStartUtc, int count, DateTimeOffset now, int everyWeeks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyWeeks, 1);
        var (from, to) = Range(firstStartUtc, count, everyWeeks);
        var offered = SlotCalculator.Compute(calendar, from, to, now);
        var offeredStarts = offered.Select(s => s.StartUtc).ToHashSet();
        var starts = new List<DateTimeOffset>(count);
        var conflicts = new List<SeriesConflict>();
        for (var i = 0; i < count; i++)
        {
            // Same wall-clock time each week in the therapist's zone: daylight saving moves the instant, not the hour.
            var start = SlotCalculator.SameLocalTimeWeeksLater(firstStartUtc, i * everyWeeks, calendar.Zone);
            if (start is { } s && offeredStarts.Contains(s))
            {
                starts.Add(s);
                continue;
            }
            conflicts.Add(new SeriesConflict(i + 1, start, BookingService.Explain(calendar, start, now),
                BookingService.Nearby(offered, start ?? firstStartUtc.AddDays(7 * everyWeeks * i))));
        }
        return new Result(starts, conflicts);
    }
}
