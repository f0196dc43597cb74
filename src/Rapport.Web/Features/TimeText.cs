using System.Globalization;

namespace Rapport.Web.Features;

/// <summary>Wall times and dates in words, the same whatever the server's culture ("14:00", "Monday 30 November").</summary>
public static class TimeText
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Time(TimeOnly t) => t.ToString("HH:mm", English);

    public static string Time(DateTime local) => local.ToString("HH:mm", English);

    public static string Range(TimeOnly start, TimeOnly end) => $"{Time(start)}–{Time(end)}";

    public static string Range(DateTime start, DateTime end) => $"{Time(start)}–{Time(end)}";

    /// <summary>"Monday 30 November".</summary>
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM", English);

    /// <summary>"Mon 30 Nov 2026, 14:00".</summary>
    public static string DayAndTime(DateTime local) => local.ToString("ddd d MMM yyyy, HH:mm", English);

    /// <summary>"Mon 30 Nov 2026, 08:00–12:00" within a day, else "Mon 30 Nov 2026, 08:00 to Wed 2 Dec 2026, 17:00".</summary>
    public static string Span(DateTime start, DateTime end) =>
        start.Date == end.Date ? $"{DayAndTime(start)}–{Time(end)}" : $"{DayAndTime(start)} to {DayAndTime(end)}";

    /// <summary>"30 November 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);
}
