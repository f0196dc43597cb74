namespace Rapport.Web.Features.Booking;

/// <summary>A bookable time, as instants; pages and the API show it in the viewer's zone.</summary>
public readonly record struct Slot(DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary>A span of a therapist's time that is taken: a booked appointment including its buffer.</summary>
public readonly record struct BusySpan(DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary>Everything slot maths needs about one therapist, loaded with a fixed number of queries.</summary>
public sealed record TherapistCalendar(
    TimeZoneInfo Zone,
    BookingPolicy Policy,
    IReadOnlyList<AvailabilityWindow> Windows,
    IReadOnlyList<AvailabilityException> Exceptions,
    IReadOnlyList<BusySpan> Busy);

/// <summary>
/// Pure slot maths. Weekly windows are wall-clock times in the therapist's zone, turned into instants
/// date by date, so 09:00 stays 09:00 local on both sides of a daylight-saving change. A wall time that
/// does not exist (the spring-forward gap) offers no slot; a wall time that happens twice (fall-back)
/// means its first occurrence.
/// </summary>
public static class SlotCalculator
{
    public static IReadOnlyList<Slot> Compute(TherapistCalendar calendar, DateTimeOffset fromUtc, DateTimeOffset toUtc, DateTimeOffset now)
    {
        var policy = calendar.Policy;
        var earliest = Max(fromUtc, now + policy.MinimumNotice);
        var latest = Min(toUtc, now + policy.Horizon);
        if (latest <= earliest)
        {
            return [];
        }

        var step = policy.Session + policy.Buffer;
        var candidates = new List<DateTimeOffset>();
        var firstDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(earliest, calendar.Zone).DateTime).AddDays(-1);
        var lastDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest, calendar.Zone).DateTime).AddDays(1);
        var windowsByDay = calendar.Windows.ToLookup(w => w.Day);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            foreach (var window in windowsByDay[date.DayOfWeek])
            {
                var t = window.Start;
                while (t.Add(policy.Session, out var wrapped) is var end && wrapped == 0 && end <= window.End)
                {
                    if (WallClock.ToUtc(date.ToDateTime(t), calendar.Zone) is { } start)
                    {
                        candidates.Add(start);
                    }
                    t = t.Add(step, out wrapped);
                    if (wrapped > 0)
                    {
                        break;
                    }
                }
            }
        }
        foreach (var extra in calendar.Exceptions.Where(e => e.Kind == ExceptionKind.ExtraHours))
        {
            for (var start = extra.StartUtc; start + policy.Session <= extra.EndUtc; start += step)
            {
                candidates.Add(start);
            }
        }

        var timeOff = calendar.Exceptions.Where(e => e.Kind == ExceptionKind.TimeOff).ToArray();
        var busy = calendar.Busy;
        var slots = new List<Slot>();
        foreach (var start in candidates.Distinct().Order())
        {
            if (start < earliest || start >= latest)
            {
                continue;
            }
            var end = start + policy.Session;
            var blockedUntil = end + policy.Buffer;
            if (timeOff.Any(o => o.StartUtc < end && start < o.EndUtc) || busy.Any(b => b.StartUtc < blockedUntil && start < b.EndUtc))
            {
                continue;
            }
            slots.Add(new Slot(start, end));
        }
        return slots;
    }

    /// <summary>
    /// The first bookable time in a range, looking one week at a time so that the directory (which needs only
    /// "next free time" for many therapists) stops at the first hit instead of expanding the whole range.
    /// </summary>
    public static Slot? FirstFree(TherapistCalendar calendar, DateTimeOffset fromUtc, DateTimeOffset toUtc, DateTimeOffset now)
    {
        for (var start = fromUtc; start < toUtc; start = start.AddDays(7))
        {
            var end = start.AddDays(7) < toUtc ? start.AddDays(7) : toUtc;
            if (Compute(calendar, start, end, now) is [var first, ..])
            {
                return first;
            }
        }
        return null;
    }

    /// <summary>The same wall-clock time <paramref name="weeks"/> weeks later, in the therapist's zone (a weekly series).</summary>
    public static DateTimeOffset? SameLocalTimeWeeksLater(DateTimeOffset firstUtc, int weeks, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(firstUtc, zone).DateTime;
        return WallClock.ToUtc(local.AddDays(7 * weeks), zone);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
