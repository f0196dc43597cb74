namespace Rapport.Web.Features;

/// <summary>
/// Days and weeks as a person reads them on their own wall clock, turned into UTC ranges for queries. Shared by every
/// feature that shows or takes a local time (booking, cover periods, rotas, maintenance plans).
/// </summary>
public static class WallClock
{
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The Monday that starts the week holding <paramref name="date"/> (weeks run Monday to Sunday).</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>
    /// The first instant of a local day. Where the clocks spring forward at midnight (e.g. America/Santiago)
    /// midnight does not exist and the day starts at the first wall time that does.
    /// </summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        for (var step = 0; step <= 24 * 4; step++)
        {
            if (ToUtc(local.AddMinutes(15 * step), zone) is { } start)
            {
                return start;
            }
        }
        throw new InvalidOperationException($"No valid wall time on {date} in {zone.Id}.");
    }

    /// <summary>The instant a wall-clock time in a zone names: null inside a spring-forward gap, the first one in a fall-back overlap.</summary>
    public static DateTimeOffset? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>A UTC instant as wall time in the zone.</summary>
    public static DateTime Local(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;
}
