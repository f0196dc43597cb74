using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class SeriesPlanTests
{
    private static readonly Guid Therapist = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private static TherapistCalendar Berlin(IReadOnlyList<AvailabilityException>? exceptions = null, IReadOnlyList<BusySpan>? busy = null)
    {
        var policy = BookingPolicy.Default(Therapist);
        policy.Change(50, 10, 0, 365, 24);
        var windows = Enum.GetValues<DayOfWeek>().Select(d => AvailabilityWindow.Create(Therapist, d, new TimeOnly(17, 0), new TimeOnly(20, 0))).ToArray();
        return new TherapistCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), policy, windows, exceptions ?? [], busy ?? []);
    }

    [Fact]
    public void SixteenWeeksAcrossTheAutumnClockChangeAllFitAtTheSameLocalHour()
    {
        var first = new DateTimeOffset(2026, 9, 15, 16, 0, 0, TimeSpan.Zero); // 18:00 CEST

        var plan = SeriesPlan.Check(Berlin(), first, 16, Now);

        Assert.Empty(plan.Conflicts);
        Assert.Equal(16, plan.Starts.Count);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(plan.Starts, s => Assert.Equal(18, TimeZoneInfo.ConvertTime(s, zone).Hour));
    }

    [Fact]
    public void EveryClashIsReportedNotJustTheFirstWithNearbyAlternatives()
    {
        var first = new DateTimeOffset(2026, 9, 15, 16, 0, 0, TimeSpan.Zero);
        var off = AvailabilityException.Create(Therapist, ExceptionKind.TimeOff, first.AddDays(14).AddHours(-1), first.AddDays(14).AddHours(1), "away");
        // Week 12 is after the clock change: 18:00 CET is 17:00 UTC, an hour later than week 1's instant.
        var taken = new BusySpan(first.AddDays(77).AddHours(1), first.AddDays(77).AddHours(2));

        var plan = SeriesPlan.Check(Berlin([off], [taken]), first, 16, Now);

        Assert.Equal([3, 12], plan.Conflicts.Select(c => c.Index));
        Assert.Equal("The therapist is away then.", plan.Conflicts[0].Reason);
        Assert.Equal("That time is already booked.", plan.Conflicts[1].Reason);
        Assert.All(plan.Conflicts, c => Assert.NotEmpty(c.Alternatives));
    }
}
