using System.Globalization;
using Rapport.Web.Features.Booking;

namespace Rapport.UnitTests.Features.Booking;

public sealed class ViewerZoneTests
{
    private static readonly ViewerZone London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), IsOwn: true);

    [Fact]
    public void ADayInAnotherYearSaysItsYearEvenWhereTheYearWasNotAskedFor()
    {
        var nextYear = DateTimeOffset.UtcNow.AddYears(1);

        var words = London.DayAndTime(nextYear);

        Assert.Contains(London.Local(nextYear).Year.ToString(CultureInfo.InvariantCulture), words, StringComparison.Ordinal);
    }

    [Fact]
    public void ADayThisYearLeavesTheYearOutUnlessAsked()
    {
        var soon = DateTimeOffset.UtcNow;
        var year = London.Local(soon).Year.ToString(CultureInfo.InvariantCulture);

        Assert.DoesNotContain(year, London.Day(soon), StringComparison.Ordinal);
        Assert.Contains(year, London.Day(soon, withYear: true), StringComparison.Ordinal);
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void ThisYearIsTheAppClocksYearNotTheMachines()
    {
        var zone = London with { Clock = new StoppedClock(new DateTimeOffset(2031, 12, 20, 12, 0, 0, TimeSpan.Zero)) };

        var sameYear = zone.Day(new DateTimeOffset(2031, 12, 29, 10, 0, 0, TimeSpan.Zero));
        var nextYear = zone.Day(new DateTimeOffset(2032, 1, 5, 10, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain("2031", sameYear, StringComparison.Ordinal);
        Assert.EndsWith("5 January 2032", nextYear, StringComparison.Ordinal);
    }
}
