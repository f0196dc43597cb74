using BenchmarkDotNet.Attributes;
using Rapport.Web.Features.Booking;

namespace Rapport.Benchmarks;

/// <summary>
/// Booking's targets (docs/performance.md, "Booking"): slot expansion for one therapist over 28 days, and the 16-occurrence series
/// check, each under 5 ms. The calendar is realistic: weekday windows morning and afternoon in a
/// zone with daylight saving, a week of time off, and a busy diary (4 bookings a day).
/// </summary>
[MemoryDiagnoser]
public class BookingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 6, 0, 0, TimeSpan.Zero);
    private TherapistCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        var id = Guid.NewGuid();
        var policy = BookingPolicy.Default(id);
        policy.Change(50, 10, 12, 180, 24);
        var windows = new List<AvailabilityWindow>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            windows.Add(AvailabilityWindow.Create(id, day, new TimeOnly(9, 0), new TimeOnly(12, 0)));
            windows.Add(AvailabilityWindow.Create(id, day, new TimeOnly(14, 0), new TimeOnly(19, 0)));
        }
        var off = AvailabilityException.Create(id, ExceptionKind.TimeOff, Now.AddDays(40), Now.AddDays(47), "holiday");
        var busy = Enumerable.Range(0, 140).SelectMany(d => new[] { 8, 10, 14, 16 }.Select(h =>
            new BusySpan(Now.Date.AddDays(d).AddHours(h), Now.Date.AddDays(d).AddHours(h + 1)))).ToArray();
        _calendar = new TherapistCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), policy, windows, [off], busy);
    }

    [Benchmark]
    public int ExpandSlotsFor28Days() => SlotCalculator.Compute(_calendar, Now, Now.AddDays(28), Now).Count;

    [Benchmark]
    public int CheckASixteenWeekSeries() => SeriesPlan.Check(_calendar, new DateTimeOffset(2026, 10, 6, 15, 0, 0, TimeSpan.Zero), 16, Now).Starts.Count;
}
