using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class SlotCalculatorTests
{
    private static readonly Guid Therapist = Guid.NewGuid();

    private static TherapistCalendar Calendar(string zone, TimeOnly start, TimeOnly end, IEnumerable<DayOfWeek>? days = null,
        IReadOnlyList<AvailabilityException>? exceptions = null, IReadOnlyList<BusySpan>? busy = null, BookingPolicy? policy = null)
    {
        var windows = (days ?? Enum.GetValues<DayOfWeek>()).Select(d => AvailabilityWindow.Create(Therapist, d, start, end)).ToArray();
        var p = policy ?? BookingPolicy.Default(Therapist);
        return new TherapistCalendar(TimeZoneInfo.FindSystemTimeZoneById(zone), p, windows, exceptions ?? [], busy ?? []);
    }

    private static BookingPolicy Policy(int session = 50, int buffer = 10, int noticeHours = 0, int horizonDays = 365)
    {
        var p = BookingPolicy.Default(Therapist);
        p.Change(session, buffer, noticeHours, horizonDays, 24);
        return p;
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    private static IEnumerable<string> LocalStarts(IReadOnlyList<Slot> slots, string zone) =>
        slots.Select(s => TimeZoneInfo.ConvertTime(s.StartUtc, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    // Spring forward and fall back in Europe, the Americas and the southern hemisphere.
    [InlineData("Europe/Berlin", 2026, 3, 27)]
    [InlineData("Europe/Berlin", 2026, 10, 23)]
    [InlineData("America/New_York", 2026, 3, 6)]
    [InlineData("America/New_York", 2026, 10, 30)]
    [InlineData("Australia/Sydney", 2026, 4, 3)]
    [InlineData("Australia/Sydney", 2026, 10, 2)]
    public void NineOClockStaysNineOClockLocalAcrossADaylightSavingChange(string zone, int y, int m, int d)
    {
        var calendar = Calendar(zone, new TimeOnly(9, 0), new TimeOnly(10, 0), policy: Policy());
        var from = Utc(y, m, d);

        var slots = SlotCalculator.Compute(calendar, from, from.AddDays(5), from.AddDays(-30));

        var local = LocalStarts(slots, zone).ToArray();
        Assert.Equal(5, local.Length);
        Assert.All(local, l => Assert.EndsWith(" 09:00", l, StringComparison.Ordinal));
        // The UTC instants differ by an hour across the change: the offset moved, the wall clock did not.
        Assert.Equal(2, slots.Select(s => s.StartUtc.TimeOfDay).Distinct().Count());
    }

    [Fact]
    public void AWindowInsideTheSpringForwardGapOffersNothingThatDay()
    {
        // Berlin 2026-03-29: 02:00 jumps to 03:00; a 02:00–03:00 window does not exist that night.
        var calendar = Calendar("Europe/Berlin", new TimeOnly(2, 0), new TimeOnly(3, 0), policy: Policy());

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 3, 28), Utc(2026, 3, 31), Utc(2026, 1, 1));

        Assert.Equal(["2026-03-28 02:00", "2026-03-30 02:00"], LocalStarts(slots, "Europe/Berlin"));
    }

    [Fact]
    public void ATimeThatHappensTwiceAtFallBackMeansItsFirstOccurrence()
    {
        // New York 2026-11-01: 01:00–02:00 happens twice; the slot is the earlier instant (EDT, UTC-4).
        var calendar = Calendar("America/New_York", new TimeOnly(1, 0), new TimeOnly(2, 0), policy: Policy());

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 11, 1), Utc(2026, 11, 1, 12), Utc(2026, 1, 1));

        Assert.Equal(Utc(2026, 11, 1, 5), Assert.Single(slots).StartUtc);
    }

    [Fact]
    public void AHalfHourOffsetZoneGetsSlotsOnItsOwnWallClock()
    {
        var calendar = Calendar("Asia/Kolkata", new TimeOnly(18, 0), new TimeOnly(20, 0), policy: Policy());

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 12, 1), Utc(2026, 12, 2), Utc(2026, 1, 1));

        Assert.Equal([Utc(2026, 12, 1, 12, 30), Utc(2026, 12, 1, 13, 30)], slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void SlotsAreSpacedBySessionPlusBufferAndFitInsideTheWindow()
    {
        var calendar = Calendar("UTC", new TimeOnly(9, 0), new TimeOnly(12, 0), policy: Policy(session: 50, buffer: 10));

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 12, 1), Utc(2026, 12, 2), Utc(2026, 1, 1));

        Assert.Equal([Utc(2026, 12, 1, 9), Utc(2026, 12, 1, 10), Utc(2026, 12, 1, 11)], slots.Select(s => s.StartUtc));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(50), s.EndUtc - s.StartUtc));
    }

    [Fact]
    public void TimeOffAndBookedTimeWithItsBufferAreNotOffered()
    {
        var off = AvailabilityException.Create(Therapist, ExceptionKind.TimeOff, Utc(2026, 12, 2), Utc(2026, 12, 3), "holiday");
        var busy = new BusySpan(Utc(2026, 12, 1, 10), Utc(2026, 12, 1, 11));
        var calendar = Calendar("UTC", new TimeOnly(9, 0), new TimeOnly(12, 0), exceptions: [off], busy: [busy], policy: Policy());

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 12, 1), Utc(2026, 12, 3), Utc(2026, 1, 1));

        Assert.Equal([Utc(2026, 12, 1, 9), Utc(2026, 12, 1, 11)], slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void ExtraHoursAddSlotsOutsideTheWeeklyWindows()
    {
        var extra = AvailabilityException.Create(Therapist, ExceptionKind.ExtraHours, Utc(2026, 12, 5, 18), Utc(2026, 12, 5, 20), "Saturday evening");
        var calendar = Calendar("UTC", new TimeOnly(9, 0), new TimeOnly(10, 0), days: [DayOfWeek.Monday], exceptions: [extra], policy: Policy());

        var slots = SlotCalculator.Compute(calendar, Utc(2026, 12, 5), Utc(2026, 12, 6), Utc(2026, 1, 1));

        Assert.Equal([Utc(2026, 12, 5, 18), Utc(2026, 12, 5, 19)], slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void MinimumNoticeAndHorizonBoundWhatIsOffered()
    {
        var calendar = Calendar("UTC", new TimeOnly(9, 0), new TimeOnly(10, 0), policy: Policy(noticeHours: 48, horizonDays: 7));
        var now = Utc(2026, 12, 1, 8);

        var slots = SlotCalculator.Compute(calendar, now, now.AddDays(30), now);

        // 48 h from 1 Dec 08:00 is 3 Dec 08:00; 7 days is 8 Dec 08:00, so 8 Dec 09:00 is out of reach.
        Assert.Equal(Utc(2026, 12, 3, 9), slots[0].StartUtc);
        Assert.Equal(Utc(2026, 12, 7, 9), slots[^1].StartUtc);
    }

    [Fact]
    public void TheFirstFreeTimeSkipsAFullyTakenFirstWeek()
    {
        var off = AvailabilityException.Create(Therapist, ExceptionKind.TimeOff, Utc(2026, 12, 1), Utc(2026, 12, 9, 10), "away");
        var calendar = Calendar("UTC", new TimeOnly(9, 0), new TimeOnly(12, 0), exceptions: [off], policy: Policy());

        var first = SlotCalculator.FirstFree(calendar, Utc(2026, 12, 1), Utc(2026, 12, 29), Utc(2026, 11, 1));

        Assert.Equal(Utc(2026, 12, 9, 10), first?.StartUtc);
        Assert.Equal(SlotCalculator.Compute(calendar, Utc(2026, 12, 1), Utc(2026, 12, 29), Utc(2026, 11, 1))[0], first);
    }

    [Fact]
    public void AWeeklySeriesKeepsTheLocalTimeAcrossTheClockChange()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var first = Utc(2026, 10, 20, 16); // 18:00 CEST

        var nextWeek = SlotCalculator.SameLocalTimeWeeksLater(first, 1, zone);

        Assert.Equal(Utc(2026, 10, 27, 17), nextWeek); // 18:00 CET
    }
}
